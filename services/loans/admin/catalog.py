"""Loan types and academic terms, kept by the welfare office (model permissions decide;
nothing personal is listed, so no fence narrows them)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.permissions import FencedPermissionHelper
from cms.formatting import fa_number, jdate

from ..models import AcademicTerm, LoanType


class CatalogPermissionHelper(FencedPermissionHelper):
    def user_can_delete_obj(self, user, obj):
        return self.user_has_action_permission(user, "delete")


class LoanTypeAdmin(FencedModelAdmin):
    model = LoanType
    menu_label = gettext_lazy("Loan types")
    menu_icon = "list-ul"
    base_url_path = "loans/types"
    permission_helper_class = CatalogPermissionHelper
    inspect_view_enabled = False
    staff_can_create = True
    staff_can_edit = True
    list_display = ("name", "max_amount_column", "windows_column", "is_active", "sort_order")
    list_filter = ("is_active",)
    search_fields = ("name", "name_en", "slug")
    prepopulated_fields = {}

    def max_amount_column(self, obj):
        return fa_number(obj.max_amount)

    max_amount_column.short_description = gettext_lazy("Maximum amount (Rials)")
    max_amount_column.admin_order_field = "max_amount"

    def windows_column(self, obj):
        day = timezone.localdate()
        window = obj.open_window(day)
        if window:
            return _("Open until %(day)s") % {"day": jdate(window.last_day, "short")}
        upcoming = obj.next_window(day)
        if upcoming:
            return _("Opens on %(day)s") % {"day": jdate(upcoming.opens_on, "short")}
        return pgettext("application window", "Closed")

    windows_column.short_description = gettext_lazy("Application window")

    def get_listing_queryset(self, request):
        return super().get_listing_queryset(request).prefetch_related("windows")


class AcademicTermAdmin(FencedModelAdmin):
    model = AcademicTerm
    menu_label = gettext_lazy("Academic terms")
    menu_icon = "date"
    base_url_path = "loans/terms"
    permission_helper_class = CatalogPermissionHelper
    inspect_view_enabled = False
    staff_can_create = True
    staff_can_edit = True
    list_display = ("title", "year", "half")
