"""The units' staff lists and the view log (who looked at which request), and the
desk's admin menu group."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.columns import jalali_column, tracking_code_column
from cms.backoffice.staff_admin import StaffViewLogAdmin, UnitStaffAdmin

from ..models import DeskStaff, RequestViewLog
from .listing import DESK_FENCE
from .meeting_hours import MeetingHoursAdmin
from .requests import ServiceRequestAdmin


class DeskStaffAdmin(UnitStaffAdmin):
    model = DeskStaff
    menu_label = gettext_lazy("Staff of the units")
    base_url_path = "desk/staff"
    fence = DESK_FENCE
    member_fields = ("role",)
    list_display = ("user", "unit", "role", jalali_column("created_at", gettext_lazy("Added")))


class RequestViewLogAdmin(StaffViewLogAdmin):
    model = RequestViewLog
    menu_label = gettext_lazy("Who viewed what")
    base_url_path = "desk/views"
    list_display = (
        jalali_column("at", gettext_lazy("When")),
        "user",
        "action",
        tracking_code_column("request.tracking_code", gettext_lazy("Tracking code")),
    )
    search_fields = ("request__tracking_code", "user__username")
    list_select_related = ("user", "request")


class DeskAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Service desk")
    menu_icon = "help"
    menu_order = 250
    items = (ServiceRequestAdmin, MeetingHoursAdmin, DeskStaffAdmin, RequestViewLogAdmin)


def admin_inspect_url(service_request) -> str:
    return reverse("desk_requests_modeladmin_inspect", args=[service_request.pk])
