"""A record of the expiry emails sent, so each statement is told at most once a day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpiryNotice(models.Model):
    statement = models.ForeignKey(
        "sla.SLAStatementPage",
        verbose_name=_("SLA statement"),
        on_delete=models.CASCADE,
        related_name="expiry_notices",
    )
    date = models.DateField(_("date"))
    recipients = models.TextField(_("recipients"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expiry notice")
        verbose_name_plural = _("expiry notices")
        constraints = [
            models.UniqueConstraint(fields=["statement", "date"], name="sla_one_notice_a_day")
        ]

    def __str__(self):
        return f"{self.statement_id} {self.date}"
