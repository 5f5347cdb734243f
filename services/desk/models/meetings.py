"""In-person meetings: when each official receives citizens, and the dates staff propose
or confirm for a meeting request."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.i18n import WEEK_ORDER, Weekday

from ..enums import MeetingStatus


class MeetingHoursQuerySet(models.QuerySet):
    def of_official(self, official):
        return self.filter(official=official)

    def in_week_order(self):
        return sorted(self, key=lambda h: (WEEK_ORDER.index(h.weekday), h.starts))


class MeetingHours(models.Model):
    """One weekly slot in which an official receives citizens (a day may have several).

    An official with no slots receives within the unit's office hours only."""

    official = models.ForeignKey(
        "sitepages.Official",
        verbose_name=_("official"),
        on_delete=models.CASCADE,
        related_name="meeting_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("starts at"))
    ends = models.TimeField(_("ends at"))

    history = HistoricalRecords()
    objects = MeetingHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting hours")
        verbose_name_plural = _("meeting hours")
        ordering = ["official", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="desk_meeting_hours_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("The end must be after the start.")})

    def contains(self, moment) -> bool:
        """Whether a local (display-zone) datetime falls in this slot."""
        return moment.weekday() == self.weekday and self.starts <= moment.time() < self.ends


class MeetingProposal(models.Model):
    """A date and time with an official, proposed to the citizen or confirmed."""

    request = models.ForeignKey(
        "desk.ServiceRequest", on_delete=models.CASCADE, related_name="meeting_proposals"
    )
    starts_at = models.DateTimeField(_("date and time"))
    official_name = models.CharField(_("with"), max_length=300)
    location = models.CharField(_("place"), max_length=300, blank=True)
    note = models.TextField(_("note to the citizen"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Set by ``desk_remind`` when the day-before SMS went out: never sent twice.
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting time")
        verbose_name_plural = _("meeting times")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.official_name} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def awaits_citizen(self) -> bool:
        return self.status == MeetingStatus.PROPOSED

    @property
    def is_agreed(self) -> bool:
        return self.status in (MeetingStatus.ACCEPTED, MeetingStatus.CONFIRMED)
