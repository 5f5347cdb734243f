"""The chat's WebSocket routes, mounted by ``cms/asgi.py`` through the plugin registry."""

from django.urls import path

from .consumers import CitizenSocket, StaffSocket

websocket_urlpatterns = [
    path("ws/chat/", CitizenSocket.as_asgi()),
    path("ws/chat/staff/", StaffSocket.as_asgi()),
]
