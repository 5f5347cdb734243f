"""What was said in a chat, in order, and the files sent with it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.attachments import PrivateUpload

from ..enums import SenderKind
from .sessions import ChatSession

# What the citizen's side of a chat may see: never the officials' internal notes.
CITIZEN_VISIBLE = (SenderKind.CITIZEN, SenderKind.OFFICIAL, SenderKind.SYSTEM)


class ChatMessageQuerySet(models.QuerySet):
    def for_citizen(self):
        return self.filter(kind__in=CITIZEN_VISIBLE)

    def after(self, seq: int):
        return self.filter(seq__gt=seq)

    def notes(self):
        return self.filter(kind=SenderKind.NOTE)


class ChatMessage(models.Model):
    """One message, numbered within its chat (1, 2, 3...): a client that saw up to ``n``
    asks for what came after ``n`` and loses nothing."""

    session = models.ForeignKey(
        ChatSession, verbose_name=_("chat"), on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("sender"), max_length=10, choices=SenderKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # Reached the other side's screen / was seen there.
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = ChatMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="chat_message_unique_seq")
        ]

    def __str__(self):
        return f"{self.session} #{self.seq}"

    @property
    def from_citizen(self) -> bool:
        return self.kind == SenderKind.CITIZEN


class ChatAttachment(PrivateUpload):
    """A file sent in a chat, checked by :mod:`cms.uploads`, kept private."""

    upload_folder = "chat"

    message = models.OneToOneField(
        ChatMessage,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="attachment",
    )

    class Meta(PrivateUpload.Meta):
        verbose_name = _("chat attachment")
        verbose_name_plural = _("chat attachments")
