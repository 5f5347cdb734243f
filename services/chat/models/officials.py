"""Who answers the chats of which unit, and whether they are there now."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.backoffice.membership import UnitMembership, UnitMembershipQuerySet

from .. import conf
from ..enums import Availability


def online_since(now=None):
    """Officials seen after this moment count as present."""
    return (now or timezone.now()) - timedelta(seconds=conf.presence_timeout())


class ChatMembershipQuerySet(UnitMembershipQuerySet):
    def managers(self):
        return self.filter(is_manager=True)

    def active_users(self):
        return self.filter(user__is_active=True)

    def online(self, now=None):
        """Memberships whose official is available and was seen recently."""
        return self.active_users().filter(
            user__chat_official__availability=Availability.AVAILABLE,
            user__chat_official__last_seen_at__gte=online_since(now),
        )


class ChatMembership(UnitMembership):
    """A user answers a unit's chats (the per-unit fence); a manager also sees the unit's
    past chats and its figures."""

    is_manager = models.BooleanField(
        _("manager"),
        default=False,
        help_text=_("Managers also see the unit's past chats and its figures."),
    )

    history = HistoricalRecords()
    objects = ChatMembershipQuerySet.as_manager()

    class Meta(UnitMembership.Meta):
        verbose_name = _("chat official of a unit")
        verbose_name_plural = _("chat officials of units")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="chat_membership_unique")
        ]


class ChatOfficialQuerySet(models.QuerySet):
    def online(self, now=None):
        return self.filter(
            user__is_active=True,
            availability=Availability.AVAILABLE,
            last_seen_at__gte=online_since(now),
        )


class ChatOfficial(models.Model):
    """An official's presence in the chat: available or away, how many chats at once,
    when their console last showed a sign of life."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="chat_official",
    )
    availability = models.CharField(
        _("availability"),
        max_length=10,
        choices=Availability.choices,
        default=Availability.AWAY,
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=conf.default_capacity,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("The most chats this official answers at the same time."),
    )
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True, editable=False)

    objects = ChatOfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat official")
        verbose_name_plural = _("chat officials")
        ordering = ["user__username"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def is_online(self, now=None) -> bool:
        return (
            self.user.is_active
            and self.availability == Availability.AVAILABLE
            and self.last_seen_at is not None
            and self.last_seen_at >= online_since(now)
        )
