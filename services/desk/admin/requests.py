"""The request queue of the service desk: the ModelAdmin of ``ServiceRequest``, built on
the back-office base (:mod:`cms.backoffice`): the per-unit fence on every route, the
declared filters only, logged exports, and the work actions as view classes."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList

from cms.backoffice.filters import CachedRelatedOnlyFilter
from cms.backoffice.options import FencedModelAdmin
from cms.formatting import jdatetime
from cms.tracking import format_tracking_code

from ..models import RequestViewLog, ServiceRequest
from .actions import WORK_ACTION_VIEWS
from .listing import (
    DESK_FENCE,
    OverdueFilter,
    RequestButtonHelper,
    RequestPermissionHelper,
    RequestSearchHandler,
)
from .views import (
    RequestEditForm,
    RequestEditView,
    RequestHistoryView,
    RequestIndexView,
    RequestInspectView,
)


class ServiceRequestAdmin(FencedModelAdmin):
    model = ServiceRequest
    menu_label = gettext_lazy("Requests")
    menu_icon = "mail"
    base_url_path = "desk/requests"
    permission_helper_class = RequestPermissionHelper
    button_helper_class = RequestButtonHelper
    search_handler_class = RequestSearchHandler
    index_view_class = RequestIndexView
    inspect_view_class = RequestInspectView
    edit_view_class = RequestEditView
    history_view_class = RequestHistoryView
    fence = DESK_FENCE
    staff_can_edit = True
    view_log_model = RequestViewLog
    view_log_field = "request"
    action_views = WORK_ACTION_VIEWS
    list_per_page = 50
    list_display = (
        "select_column",
        "code_column",
        "subject",
        "name",
        "channel",
        "status_column",
        "unit",
        "due_column",
        "assigned_to",
    )
    list_display_add_buttons = "code_column"
    list_filter = (
        "status",
        "channel",
        ("service", CachedRelatedOnlyFilter),
        OverdueFilter,
        ("unit", CachedRelatedOnlyFilter),
    )
    search_fields = ("tracking_code", "name", "subject")
    list_select_related = ("unit", "service", "assigned_to")
    list_export = (
        "formatted_code",
        "submitted_at",
        "get_channel_display",
        "get_status_display",
        "unit",
        "service",
        "subject",
        "name",
        "mobile",
        "email",
        "due_at",
        "answered_at",
        "rating",
    )
    export_headings = {
        "formatted_code": gettext_lazy("Tracking code"),
        "get_channel_display": gettext_lazy("Channel"),
        "get_status_display": gettext_lazy("Status"),
    }
    export_filename = "desk-requests"
    edit_handler = ObjectList(
        [
            FieldPanel("service", widget=forms.Select),
            FieldPanel("assigned_to", widget=forms.Select),
        ],
        base_form_class=RequestEditForm,
    )

    def get_listing_queryset(self, request):
        return ServiceRequest.objects.select_related("unit", "service", "assigned_to").order_by(
            "-submitted_at"
        )

    def get_extra_attrs_for_row(self, obj, context):
        return {"class": "desk-overdue"} if obj.is_overdue else {}

    # Columns

    @staticmethod
    def _code(obj):
        return format_tracking_code(obj.tracking_code)

    def code_column(self, obj):
        return format_html('<span dir="ltr" class="desk-code">{}</span>', self._code(obj))

    code_column.short_description = gettext_lazy("Tracking code")
    code_column.admin_order_field = "tracking_code"

    def status_column(self, obj):
        return format_html(
            '<span class="desk-status desk-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    status_column.short_description = gettext_lazy("Status")
    status_column.admin_order_field = "status"

    def due_column(self, obj):
        if not obj.due_at:
            return "—"
        if obj.is_overdue:
            return format_html(
                '<strong class="desk-overdue-label">{} ({})</strong>',
                jdatetime(obj.due_at, "short"),
                _("overdue"),
            )
        return jdatetime(obj.due_at, "short")

    due_column.short_description = gettext_lazy("Due")
    due_column.admin_order_field = "due_at"

    def select_column(self, obj):
        return format_html(
            '<input type="checkbox" name="ids" value="{}" form="desk-bulk" aria-label="{}">',
            obj.pk,
            _("Select %(code)s") % {"code": self._code(obj)},
        )

    select_column.short_description = gettext_lazy("Select")
