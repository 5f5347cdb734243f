"""The desk's public URLs, under /desk/ (and /en/desk/)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.hub, name="hub"),
    path("done/", views.done, name="done"),
    # The follow-up lives at /track/; /desk/track/ leads there.
    path("track/", RedirectView.as_view(pattern_name="desk_track:lookup"), name="track"),
    path("<slug:channel>/", views.channel_form, name="form"),
]
