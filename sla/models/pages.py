"""Public pages of the sla app: the service catalog and the SLA statements."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.i18n import current_language
from cms.querystring import accepts

from ..blocks import ContactChannelBlock
from ..catalog import catalog_context, service_card_context
from ..enums import ValidityState
from ..widgets import JalaliDateInput
from .services import RICH_TEXT_FEATURES, Service, normalize_code

EXPIRY_WARNING_DAYS = getattr(settings, "SLA_EXPIRY_WARNING_DAYS", 30)
CATALOG_URL_CACHE_SECONDS = 600


def catalog_url_cache_key(language: str) -> str:
    return f"sla:catalog-url:{language}"


def forget_catalog_urls() -> None:
    cache.delete_many([catalog_url_cache_key(code) for code, _name in settings.LANGUAGES])


class ServiceCatalogPage(RoutablePageMixin, Page):
    """``/services/``: every open service by unit, with search, filters and each card."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["sitepages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service catalog")
        verbose_name_plural = _("service catalogs")

    @path("")
    @accepts("q", "unit", "channel", "page")
    def catalog(self, request):
        context = self.get_context(request)
        context.update(catalog_context(self, request, Service.objects.live().for_catalog()))
        return TemplateResponse(request, "sla/service_catalog_page.html", context)

    @re_path(r"^(?P<code>[A-Za-z0-9][A-Za-z0-9\-]{0,31})/$", name="service")
    def service(self, request, code):
        service = get_object_or_404(
            Service.objects.live().for_catalog().select_related("sla_statement__locale"),
            code=normalize_code(code),
        )
        context = self.get_context(request)
        context.update(service_card_context(self, service, request))
        return TemplateResponse(request, "sla/service_card.html", context)

    def service_path(self, service) -> str:
        return self.reverse_subpage("service", kwargs={"code": service.code})

    @classmethod
    def url_for_service(cls, service, base: str | None = None) -> str | None:
        """The public URL of a service's card, on the catalog of the active language
        (``base``: that catalog's URL, when the caller already has it for many)."""
        base = cls.catalog_url() if base is None else base
        if not base:
            return None
        return f"{base.rstrip('/')}/{service.code}/"

    @classmethod
    def catalog_url(cls, language: str | None = None) -> str | None:
        """The catalog's URL in ``language`` (the default one when not translated).

        Cached, because unit pages ask it for every service they list; publishing,
        unpublishing, moving or deleting a catalog page forgets it (see ``sla.signals``).
        """
        language = (language or current_language()).split("-")[0]
        key = catalog_url_cache_key(language)
        url = cache.get(key)
        if url is None:
            pages = cls.objects.live().public().select_related("locale")
            page = (
                pages.filter(locale__language_code=language).first()
                or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
            )
            url = (page.get_url() or "") if page else ""
            cache.set(key, url, CATALOG_URL_CACHE_SECONDS)
        return url or None


