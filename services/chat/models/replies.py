"""Canned replies: the answers a unit gives often, maintained by editors (a snippet)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin
from wagtail.search import index


class CannedReplyQuerySet(models.QuerySet):
    def for_units(self, unit_ids):
        return self.filter(unit_id__in=list(unit_ids), is_active=True)


class CannedReply(RevisionMixin, index.Indexed, models.Model):
    unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="chat_canned_replies",
    )
    title = models.CharField(
        _("title"), max_length=100, help_text=_("What officials pick it by, e.g. 'Office hours'.")
    )
    body = models.TextField(_("text"), max_length=2000)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("fa", _("Persian")), ("en", _("English"))],
        default="fa",
    )
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [index.SearchField("title"), index.SearchField("body")]
    objects = CannedReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["unit__title", "sort_order", "title"]

    def __str__(self):
        return self.title
