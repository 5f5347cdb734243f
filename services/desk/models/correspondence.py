"""The correspondence on a request: messages both ways, internal notes, attachments."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.attachments import PrivateUpload, private_upload_to
from cms.fields import staff_member_field

from ..enums import MessageKind


class RequestMessage(models.Model):
    """A message from the citizen, a public reply, or an internal note of the staff."""

    request = models.ForeignKey(
        "desk.ServiceRequest", on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    body = models.TextField(_("text"))
    author = staff_member_field()
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.body[:50]}"

    @property
    def is_public(self) -> bool:
        """Whether the citizen sees it (internal notes never)."""
        return self.kind != MessageKind.NOTE


# Kept under its old name: the migrations refer to it.
attachment_upload_to = private_upload_to


class Attachment(PrivateUpload):
    """A document sent with a request or a message, kept in the private storage."""

    upload_folder = "desk"

    request = models.ForeignKey(
        "desk.ServiceRequest", on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        RequestMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    from_citizen = models.BooleanField(_("sent by the citizen"), default=True)
    uploaded_by = staff_member_field()

    history = HistoricalRecords()

    class Meta(PrivateUpload.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
