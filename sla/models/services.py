"""The service catalog: each service's identity card (شناسنامهٔ خدمت)."""

import re

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from cms.i18n import is_english
from cms.jalali import format_date
from cms.plugins import registry
from cms.text import normalize_letters, normalize_search_query, to_ascii_digits

from ..enums import Audience, Channel, ServiceType, TimeUnit
from ..fields import ChoiceListField

SERVICE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def normalize_code(value: str) -> str:
    """Service codes are upper-case ASCII; people type them with Persian digits too."""
    return to_ascii_digits(value or "").strip().upper().replace(" ", "")


class ServiceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def open(self):
        """Accepting requests: open, and not terminated (whatever a later edit says)."""
        return self.filter(is_open=True, termination__isnull=True)

    def for_catalog(self):
        """What a public page needs of each service, in the same query."""
        return self.select_related(
            "responsible_unit", "responsible_unit__locale", "sla_statement", "termination"
        ).order_by("responsible_unit__path", "title")

    def for_unit(self, unit, include_subunits=True):
        if include_subunits:
            return self.filter(responsible_unit__path__startswith=unit.path)
        return self.filter(responsible_unit=unit)

    def for_units(self, units):
        """Services of any of ``units`` or of the units below them."""
        condition = Q(pk__in=[])
        for unit in units:
            condition |= Q(responsible_unit__path__startswith=unit.path)
        return self.filter(condition)

    def with_channel(self, channel):
        return self.filter(channels__contains=ChoiceListField.contains_lookup(channel))

    def search(self, query):
        """Services whose code, names, description or unit contain every word of ``query``."""
        words = normalize_search_query(query).lower().split()
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class Service(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """One service of the university: what it is, who gives it, what it costs and promises."""

    code = models.CharField(
        _("service code"),
        max_length=32,
        unique=True,
        help_text=_("A short code in capital Latin letters and digits, e.g. LOAN-01."),
    )
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(
        _("title in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the English pages; the Persian title is used when empty."),
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    description_en = RichTextField(
        _("description in English"), blank=True, features=RICH_TEXT_FEATURES
    )
    responsible_unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("responsible unit"),
        related_name="services",
        on_delete=models.PROTECT,
    )
    service_type = models.CharField(
        _("service type"), max_length=3, choices=ServiceType.choices, default=ServiceType.G2C
    )
    audience = ChoiceListField(_("audience"), choices=Audience.choices)

    is_free = models.BooleanField(_("free of charge"), default=False)
    fee = models.PositiveBigIntegerField(
        _("fee (Rials)"),
        null=True,
        blank=True,
        help_text=_("In Rials. Leave empty when the service is free of charge."),
    )
    fee_notes = models.TextField(
        _("fee notes"),
        blank=True,
        help_text=_("What the fee covers, how it is paid, who is exempt."),
    )
    required_documents = models.TextField(
        _("required documents"), blank=True, help_text=_("One document per line.")
    )
    channels = ChoiceListField(_("channels"), choices=Channel.choices)

    delivery_time_value = models.PositiveIntegerField(
        _("average delivery time"), null=True, blank=True
    )
    delivery_time_unit = models.CharField(
        _("unit of the delivery time"),
        max_length=16,
        choices=TimeUnit.choices,
        default=TimeUnit.WORKING_DAYS,
    )
    response_target_value = models.PositiveIntegerField(
        _("response-time target"),
        validators=[MinValueValidator(1)],
        help_text=_("The longest time to the first answer that the university promises."),
    )
    response_target_unit = models.CharField(
        _("unit of the response-time target"),
        max_length=16,
        choices=TimeUnit.choices,
        default=TimeUnit.WORKING_DAYS,
    )
    availability_target = models.DecimalField(
        _("availability target (%)"),
        max_digits=5,
        decimal_places=2,
        default=99,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    sla_statement = models.ForeignKey(
        "sla.SLAStatementPage",
        verbose_name=_("SLA statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    is_open = models.BooleanField(
        _("open"), default=True, help_text=_("Whether the service accepts requests now.")
    )
    start_url = models.CharField(
        _("start link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where citizens start the service when no installed plugin of the portal "
            "provides its form: a full address or a path on this site."
        ),
    )

    # Normalised text of the code, names, description and unit, for the public search.
    search_text = models.TextField(editable=False, blank=True, default="")

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service")

    objects = ServiceQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("title"),
                FieldPanel("title_en"),
                FieldPanel("responsible_unit"),
                FieldRowPanel([FieldPanel("service_type"), FieldPanel("is_open")]),
                FieldPanel("audience"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("description_en")],
            heading=_("Description"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("is_free"), FieldPanel("fee")]), FieldPanel("fee_notes")],
            heading=_("Fee"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("channels"),
                FieldPanel("required_documents"),
                FieldPanel("start_url"),
            ],
            heading=_("How to get it"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("response_target_value"), FieldPanel("response_target_unit")]
                ),
                FieldRowPanel(
                    [FieldPanel("delivery_time_value"), FieldPanel("delivery_time_unit")]
                ),
                FieldPanel("availability_target"),
                FieldPanel("sla_statement"),
            ],
            heading=_("Promises"),
        ),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("title_en"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.AutocompleteField("code"),
        index.FilterField("live"),
        index.FilterField("is_open"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["title"]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def save(self, *args, **kwargs):
        self.code = normalize_code(self.code)
        self.title = normalize_letters(self.title).strip()
        self.search_text = self.build_search_text()
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The public card of this service in the catalog ("" when there is no catalog)."""
        # From the app registry, as a string ForeignKey names a model: the catalog page's
        # module imports this one.
        catalog = apps.get_model("sla", "ServiceCatalogPage")
        return catalog.url_for_service(self) or ""

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        self.code = normalize_code(self.code)
        if self.code and not SERVICE_CODE.match(self.code):
            raise ValidationError(
                {"code": _("Use capital Latin letters, digits and dashes only, e.g. LOAN-01.")}
            )
        if self.is_free and self.fee:
            raise ValidationError({"fee": _("A free service has no fee: empty this field.")})
        if not self.is_free and not self.fee:
            raise ValidationError({"fee": _("Enter the fee in Rials, or tick “free of charge”.")})

    def build_search_text(self) -> str:
        unit = self.responsible_unit.title if self.responsible_unit_id else ""
        parts = [
            self.code,
            self.title,
            self.title_en,
            strip_tags(self.description or ""),
            strip_tags(self.description_en or ""),
            unit,
        ]
        return normalize_search_query(" ".join(part for part in parts if part)).lower()

    # What public pages show

    @property
    def display_title(self) -> str:
        return self.title_in_language(self.title, self.title_en)

    @staticmethod
    def title_in_language(title: str, title_en: str) -> str:
        """The English title on English pages when there is one, else the Persian."""
        return title_en if is_english() and title_en else title

    @property
    def display_description(self) -> str:
        return self.description_en if is_english() and self.description_en else self.description

    @property
    def required_documents_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    def get_channels_display(self) -> list[str]:
        labels = dict(Channel.choices)
        return [labels[channel] for channel in self.channels if channel in labels]

    def get_audience_display(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[item] for item in self.audience if item in labels]

    def get_start_url(self) -> str | None:
        """Where a citizen starts this service: a plugin's form first, else ``start_url``."""
        if not self.is_open or self.termination_record is not None:
            return None
        return registry.service_start_url(self) or self.start_url or None

    @property
    def termination_record(self):
        """The :class:`ServiceTermination` of this service, or None while it runs."""
        try:
            return self.termination
        except ObjectDoesNotExist:
            return None

    @property
    def is_terminated(self) -> bool:
        return self.termination_record is not None

    @admin.display(description=_("termination"))
    def termination_status(self) -> str:
        record = self.termination_record
        if record is None:
            return ""
        return _("Ended on %(date)s (SHA-256 %(sha)s…)") % {
            "date": format_date(record.ended_on),
            "sha": record.archive_sha256[:12],
        }
