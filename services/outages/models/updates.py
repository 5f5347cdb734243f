"""The public timeline of a notice: updates appended, never edited (see :mod:`.notices`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.i18n import is_english

from ..enums import FINAL_STATES, Impact, NoticeState
from .notices import OutageNotice


class NoticeUpdateQuerySet(models.QuerySet):
    def pending_notification(self):
        return self.filter(notified_at__isnull=True, notice__live=True)


class NoticeUpdate(models.Model):
    """One entry of a notice's public timeline. Appended, never edited."""

    notice = models.ForeignKey(
        OutageNotice,
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=16, choices=NoticeState.choices)
    impact = models.CharField(_("impact"), max_length=16, choices=Impact.choices)
    message = models.TextField(_("message"))
    message_en = models.TextField(_("message in English"), blank=True)
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    ended_at = models.DateTimeField(_("actual end"), null=True, blank=True)
    # Set once the subscribers have been emailed about this update.
    notified_at = models.DateTimeField(_("subscribers notified at"), null=True, blank=True)

    objects = NoticeUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice update")
        verbose_name_plural = _("notice updates")
        ordering = ["posted_at", "pk"]

    def __str__(self):
        return f"{self.notice_id} {self.get_state_display()} {self.posted_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (
            update_fields is None or set(update_fields) - {"notified_at"}
        ):
            raise ValueError("A timeline update is never edited; post a new one instead.")
        super().save(*args, **kwargs)

    @property
    def display_message(self) -> str:
        return self.message_en if is_english() and self.message_en else self.message

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES
