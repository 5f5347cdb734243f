from wagtail_modeladmin.options import modeladmin_register

from .admin import TicketsAdminGroup

modeladmin_register(TicketsAdminGroup)
