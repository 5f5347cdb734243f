"""The Wagtail dashboard panel of units that receive requests without desk staff."""

from __future__ import annotations

from django.template.loader import render_to_string
from wagtail.admin.ui.components import Component

from sitepages.models import UnitPage
from sla.models import Service

from .enums import StaffRole
from .models import DeskStaff, ServiceFormPage, ServiceRequest
from .routing import canonical_unit, default_locale, handling_unit


def receiving_units():
    """Canonical live units that receive requests: they answer a catalog service or an
    editor-built form, or have open requests."""
    ids = set(Service.objects.live().values_list("responsible_unit_id", flat=True))
    ids |= set(ServiceFormPage.objects.live().values_list("unit_id", flat=True))
    ids |= set(ServiceRequest.objects.open().values_list("unit_id", flat=True))
    units = {canonical_unit(unit).pk for unit in UnitPage.objects.filter(pk__in=ids)}
    return UnitPage.objects.filter(pk__in=units, locale=default_locale()).order_by("path")


def understaffed_units():
    """Rows (unit, no staff, no manager, who handles it instead) of receiving units that
    have no active desk staff or no manager of their own."""
    rows = []
    for unit in receiving_units():
        roles = set(
            DeskStaff.objects.filter(unit=unit, user__is_active=True).values_list("role", flat=True)
        )
        no_staff = not roles
        no_manager = StaffRole.MANAGER not in roles
        if no_staff or no_manager:
            handler = handling_unit(unit) if no_staff else unit
            rows.append(
                {"unit": unit, "no_staff": no_staff, "no_manager": no_manager, "handler": handler}
            )
    return rows


class UnderstaffedUnitsPanel(Component):
    name = "desk_understaffed_units"
    template_name = "desk/admin/understaffed_panel.html"
    order = 80

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        rows = understaffed_units()
        if not rows:
            return ""
        return render_to_string(self.template_name, {"rows": rows}, request=self.request)
