"""Registers the test plugin's back office (defined in admin.py)."""

from wagtail_modeladmin.options import modeladmin_register

from .admin import TestPluginAdminGroup

modeladmin_register(TestPluginAdminGroup)
