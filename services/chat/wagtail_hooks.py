"""Registers the chat's admin screens (defined in ``admin/``): the console and its HTTP
fallback, the managers' chats and officials, the view log, the canned replies."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from .admin import CannedReplyViewSet, ChatAdminGroup, ConsoleView, FrameView, PollView

register_snippet(CannedReplyViewSet)
modeladmin_register(ChatAdminGroup)


@hooks.register("register_admin_urls")
def register_console_urls():
    return [
        path("chat/console/", ConsoleView.as_view(), name="chat_console"),
        path("chat/console/api/poll/", PollView.as_view(), name="chat_console_poll"),
        path("chat/console/api/frame/", FrameView.as_view(), name="chat_console_frame"),
    ]
