"""In-person meetings: the dates staff propose or confirm for a meeting request."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import MeetingStatus


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
