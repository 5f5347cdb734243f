"""What students can apply for: loan types, academic terms and application windows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from cms.i18n import is_english
from cms.text import to_persian_digits
from sla.fields import ChoiceListField
from sla.widgets import JalaliDateInput

from ..enums import Degree, TermHalf


def today() -> dt.date:
    return timezone.localdate()


class AcademicTerm(models.Model):
    """A semester of an academic year, e.g. the first semester of 1404–1405."""

    year = models.PositiveSmallIntegerField(
        _("academic year"),
        validators=[MinValueValidator(1390)],
        help_text=_("The Jalali year the academic year starts in, e.g. 1404 for 1404–1405."),
    )
    half = models.PositiveSmallIntegerField(_("semester"), choices=TermHalf.choices)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("half")])]

    class Meta:
        verbose_name = _("academic term")
        verbose_name_plural = _("academic terms")
        ordering = ["-year", "-half"]
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="loans_term_unique_year_half")
        ]

    def __str__(self):
        return self.title

    @property
    def code(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def title(self) -> str:
        years = f"{self.year}–{self.year + 1}"
        if is_english():
            return f"{TermHalf(self.half).label} of {years}"
        return to_persian_digits(f"{TermHalf(self.half).label} {years}")


class LoanTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class LoanType(ClusterableModel):
    """A kind of loan of the Student Welfare Fund, with its rules and windows."""

    slug = models.SlugField(
        _("short name"),
        max_length=40,
        unique=True,
        help_text=_("Latin letters, digits and dashes; it is part of the application address."),
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary in English"), max_length=300, blank=True)
    max_amount = models.PositiveBigIntegerField(
        _("maximum amount (Rials)"), validators=[MinValueValidator(1)]
    )
    required_documents = models.TextField(
        _("required documents"),
        blank=True,
        help_text=_("One document per line. When there are any, applicants must attach files."),
    )
    eligibility = models.TextField(
        _("eligibility conditions"), blank=True, help_text=_("In words, as students read them.")
    )
    eligible_degrees = ChoiceListField(
        _("degrees that may apply"),
        choices=Degree.choices,
        help_text=_("Leave all unticked when students of every degree may apply."),
    )
    is_active = models.BooleanField(_("offered"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = LoanTypeQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_en"),
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("summary_en"),
                FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
            ],
            heading=_("Loan type"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("max_amount"),
                FieldPanel("eligible_degrees"),
                FieldPanel("eligibility"),
                FieldPanel("required_documents"),
            ],
            heading=_("Rules"),
        ),
        InlinePanel("windows", heading=_("Application windows"), label=_("Window")),
    ]

    class Meta:
        verbose_name = _("loan type")
        verbose_name_plural = _("loan types")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if is_english() and self.name_en else self.name

    @property
    def display_summary(self) -> str:
        return self.summary_en if is_english() and self.summary_en else self.summary

    def required_documents_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    def accepts_degree(self, degree: str) -> bool:
        return not self.eligible_degrees or degree in self.eligible_degrees

    def open_window(self, on: dt.date | None = None) -> ApplicationWindow | None:
        """The window open on ``on`` (today); the one closing first if several are."""
        on = on or today()
        windows = [w for w in self.windows.all() if w.is_open_on(on)]
        return min(windows, key=lambda w: (w.last_day, w.pk or 0)) if windows else None

    def next_window(self, on: dt.date | None = None) -> ApplicationWindow | None:
        on = on or today()
        windows = [w for w in self.windows.all() if w.opens_on > on]
        return min(windows, key=lambda w: w.opens_on) if windows else None


class ApplicationWindowQuerySet(models.QuerySet):
    def open_on(self, day: dt.date):
        return self.filter(opens_on__lte=day).filter(
            Q(extended_until__gte=day) | Q(extended_until__isnull=True, closes_on__gte=day)
        )


class ApplicationWindow(models.Model):
    """When students may apply for a loan type in one academic term (Jalali dates)."""

    loan_type = ParentalKey(LoanType, on_delete=models.CASCADE, related_name="windows")
    term = models.ForeignKey(
        AcademicTerm, verbose_name=_("academic term"), on_delete=models.PROTECT, related_name="+"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    extended_until = models.DateField(
        _("extended until"),
        null=True,
        blank=True,
        help_text=_("To give students more time, set a later last day here."),
    )

    # Extensions of a window are recorded. The history leaves out the parent link (a
    # ParentalKey cannot be copied into a historical model); a window never changes type.
    history = HistoricalRecords(excluded_fields=["loan_type"])
    objects = ApplicationWindowQuerySet.as_manager()

    panels = [
        FieldPanel("term"),
        FieldRowPanel(
            [
                FieldPanel("opens_on", widget=JalaliDateInput),
                FieldPanel("closes_on", widget=JalaliDateInput),
                FieldPanel("extended_until", widget=JalaliDateInput),
            ]
        ),
    ]

    class Meta:
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        ordering = ["opens_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan_type", "term"], name="loans_window_unique_type_term"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="loans_window_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(extended_until__isnull=True)
                | Q(extended_until__gte=models.F("closes_on")),
                name="loans_window_extended_after_closing",
            ),
        ]

    def __str__(self):
        return f"{self.loan_type} — {self.term}"

    @property
    def last_day(self) -> dt.date:
        return self.extended_until or self.closes_on

    @property
    def is_extended(self) -> bool:
        return bool(self.extended_until and self.extended_until > self.closes_on)

    def is_open_on(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.last_day

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("A window cannot close before it opens.")
        if self.extended_until and self.closes_on and self.extended_until < self.closes_on:
            errors["extended_until"] = _("An extension must end on or after the closing day.")
        if errors:
            raise ValidationError(errors)
