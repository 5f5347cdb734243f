"""The correspondence on a request: messages both ways, internal notes, attachments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.uploads import KINDS, generated_name, private_storage, safe_download_name, size_label

from ..enums import MessageKind


class RequestMessage(models.Model):
    """A message from the citizen, a public reply, or an internal note of the staff."""

    request = models.ForeignKey(
        "desk.ServiceRequest", on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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


def attachment_upload_to(instance, filename):
    # Nothing of the person's file name reaches the disk: a random name and the
    # extension of the kind the content was found to be.
    return generated_name("desk", KINDS[instance.kind].extension)


class Attachment(models.Model):
    """A document sent with a request or a message, kept in the private storage."""

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
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_upload_to, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=8, choices=[(key, kind.label) for key, kind in KINDS.items()]
    )
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    from_citizen = models.BooleanField(_("sent by the citizen"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("sent at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def content_type(self) -> str:
        return KINDS[self.kind].content_type

    @property
    def download_name(self) -> str:
        return safe_download_name(self.original_name, KINDS[self.kind].extension)

    @property
    def size_display(self) -> str:
        return size_label(self.size)
