"""Who answers which unit's chats (kept by the unit's managers), the chat view log
(auditors), the canned replies (a snippet editors keep), and the admin menu group that
gathers them with the console."""

from __future__ import annotations

from django import forms
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.fence import Fence
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.permissions import FencedPermissionHelper

from .. import domain
from ..models import ChatMembership, ChatViewLog
from .transcripts import MANAGER_FENCE, TranscriptAdmin


class MembershipPermissionHelper(FencedPermissionHelper):
    """A unit's chat managers keep its list of officials (add, change, remove)."""

    def user_can_delete_obj(self, user, obj):
        return self.user_has_action_permission(user, "delete") and self.fence.can_see(user, obj)


class MembershipForm(WagtailAdminModelForm):
    """A manager adds officials only to the units they manage."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            units = self.fields["unit"].queryset
            self.fields["unit"].queryset = units.filter(pk__in=MANAGER_FENCE.units(for_user))


class MembershipAdmin(FencedModelAdmin):
    model = ChatMembership
    menu_label = gettext_lazy("Chat officials")
    menu_icon = "group"
    base_url_path = "chat/officials"
    fence = MANAGER_FENCE
    permission_helper_class = MembershipPermissionHelper
    inspect_view_enabled = False
    staff_can_create = True
    staff_can_edit = True
    list_display = ("user", "unit", "is_manager", "created_at")
    list_filter = ("is_manager", ("unit", RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__title")
    list_select_related = ("user", "unit")
    edit_handler = ObjectList(
        [
            FieldPanel("user", widget=forms.Select),
            FieldPanel("unit", widget=forms.Select),
            FieldPanel("is_manager"),
        ],
        base_form_class=MembershipForm,
    )


class AuditorFence(Fence):
    """The view log is read by superusers (auditors) only."""

    def admits(self, user):
        return bool(getattr(user, "is_active", False) and user.is_superuser)


class ChatViewLogAdmin(FencedModelAdmin):
    model = ChatViewLog
    menu_label = gettext_lazy("Who viewed which chat")
    menu_icon = "view"
    base_url_path = "chat/views"
    fence = AuditorFence()
    inspect_view_enabled = False
    history_view_enabled = False
    list_display = ("at", "user", "action", "session")
    list_filter = ("action",)
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
