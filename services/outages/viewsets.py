"""The editors' admin: notices as a Wagtail snippet (drafts, revisions, history), and a
view that posts an update to a notice's timeline. Registered from ``wagtail_hooks``."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from cms.formatting import jdatetime

from .forms import NoticeUpdateForm, OutageNoticeForm
from .models import OutageNotice
from .timeline import post_update
from .widgets import JalaliDateTimeInput

ADMIN_NAMESPACE = "outages_notices"


class TimelinePanel(Panel):
    """The notice's public timeline, read-only, with the button that adds to it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "outages/admin/timeline_panel.html"

        def is_shown(self):
            return bool(self.instance.pk and self.instance.first_published_at)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["notice"] = self.instance
            context["updates"] = list(
                self.instance.updates.select_related("posted_by").order_by("-posted_at", "-pk")
            )
            if self.instance.live and not self.instance.is_over:
                context["post_update_url"] = reverse(
                    OutageNoticeViewSet.post_update_url_name, args=[quote(self.instance.pk)]
                )
            return context


def user_can_post_updates(user) -> bool:
    return policy_registry.get_by_type(OutageNotice).user_has_permission(user, "publish")


class NoticeIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.live and not instance.is_over and user_can_post_updates(self.request.user):
            buttons.append(
                MenuItem(
                    gettext("Post an update"),
                    url=reverse(
                        OutageNoticeViewSet.post_update_url_name, args=[quote(instance.pk)]
                    ),
                    icon_name="comment",
                    priority=5,
                )
            )
        return buttons


class NoticeEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        notice = self.live_object
        if notice.live and not notice.is_over and user_can_post_updates(self.request.user):
            buttons.append(
                Button(
                    gettext("Post an update"),
                    url=reverse(OutageNoticeViewSet.post_update_url_name, args=[quote(notice.pk)]),
                    icon_name="comment",
                    priority=5,
                )
            )
        return buttons


class PostUpdateView(WagtailAdminTemplateMixin, FormView):
    """Appends one entry to a published notice's timeline (the "publish" permission)."""

    form_class = NoticeUpdateForm
    template_name = "outages/admin/post_update.html"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_post_updates(request.user):
            raise PermissionDenied
        self.notice = get_object_or_404(OutageNotice, pk=kwargs["pk"])
        if not self.notice.live or self.notice.is_over:
            messages.error(
                request,
                gettext("Updates can be posted only to a published notice that is still open."),
            )
            return redirect(self.edit_url)
        return super().dispatch(request, *args, **kwargs)

    @property
    def edit_url(self):
        return reverse(OutageNoticeViewSet.edit_url_name, args=[quote(self.notice.pk)])

    def get_page_title(self):
        return gettext("Post an update")

    def get_page_subtitle(self):
        return str(self.notice)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(OutageNoticeViewSet.index_url_name),
                "label": OutageNotice._meta.verbose_name_plural,
            },
            {"url": self.edit_url, "label": str(self.notice)},
            {"url": "", "label": gettext("Post an update")},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "notice": self.notice}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            notice=self.notice,
            updates=list(
                self.notice.updates.select_related("posted_by").order_by("-posted_at", "-pk")
            ),
            action_url=self.request.path,
            submit_button_label=gettext("Post the update"),
            submit_button_active_label=gettext("Posting…"),
            media=self.get_form().media,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        update = post_update(
            self.notice,
            user=self.request.user,
            state=data["state"],
            message=data["message"],
            message_en=data["message_en"],
            impact=data["impact"],
            expected_end=data["expected_end"],
            ended_at=data.get("ended_at"),
        )
        messages.success(
            self.request,
            gettext("Update “%(state)s” posted to “%(notice)s” at %(time)s.")
            % {
                "state": update.get_state_display(),
                "notice": self.notice,
                "time": jdatetime(update.posted_at),
            },
        )
        return redirect(self.edit_url)


class OutageNoticeViewSet(SnippetViewSet):
    model = OutageNotice
    icon = "warning"
    menu_label = _("Outages and maintenance")
    menu_name = "outages"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = NoticeIndexView
    edit_view_class = NoticeEditView
    list_per_page = 30
    search_fields = ["title", "title_en"]
    search_backend_name = None
    list_filter = ["kind", "state", "impact", "whole_portal", "live", "is_urgent"]
    list_display = [
        "title",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("impact", label=_("Impact"), accessor="get_impact_display", sort_key="impact"),
        Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
        Column(
            "starts_at",
            label=_("Start"),
            accessor=lambda notice: jdatetime(notice.starts_at, "short"),
            sort_key="starts_at",
        ),
        LiveStatusTagColumn(),
        UpdatedAtColumn(),
    ]
    ordering = ["-starts_at"]

    admin_url_namespace = ADMIN_NAMESPACE
    base_url_path = "outages/notices"
    post_update_url_name = f"{ADMIN_NAMESPACE}:post_update"
    edit_url_name = f"{ADMIN_NAMESPACE}:edit"
    index_url_name = f"{ADMIN_NAMESPACE}:list"

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("impact")]),
                    FieldPanel("title"),
                    FieldPanel("title_en"),
                ],
                heading=_("The notice"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("whole_portal"),
                    FieldPanel("services", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("What is affected"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("starts_at", widget=JalaliDateTimeInput()),
                            FieldPanel("expected_end", widget=JalaliDateTimeInput()),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("state"),
                            FieldPanel("ended_at", widget=JalaliDateTimeInput()),
                        ]
                    ),
                ],
                heading=_("When"),
                help_text=_(
                    "Dates are Jalali and times are Tehran time, e.g. ۱۴۰۵/۰۹/۰۳ ۱۴:۳۰. "
                    "Planned maintenance announced later than the notice period before it "
                    "starts needs the urgent-maintenance permission and is marked urgent."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("initial_message"), FieldPanel("initial_message_en")],
                heading=_("First announcement"),
            ),
            TimelinePanel(heading=_("Public timeline")),
        ],
        base_form_class=OutageNoticeForm,
    )

    @cached_property
    def post_update_view(self):
        return PostUpdateView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("post-update/<int:pk>/", self.post_update_view, name="post_update"),
        ]
