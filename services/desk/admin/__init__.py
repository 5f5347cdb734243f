"""The staff's back office of the service desk in the Wagtail admin, built on the
back-office base :mod:`cms.backoffice` (wagtail-modeladmin).

The fence: a staff member sees only the requests of the units they belong to
(:class:`~services.desk.models.DeskStaff`); superusers see all. The base applies it to
the queryset of every route: the list, search, filters and export, and every route about
one request (inspect, edit, history, delete, the work actions, downloads, bulk actions),
which answer 404 for a request behind the fence, exactly as for one that does not exist.

``listing``: the fence, permissions, search and filters; ``views``: the screens of one
request; ``actions``: the work actions as view classes; ``requests``: the queue's
ModelAdmin; ``staff``: staff lists, the view log and the menu group.
"""

from .listing import can_see, desk_unit_ids
from .requests import ServiceRequestAdmin
from .staff import DeskAdminGroup, DeskStaffAdmin, RequestViewLogAdmin, admin_inspect_url

__all__ = [
    "DeskAdminGroup",
    "DeskStaffAdmin",
    "RequestViewLogAdmin",
    "ServiceRequestAdmin",
    "admin_inspect_url",
    "can_see",
    "desk_unit_ids",
]
