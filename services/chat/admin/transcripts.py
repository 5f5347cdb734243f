"""Managers' screens of their units' chats (live and past) and figures, on the
back-office base (:mod:`cms.backoffice`): the per-unit fence on every route, declared
listing parameters only, safe and logged exports, history, and every transcript opened
recorded in the chat's view log."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.backoffice.fence import UnitFence
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.views import FencedHistoryView, FencedIndexView, FencedInspectView
from cms.formatting import fa_digits, jdatetime

from ..enums import ViewAction
from ..metrics import unit_figures
from ..models import ChatSession, ChatViewLog


def managed_unit_ids(user) -> set[int]:
    """The units whose chats ``user`` manages (past chats, figures)."""
    return set(user.chat_memberships.filter(is_manager=True).values_list("unit_id", flat=True))


MANAGER_FENCE = UnitFence(managed_unit_ids)

# The base's view log actions, as the chat's view log names them.
VIEW_ACTIONS = {
    "inspect": ViewAction.TRANSCRIPT,
    "history": ViewAction.TRANSCRIPT,
    "edit": ViewAction.TRANSCRIPT,
    "export": ViewAction.EXPORT,
}


class TranscriptIndexView(FencedIndexView):
    """The list, with the figures of the manager's units over the last 30 days."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = (
            ChatSession.objects.values_list("unit_id", flat=True).distinct()
            if user.is_superuser
            else MANAGER_FENCE.units(user)
        )
        end = timezone.now()
        context["figures"] = unit_figures(units, end - timedelta(days=30), end, now=end)
        return context


class TranscriptInspectView(FencedInspectView):
    """The whole conversation as it happened, internal notes and transfers included."""

    def get_context_data(self, **kwargs):
        session = self.instance
        context = {
            "chat": session,
            "chat_messages": session.messages.select_related("author", "attachment"),
            "transfers": session.transfers.select_related(
                "from_unit", "to_unit", "from_official", "to_official", "by"
            ),
            "transitions": session.transitions.select_related("user"),
            "history_url": self.url_helper.get_action_url("history", session.pk),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class TranscriptHistoryView(FencedHistoryView):
    template_name = "chat/admin/history.html"


class TranscriptAdmin(FencedModelAdmin):
    model = ChatSession
    menu_label = gettext_lazy("Chats")
    menu_icon = "comment"
    base_url_path = "chat/transcripts"
    fence = MANAGER_FENCE
    index_view_class = TranscriptIndexView
    inspect_view_class = TranscriptInspectView
    history_view_class = TranscriptHistoryView
    index_template_name = "chat/admin/transcripts_index.html"
    inspect_template_name = "chat/admin/transcript.html"
    view_log_model = ChatViewLog
    view_log_field = "session"
    list_per_page = 50
    list_display = (
        "code_column",
        "name",
        "unit",
        "state",
        "official",
        "started_column",
        "first_reply_column",
        "rating",
    )
    list_display_add_buttons = "code_column"
    list_filter = (
        "state",
        ("unit", RelatedOnlyFieldListFilter),
        ("official", RelatedOnlyFieldListFilter),
    )
    search_fields = ("tracking_code", "name")
    list_select_related = ("unit", "official")
    list_export = (
        "tracking_code_display",
        "created_at",
        "get_state_display",
        "unit",
        "official",
        "accepted_at",
        "first_reply_at",
        "ended_at",
        "rating",
        "converted_code",
    )
    export_headings = {
        "tracking_code_display": gettext_lazy("Tracking code"),
        "get_state_display": gettext_lazy("State"),
    }
    export_filename = "chats"

    def get_listing_queryset(self, request):
        return ChatSession.objects.select_related("unit", "official").order_by("-created_at", "-pk")

    def record_views(self, objects, user, action, **extra):
        super().record_views(objects, user, VIEW_ACTIONS.get(action, action), **extra)

    def code_column(self, obj):
        return format_html('<span dir="ltr">{}</span>', obj.tracking_code_display)

    code_column.short_description = gettext_lazy("Tracking code")
    code_column.admin_order_field = "tracking_code"

    def started_column(self, obj):
        return jdatetime(obj.created_at, "short")

    started_column.short_description = gettext_lazy("Started")
    started_column.admin_order_field = "created_at"

    def first_reply_column(self, obj):
        if obj.first_reply_at is None:
            return "—"
        minutes = (obj.first_reply_at - obj.created_at).total_seconds() / 60
        return _("%(minutes)s min") % {"minutes": fa_digits(f"{minutes:.1f}")}

    first_reply_column.short_description = gettext_lazy("First reply after")
