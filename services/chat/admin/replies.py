"""The canned replies in the admin (a Wagtail snippet), fenced per unit.

A unit's chat managers keep their units' replies; Editors and superusers keep every
unit's. The fence is the back office's (:class:`cms.backoffice.fence.UnitFence`), applied
to the listing, to every route that names a reply (edit, delete, copy, history, usage,
revisions...: another unit's reply is a 404), to the chooser, to the permission policy
(bulk actions ask it) and to the unit a reply may be given. A reply changed by another
unit's manager would reach citizens through that unit's officials with one click.
"""

from __future__ import annotations

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.backoffice.fence import UnitFence, registry

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

    def editor(self, user) -> bool:
        # Asked once per request, like the units (kept on the user object).
        cached = getattr(user, "_canned_reply_editor", None)
        if cached is None:
            cached = in_editors_group(user)
            if getattr(user, "is_authenticated", False):
                user._canned_reply_editor = cached
        return cached


REPLY_FENCE = ReplyFence(managed_unit_ids)
registry.register(CannedReply, REPLY_FENCE)


class FencedReplyPolicy(ModelPermissionPolicy):
    """The model's permissions, and for one reply the fence too (bulk actions, copy)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(
            user, action, instance
        ) and REPLY_FENCE.can_see(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return REPLY_FENCE.filter(
            user, super().instances_user_has_any_permission_for(user, actions)
        )


register_permission_policy(CannedReply, FencedReplyPolicy(CannedReply))


def _fenced_urls(patterns, model):
    """Every route that names a reply (``pk``) answers 404 for a reply the user may not
    see, before the view loads it (whatever the view: edit, revisions, usage...)."""

    def fence(view):
        @functools.wraps(view)
        def fenced(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None:
                pk = unquote(str(pk))
                if not pk.isdigit():
                    raise Http404
                replies = model._default_manager.filter(pk=pk)
                if not REPLY_FENCE.filter(request.user, replies).exists():
                    raise Http404
            return view(request, *args, **kwargs)

        return fenced

    return [
        URLPattern(p.pattern, fence(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]


class _FencedChooserList:
    def get_object_list(self):
        return REPLY_FENCE.filter(self.request.user, super().get_object_list())


class ReplyChooseView(_FencedChooserList, ChooseView):
    pass


class ReplyChooseResultsView(_FencedChooserList, ChooseResultsView):
    pass


class ReplyChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return REPLY_FENCE.filter(self.request.user, super().get_objects(pks))


class ReplyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ReplyChooseView
    choose_results_view_class = ReplyChooseResultsView
    chosen_multiple_view_class = ReplyChosenMultipleView

    def get_urlpatterns(self):
        return _fenced_urls(super().get_urlpatterns(), CannedReply)


class ReplyForm(WagtailAdminModelForm):
    """A reply is given only to a unit the user keeps the replies of."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not (for_user.is_superuser or REPLY_FENCE.editor(for_user)):
            units = self.fields["unit"].queryset
            self.fields["unit"].queryset = units.filter(pk__in=sorted(REPLY_FENCE.units(for_user)))


class CannedReplyViewSet(SnippetViewSet):
    """Editors (and the units' chat managers, for their units) keep the canned replies."""

    model = CannedReply
    icon = "comment"
    menu_label = gettext_lazy("Canned replies")
    url_prefix = "chat/canned-replies"
    list_display = ["title", "unit", "language", "is_active", "sort_order"]
    list_filter = ["unit", "language", "is_active"]
    search_fields = ["title", "body"]
    chooser_viewset_class = ReplyChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel("unit", widget=forms.Select),
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("language"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
        ],
        base_form_class=ReplyForm,
    )

    def get_queryset(self, request):
        return REPLY_FENCE.filter(request.user, self.model._default_manager.all())

    def get_urlpatterns(self):
        return _fenced_urls(super().get_urlpatterns(), self.model)
