"""The exchange with the Student Welfare Fund: submission batches and its answer files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.uploads import generated_name, private_storage

from ..enums import ImportState


class FundBatch(models.Model):
    """Applications with issued documents, sent to the fund together in one file."""

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    number = models.CharField(_("batch number"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund batch")
        verbose_name_plural = _("fund batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.number

    def totals(self) -> dict:
        return self.applications.aggregate(count=Count("pk"), amount=Sum("document_amount"))


def answer_upload_to(instance, filename):
    return generated_name("loans-fund", instance.file_format)


class FundAnswerImport(models.Model):
    """One answer file of the fund: read, previewed row by row, applied once confirmed.

    ``rows`` keeps what the preview showed (each row's values, the application it
    matched, what applying will do, or its error), so the staff confirm exactly what
    they saw; applying checks every row again against the applications' stages now.
    """

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    file = models.FileField(
        _("file"), storage=private_storage, upload_to=answer_upload_to, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.PREVIEWED
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    changed_count = models.PositiveIntegerField(_("applications changed"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund answer file")
        verbose_name_plural = _("fund answer files")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name

    @property
    def is_applied(self) -> bool:
        return self.state == ImportState.APPLIED

    def counts(self) -> dict:
        counts = {"total": len(self.rows), "errors": 0, "changes": 0, "unchanged": 0}
        for row in self.rows:
            if row.get("error"):
                counts["errors"] += 1
            elif row.get("steps"):
                counts["changes"] += 1
            else:
                counts["unchanged"] += 1
        return counts
