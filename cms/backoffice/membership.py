"""Who works for which unit in a plugin's back office: the staff list a unit fence reads.

A plugin's staff model inherits :class:`UnitMembership` and adds what a member is in its
own domain (a role, a manager flag), its history and its unique constraint::

    class ClinicStaff(UnitMembership):
        is_manager = models.BooleanField(_("manager"), default=False)

        history = HistoricalRecords()
        objects = UnitMembershipQuerySet.as_manager()

        class Meta(UnitMembership.Meta):
            constraints = [
                models.UniqueConstraint(fields=["user", "unit"], name="clinic_staff_unique")
            ]

The user's and the unit's memberships are then ``<app_label>_memberships``; its admin
is a :class:`~cms.backoffice.staff_admin.UnitStaffAdmin`. The unit is the portal's own
``sitepages.UnitPage`` (a core model, referred to by name, never imported).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnitMembershipQuerySet(models.QuerySet):
    def for_unit(self, unit):
        return self.filter(unit=unit)


class UnitMembership(models.Model):
    """A user's membership in one unit's staff of a plugin."""

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="%(app_label)s_memberships",
    )
    unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="%(app_label)s_memberships",
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["unit__title", "user__username"]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} — {self.unit}"

    def save(self, *args, **kwargs):
        group = self.member_group()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if group is not None:
                self.user.groups.add(group)

    def delete(self, *args, **kwargs):
        user = self.user
        group = self.member_group()
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            if group is not None and not type(self)._default_manager.filter(user=user).exists():
                user.groups.remove(group)
        return result

    def member_group(self):
        """The group every member belongs to while they have a membership (admin access
        and the plugin's permissions), or None where the plugin grants groups itself."""
        return None
