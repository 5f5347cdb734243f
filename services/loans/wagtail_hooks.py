"""Registers the loans plugin's admin screens (defined in admin.py)."""

from wagtail_modeladmin.options import modeladmin_register

from .admin import LoansAdminGroup

modeladmin_register(LoansAdminGroup)
