from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's front page: the ways to reach the university, and its contacts."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome shown under the university's name."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """The university's identity and contacts, shown in the header and the footer."""

    university_name = models.CharField(
        _("university name"), max_length=200, default="دانشگاه علوم پزشکی"
    )
    university_name_en = models.CharField(
        _("university name in English"), max_length=200, blank=True
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("main phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=200,
        blank=True,
        help_text=_("As people should read it, e.g. Saturday to Wednesday, 7:30 to 14:30."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("university_name"), FieldPanel("university_name_en"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("postal_code"),
                FieldPanel("office_hours"),
            ],
            heading=_("Contacts"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def display_name(self, language_code: str) -> str:
        if language_code.startswith("en") and self.university_name_en:
            return self.university_name_en
        return self.university_name


class UnitIndexPage(Page):
    """The list of the university's units (deputies, managements, offices, faculties)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["sitepages.HomePage"]
    subpage_types = ["sitepages.UnitPage"]

    class Meta:
        verbose_name = _("unit index page")
        verbose_name_plural = _("unit index pages")


class UnitPage(Page):
    """One unit of the university. Services and requests name a UnitPage as responsible."""

    description = RichTextField(_("description"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("description")]

    parent_page_types = ["sitepages.UnitIndexPage", "sitepages.UnitPage"]
    subpage_types = ["sitepages.UnitPage"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
