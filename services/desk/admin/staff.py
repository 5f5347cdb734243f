"""The units' staff lists and the view log (who looked at which request), and the
desk's admin menu group."""

from __future__ import annotations

from django import forms
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.columns import jalali_column, tracking_code_column
from cms.backoffice.fence import Fence
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.permissions import FencedPermissionHelper

from ..models import DeskStaff, RequestViewLog
from .listing import DESK_FENCE
from .meeting_hours import MeetingHoursAdmin
from .requests import ServiceRequestAdmin


class DeskStaffPermissionHelper(FencedPermissionHelper):
    """A unit's managers keep its staff list (add, change, remove members)."""

    def user_can_delete_obj(self, user, obj):
        return self.user_has_action_permission(user, "delete") and self.fence.can_see(user, obj)


class DeskStaffForm(WagtailAdminModelForm):
    """A non-superuser adds members only to their own units (never themselves to another)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            units = self.fields["unit"].queryset
            self.fields["unit"].queryset = units.filter(pk__in=DESK_FENCE.units(for_user))


class DeskStaffAdmin(FencedModelAdmin):
    model = DeskStaff
    menu_label = gettext_lazy("Staff of the units")
    menu_icon = "group"
    base_url_path = "desk/staff"
    fence = DESK_FENCE
    permission_helper_class = DeskStaffPermissionHelper
    inspect_view_enabled = False
    staff_can_create = True
    staff_can_edit = True
    list_display = ("user", "unit", "role", jalali_column("created_at", gettext_lazy("Added")))
    list_filter = ("role", ("unit", RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__title")
    list_select_related = ("user", "unit")
    edit_handler = ObjectList(
        [
            FieldPanel("user", widget=forms.Select),
            FieldPanel("unit", widget=forms.Select),
            FieldPanel("role"),
        ],
        base_form_class=DeskStaffForm,
    )


class AuditorFence(Fence):
    """The view log is read by superusers (auditors) only."""

    def admits(self, user):
        return bool(getattr(user, "is_active", False) and user.is_superuser)


class RequestViewLogAdmin(FencedModelAdmin):
    model = RequestViewLog
    menu_label = gettext_lazy("Who viewed what")
    menu_icon = "view"
    base_url_path = "desk/views"
    fence = AuditorFence()
    inspect_view_enabled = False
    history_view_enabled = False
    list_display = (
        jalali_column("at", gettext_lazy("When")),
        "user",
        "action",
        tracking_code_column("request.tracking_code", gettext_lazy("Tracking code")),
    )
    list_filter = ("action",)
    search_fields = ("request__tracking_code", "user__username")
    list_select_related = ("user", "request")


class DeskAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Service desk")
    menu_icon = "help"
    menu_order = 250
    items = (ServiceRequestAdmin, MeetingHoursAdmin, DeskStaffAdmin, RequestViewLogAdmin)


def admin_inspect_url(service_request) -> str:
    return reverse("desk_requests_modeladmin_inspect", args=[service_request.pk])
