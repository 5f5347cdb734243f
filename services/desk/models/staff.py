"""Who works the queue of which unit."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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


def ensure_staff_group() -> Group:
    """The group that lets desk staff into the admin; created on first use."""
    group, _created = Group.objects.get_or_create(name=conf.staff_group_name())
    wanted = []
    for app_label, codename in STAFF_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            wanted.append(permission)
    group.permissions.add(*wanted)
    return group


class DeskStaffQuerySet(models.QuerySet):
    def managers(self):
        return self.filter(role=StaffRole.MANAGER)

    def for_unit(self, unit):
        return self.filter(unit=unit)


class DeskStaff(models.Model):
    """A user's membership in a unit's desk: they see and answer that unit's requests."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="desk_memberships",
    )
    unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="desk_staff",
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=StaffRole.choices,
        default=StaffRole.EXPERT,
        help_text=_("Managers also receive the escalation emails of overdue requests."),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    history = HistoricalRecords()
    objects = DeskStaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("desk staff member")
        verbose_name_plural = _("desk staff")
        ordering = ["unit__title", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="desk_staff_unique_user_unit")
        ]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} — {self.unit} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.user.groups.add(ensure_staff_group())

    def delete(self, *args, **kwargs):
        user = self.user
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            if not DeskStaff.objects.filter(user=user).exists():
                user.groups.remove(*Group.objects.filter(name=conf.staff_group_name()))
        return result
