"""The follow-up of requests, at /track/ (and /en/track/).

Mounted by the plugin contract's ``extra_url_prefixes`` under the namespace
``desk_track``. Nothing personal is in these URLs: the opened request is in the session.
"""

from django.urls import path

from . import mine, views

app_name = "desk_track"
urlpatterns = [
    path("", views.track_lookup, name="lookup"),
    path("request/", views.track_detail, name="detail"),
    path("request/message/", views.track_message, name="message"),
    path("request/withdraw/", views.track_withdraw, name="withdraw"),
    path("request/rate/", views.track_rate, name="rate"),
    path("request/meeting/", views.track_meeting, name="meeting"),
    path("request/files/<int:attachment_id>/", views.track_download, name="download"),
    path("close/", views.track_close, name="close"),
    # "My requests": every submission made with a mobile number proven by SMS.
    path("mine/", mine.mine_lookup, name="mine"),
    path("mine/code/", mine.mine_code, name="mine_code"),
    path("mine/list/", mine.mine_list, name="mine_list"),
    path("mine/open/", mine.mine_open, name="mine_open"),
    path("mine/close/", mine.mine_close, name="mine_close"),
]
