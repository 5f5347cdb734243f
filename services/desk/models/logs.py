"""Who of the staff looked at which request, and when (personal data is watched)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.backoffice.view_log import StaffViewLog
from cms.fields import staff_member_field

from ..enums import ViewAction


class RequestViewLog(StaffViewLog):
    subject_field = "request"

    request = models.ForeignKey(
        "desk.ServiceRequest", on_delete=models.CASCADE, related_name="view_logs"
    )
    # The reverse relation keeps the name it had before the shared model.
    user = staff_member_field("desk_view_logs", blank=False)
    action = models.CharField(_("action"), max_length=10, choices=ViewAction.choices)
    attachment = models.ForeignKey(
        "desk.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(StaffViewLog.Meta):
        verbose_name = _("request view")
        verbose_name_plural = _("request views")
