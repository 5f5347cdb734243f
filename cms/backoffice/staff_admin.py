"""Back-office screens every plugin with unit staff has: the units' staff lists (kept by
the units' managers) and the view log (read by auditors)."""

from __future__ import annotations

from django import forms
from django.contrib.admin import RelatedOnlyFieldListFilter
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList

from .fence import Fence
from .options import FencedModelAdmin
from .permissions import FencedPermissionHelper


class UnitStaffPermissionHelper(FencedPermissionHelper):
    """A unit's managers keep its staff list (add, change, remove members)."""

    def user_can_delete_obj(self, user, obj):
        return self.user_has_action_permission(user, "delete") and self.fence.can_see(user, obj)


class UnitStaffForm(WagtailAdminModelForm):
    """A non-superuser adds members only to the units inside their fence (never
    themselves to another unit)."""

    fence: Fence | None = None  # set by UnitStaffAdmin

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            units = self.fields["unit"].queryset
            self.fields["unit"].queryset = units.filter(pk__in=self.fence.units(for_user))


class UnitStaffAdmin(FencedModelAdmin):
    """The staff list of a :class:`~cms.backoffice.membership.UnitMembership` model.

    A plugin names its ``model``, ``fence`` (a unit fence of the managers), ``menu_label``,
    ``base_url_path`` and ``member_fields`` (what a member is beyond user and unit)."""

    member_fields: tuple[str, ...] = ()
    menu_icon = "group"
    permission_helper_class = UnitStaffPermissionHelper
    inspect_view_enabled = False
    staff_can_create = True
    staff_can_edit = True
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__title")
    list_select_related = ("user", "unit")

    def get_list_filter(self, request):
        return (*self.member_fields, ("unit", RelatedOnlyFieldListFilter))

    def get_edit_handler(self):
        form_class = type(f"{self.model.__name__}Form", (UnitStaffForm,), {"fence": self.fence})
        return ObjectList(
            [
                FieldPanel("user", widget=forms.Select),
                FieldPanel("unit", widget=forms.Select),
                *(FieldPanel(name) for name in self.member_fields),
            ],
            base_form_class=form_class,
        )


class AuditorFence(Fence):
    """View logs are read by superusers (auditors) only."""

    def admits(self, user):
        return bool(getattr(user, "is_active", False) and user.is_superuser)


class StaffViewLogAdmin(FencedModelAdmin):
    """Who of the staff looked at what (a :class:`~cms.backoffice.view_log.StaffViewLog`)."""

    menu_icon = "view"
    fence = AuditorFence()
    inspect_view_enabled = False
    history_view_enabled = False
    list_filter = ("action",)
    list_select_related = ("user",)
