"""Who of the staff looked at which request, and when (personal data is watched)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import ViewAction


class RequestViewLog(models.Model):
    request = models.ForeignKey(
        "desk.ServiceRequest", on_delete=models.CASCADE, related_name="view_logs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="desk_view_logs",
    )
    action = models.CharField(_("action"), max_length=10, choices=ViewAction.choices)
    attachment = models.ForeignKey(
        "desk.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("request view")
        verbose_name_plural = _("request views")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.request_id}"
