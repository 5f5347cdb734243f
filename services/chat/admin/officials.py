"""Who answers which unit's chats (kept by the unit's managers), the chat view log
(auditors), and the admin menu group that
gathers them with the console."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.staff_admin import StaffViewLogAdmin, UnitStaffAdmin

from .. import domain
from ..models import ChatMembership, ChatViewLog
from .transcripts import MANAGER_FENCE, TranscriptAdmin


class MembershipAdmin(UnitStaffAdmin):
    model = ChatMembership
    menu_label = gettext_lazy("Chat officials")
    base_url_path = "chat/officials"
    fence = MANAGER_FENCE
    member_fields = ("is_manager",)
    list_display = ("user", "unit", "is_manager", "created_at")


class ChatViewLogAdmin(StaffViewLogAdmin):
    model = ChatViewLog
    menu_label = gettext_lazy("Who viewed which chat")
    base_url_path = "chat/views"
    list_display = ("at", "user", "action", "session")
    search_fields = ("session__tracking_code", "user__username")
    list_select_related = ("user", "session")


class ConsoleMenuItem(MenuItem):
    def is_shown(self, request):
        return domain.is_official(request.user)


class CannedRepliesMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or user.has_perm("chat.change_cannedreply")


class ChatAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Live chat")
    menu_icon = "comment"
    menu_order = 260
    items = (TranscriptAdmin, MembershipAdmin, ChatViewLogAdmin)

    def get_submenu_items(self):
        return [
            ConsoleMenuItem(
                gettext_lazy("Chat console"),
                reverse("chat_console"),
                name="chat-console",
                icon_name="comment",
                order=1,
            ),
            *super().get_submenu_items(),
            CannedRepliesMenuItem(
                gettext_lazy("Canned replies"),
                reverse("wagtailsnippets_chat_cannedreply:list"),
                name="chat-canned-replies",
                icon_name="list-ul",
                order=900,
            ),
        ]

    def is_shown(self, request):
        return domain.is_official(request.user) or request.user.has_perm("chat.change_cannedreply")
