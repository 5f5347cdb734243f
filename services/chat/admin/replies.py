"""The canned replies in the admin (a Wagtail snippet), fenced per unit.

A unit's chat managers keep their units' replies; Editors and superusers keep every
unit's. The fence is the back office's (:class:`cms.backoffice.fence.UnitFence`), applied
to the listing, to every route that names a reply (edit, delete, copy, history, usage,
revisions...: another unit's reply is a 404), to the chooser, to the permission policy
(bulk actions ask it) and to the unit a reply may be given. A reply changed by another
unit's manager would reach citizens through that unit's officials with one click.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList

from cms.backoffice.fence import UnitFence
from cms.backoffice.snippets import FencedSnippetViewSet, FencedUnitForm, fence_snippet

from ..models import CannedReply
from .setup import EDITORS_GROUP
from .transcripts import managed_unit_ids


def in_editors_group(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.groups.filter(name=EDITORS_GROUP).exists()
    )


class ReplyFence(UnitFence):
    """The managers' units; Editors keep every unit's replies, as superusers do."""

    def admits(self, user) -> bool:
        return super().admits(user) or self.editor(user)

    def narrow(self, user, queryset):
        return queryset if self.editor(user) else super().narrow(user, queryset)

    def can_see(self, user, obj) -> bool:
        return super().can_see(user, obj) or self.editor(user)

    def unit_choices(self, user, units):
        return units if self.editor(user) else super().unit_choices(user, units)

    def editor(self, user) -> bool:
        # Asked once per request, like the units (kept on the user object).
        cached = getattr(user, "_canned_reply_editor", None)
        if cached is None:
            cached = in_editors_group(user)
            if getattr(user, "is_authenticated", False):
                user._canned_reply_editor = cached
        return cached


REPLY_FENCE = ReplyFence(managed_unit_ids)
fence_snippet(CannedReply, REPLY_FENCE)


class CannedReplyViewSet(FencedSnippetViewSet):
    """Editors (and the units' chat managers, for their units) keep the canned replies."""

    model = CannedReply
    icon = "comment"
    menu_label = gettext_lazy("Canned replies")
    url_prefix = "chat/canned-replies"
    list_display = ["title", "unit", "language", "is_active", "sort_order"]
    list_filter = ["unit", "language", "is_active"]
    search_fields = ["title", "body"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit", widget=forms.Select),
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("language"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
        ],
        base_form_class=FencedUnitForm,
    )
