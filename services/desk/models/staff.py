"""Who works the queue of which unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.backoffice.membership import UnitMembership, UnitMembershipQuerySet
from cms.groups import ensure_group

from .. import conf
from ..enums import StaffRole

# What the desk's staff group may do: enter the admin and work on requests.
STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("desk", "view_servicerequest"),
    ("desk", "change_servicerequest"),
    # Their officials' meeting hours, which proposals must fall in.
    ("desk", "view_meetinghours"),
    ("desk", "add_meetinghours"),
    ("desk", "change_meetinghours"),
    ("desk", "delete_meetinghours"),
]


def ensure_staff_group():
    """The group that lets desk staff into the admin; created on first use."""
    return ensure_group(conf.staff_group_name(), STAFF_PERMISSIONS)


class DeskStaffQuerySet(UnitMembershipQuerySet):
    def managers(self):
        return self.filter(role=StaffRole.MANAGER)


class DeskStaff(UnitMembership):
    """A user's membership in a unit's desk: they see and answer that unit's requests."""

    role = models.CharField(
        _("role"),
        max_length=10,
        choices=StaffRole.choices,
        default=StaffRole.EXPERT,
        help_text=_("Managers also receive the escalation emails of overdue requests."),
    )

    history = HistoricalRecords()
    objects = DeskStaffQuerySet.as_manager()

    class Meta(UnitMembership.Meta):
        verbose_name = _("desk staff member")
        verbose_name_plural = _("desk staff")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="desk_staff_unique_user_unit")
        ]

    def __str__(self):
        return f"{super().__str__()} ({self.get_role_display()})"

    def member_group(self):
        return ensure_staff_group()
