"""The university's identity and contacts: a Wagtail site setting editors change."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from ..blocks import FooterLinkBlock, SocialLinkBlock


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
    address_en = models.TextField(
        _("address in English"),
        blank=True,
        help_text=_("Shown on English pages; left empty, they show the Persian address."),
    )
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=200,
        blank=True,
        help_text=_("As people should read it, e.g. Saturday to Wednesday, 7:30 to 14:30."),
    )
    office_hours_en = models.CharField(
        _("office hours in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown on English pages; left empty, they show the Persian office hours."),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        verbose_name=_("footer links"),
        blank=True,
        default=list,
    )
    social_links = StreamField(
        [("social", SocialLinkBlock())],
        verbose_name=_("social networks"),
        blank=True,
        default=list,
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
                FieldPanel("address_en"),
                FieldPanel("postal_code"),
                FieldPanel("office_hours"),
                FieldPanel("office_hours_en"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def display_name(self, language_code: str) -> str:
        if language_code.startswith("en") and self.university_name_en:
            return self.university_name_en
        return self.university_name
