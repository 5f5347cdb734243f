"""The chat's public addresses, under /chat/ (and /en/chat/)."""

from django.urls import path

from . import api, track, views

app_name = "chat"
urlpatterns = [
    path("", views.hub, name="hub"),
    path("conversation/", views.conversation, name="conversation"),
    path("new/", views.new_chat, name="new"),
    path("to-desk/", views.to_desk, name="to_desk"),
    path("files/<int:attachment_id>/", track.download, name="file"),
    path("track/", track.lookup, name="track"),
    path("track/transcript/", track.transcript, name="transcript"),
    path("api/status/", api.status, name="api_status"),
    path("api/poll/", api.poll, name="api_poll"),
    path("api/send/", api.send, name="api_send"),
    path("api/typing/", api.typing, name="api_typing"),
    path("api/read/", api.read, name="api_read"),
    path("api/end/", api.end, name="api_end"),
    path("api/rate/", api.rate, name="api_rate"),
    path("api/convert/", api.convert, name="api_convert"),
]
