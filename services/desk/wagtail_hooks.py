"""Registers the desk's admin screens (defined in admin.py) and its dashboard panel."""

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin import DeskAdminGroup
from .panels import UnderstaffedUnitsPanel

modeladmin_register(DeskAdminGroup)


@hooks.register("construct_homepage_panels")
def add_understaffed_units_panel(request, panels):
    user = request.user
    if user.is_superuser or user.has_perm("desk.add_deskstaff"):
        panels.append(UnderstaffedUnitsPanel(request))
