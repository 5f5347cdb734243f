"""The loans plugin's public URLs, under /loans/ (and /en/loans/).

Nothing personal is in these URLs: an opened application lives in the session.
"""

from django.urls import path

from . import views

app_name = "loans"
urlpatterns = [
    path("", views.index, name="index"),
    path("apply/<slug:slug>/", views.apply, name="apply"),
    path("done/", views.done, name="done"),
    path("track/", views.track_lookup, name="track"),
    path("track/application/", views.track_detail, name="track_detail"),
    path("track/application/correct/", views.track_correct, name="track_correct"),
    path("track/application/cancel/", views.track_cancel, name="track_cancel"),
    path("track/close/", views.track_close, name="track_close"),
]