class SLAIndexPage(Page):
    """``/sla/``: the university's SLA statements and whether each is still valid."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["sitepages.HomePage"]
    subpage_types = ["sla.SLAStatementPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("SLA statement index")
        verbose_name_plural = _("SLA statement indexes")

    def statements(self):
        """Live statements of this index; on a translation, untranslated ones too."""
        statements = list(
            SLAStatementPage.objects.child_of(self)
            .live()
            .public()
            .select_related("locale")
            .order_by("-valid_until", "title")
        )
        default = Locale.get_default()
        if self.locale_id != default.pk:
            translated = {statement.translation_key for statement in statements}
            statements += [
                statement
                for statement in SLAStatementPage.objects.live()
                .public()
                .filter(locale=default)
                .select_related("locale")
                .order_by("-valid_until", "title")
                if statement.translation_key not in translated
            ]
        return statements

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["statements"] = self.statements()
        context["today"] = timezone.localdate()
        return context


class SLAStatementPageQuerySet(PageQuerySet):
    def expiring_within(self, days: int = EXPIRY_WARNING_DAYS, today: dt.date | None = None):
        """Statements whose last valid day is today or within ``days`` days."""
        today = today or timezone.localdate()
        return self.filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days))

    def expired(self, today: dt.date | None = None):
        return self.filter(valid_until__lt=today or timezone.localdate())


SLAStatementPageManager = PageManager.from_queryset(SLAStatementPageQuerySet)


class SLAStatementPage(Page):
    """One Service Level Agreement statement (توافق‌نامهٔ سطح خدمت), section by section.

    The sections follow the customer's own statement: introduction with the ways to
    reach the university, goal, responsibilities, mutual commitments, costs, performance
    period, termination and confidentiality.
    """

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    contact_channels = StreamField(
        [("channel", ContactChannelBlock())], verbose_name=_("contact channels"), blank=True
    )
    introduction_note = RichTextField(
        _("after the contact channels"), blank=True, features=RICH_TEXT_FEATURES
    )
    goal = RichTextField(_("goal"), blank=True, features=RICH_TEXT_FEATURES)
    responsibility = RichTextField(_("responsibility"), blank=True, features=RICH_TEXT_FEATURES)
    provider_responsibility = RichTextField(
        _("responsibility of the service provider"), blank=True, features=RICH_TEXT_FEATURES
    )
    user_responsibility = RichTextField(
        _("responsibility of the users"), blank=True, features=RICH_TEXT_FEATURES
    )
    commitments = RichTextField(_("mutual commitments"), blank=True, features=RICH_TEXT_FEATURES)
    interactive_services = RichTextField(
        _("interactive services"), blank=True, features=RICH_TEXT_FEATURES
    )
    availability = RichTextField(_("availability"), blank=True, features=RICH_TEXT_FEATURES)
    maintenance = RichTextField(
        _("maintenance and changes"), blank=True, features=RICH_TEXT_FEATURES
    )
    costs = RichTextField(_("costs and payments"), blank=True, features=RICH_TEXT_FEATURES)
    performance_period = RichTextField(
        _("performance period"), blank=True, features=RICH_TEXT_FEATURES
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), help_text=_("The last day the statement is valid, e.g. 1400/12/29.")
    )
    signatory = models.CharField(
        _("signatory"),
        max_length=255,
        blank=True,
        help_text=_("Who signed it, e.g. the president of the university."),
    )
    termination = RichTextField(
        _("termination of the agreement"), blank=True, features=RICH_TEXT_FEATURES
    )
    confidentiality = RichTextField(_("confidentiality"), blank=True, features=RICH_TEXT_FEATURES)
    notification_email = models.EmailField(
        _("notification email"),
        blank=True,
        help_text=_(
            "Besides the page's owner, who is told by email when the statement nears expiry."
        ),
    )

    objects = SLAStatementPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("valid_from", widget=JalaliDateInput()),
                        FieldPanel("valid_until", widget=JalaliDateInput()),
                    ]
                ),
                FieldPanel("signatory"),
                FieldPanel("performance_period"),
                FieldPanel("notification_email"),
            ],
            heading=_("6. Performance period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("introduction"),
                FieldPanel("contact_channels"),
                FieldPanel("introduction_note"),
            ],
            heading=_("1. Introduction"),
        ),
        FieldPanel("goal", heading=_("2. Goal")),
        MultiFieldPanel(
            [
                FieldPanel("responsibility"),
                FieldPanel("provider_responsibility"),
                FieldPanel("user_responsibility"),
            ],
            heading=_("3. Responsibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("commitments"),
                FieldPanel("interactive_services"),
                FieldPanel("availability"),
                FieldPanel("maintenance"),
            ],
            heading=_("4. Mutual commitments"),
        ),
        FieldPanel("costs", heading=_("5. Costs and payments")),
        FieldPanel("termination", heading=_("7. Termination of the agreement")),
        FieldPanel("confidentiality", heading=_("8. Confidentiality")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("goal"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["sla.SLAIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("SLA statement")
        verbose_name_plural = _("SLA statements")

    # Validity

    def days_left(self, today: dt.date | None = None) -> int:
        """Days from ``today`` to the last valid day (0 on it, negative once expired)."""
        return (self.valid_until - (today or timezone.localdate())).days

    def validity_state(self, today: dt.date | None = None) -> ValidityState:
        days = self.days_left(today)
        if days < 0:
            return ValidityState.EXPIRED
        if days <= EXPIRY_WARNING_DAYS:
            return ValidityState.EXPIRING
        return ValidityState.VALID

    @property
    def state(self) -> ValidityState:
        return self.validity_state()

    @property
    def is_expired(self) -> bool:
        return self.validity_state() == ValidityState.EXPIRED

    def period(self) -> tuple[dt.datetime, dt.datetime]:
        """The statement's period as aware datetimes: a year before expiry when no start."""
        zone = timezone.get_default_timezone()
        end = dt.datetime.combine(self.valid_until + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        if self.valid_from:
            start = dt.datetime.combine(self.valid_from, dt.time(), tzinfo=zone)
        else:
            start = end - dt.timedelta(days=365)
        return start, end

    # Public page

    def catalog_services(self):
        """Live services this statement covers (of any language version of it)."""
        return (
            Service.objects.live()
            .filter(sla_statement__translation_key=self.translation_key)
            .for_catalog()
        )

    def owner_emails(self) -> list[str]:
        emails = []
        if self.owner_id and self.owner.email:
            emails.append(self.owner.email)
        if self.notification_email and self.notification_email not in emails:
            emails.append(self.notification_email)
        return emails

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = list(self.catalog_services())
        base = ServiceCatalogPage.catalog_url()
        for service in services:
            service.card_url = f"{base.rstrip('/')}/{service.code}/" if base else ""
        context["services"] = services
        context["today"] = timezone.localdate()
        return context
