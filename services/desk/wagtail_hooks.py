"""Registers the desk's admin screens (defined in admin.py)."""

from wagtail_modeladmin.options import modeladmin_register

from .admin import DeskAdminGroup

modeladmin_register(DeskAdminGroup)
