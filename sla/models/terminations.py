"""The end of a service (SLA statement, section 7): first a verified backup of the
users' data, then intake closes. Nothing is deleted; the record says who ended it,
when, and which archive holds the data (with its SHA-256)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceTermination(models.Model):
    service = models.OneToOneField(
        "sla.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="termination",
    )
    ended_on = models.DateField(_("ended on"))
    terminated_at = models.DateTimeField(_("terminated at"), default=timezone.now)
    terminated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("terminated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who it was as text too: the account may be removed later, the record stays.
    terminated_by_name = models.CharField(_("terminated by (name)"), max_length=150)
    archive_path = models.CharField(_("backup archive"), max_length=500)
    archive_sha256 = models.CharField(_("SHA-256 of the archive"), max_length=64)

    class Meta:
        verbose_name = _("service termination")
        verbose_name_plural = _("service terminations")

    def __str__(self):
        return f"{self.service.code} ({self.ended_on.isoformat()})"
