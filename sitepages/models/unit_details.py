"""What a unit page lists about a unit: its contacts, office hours and officials.

Inline rows of :class:`~sitepages.models.units.UnitPage` (edited in its Contacts and
Officials tabs).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from cms.i18n import Weekday
from cms.text import to_ascii_digits

from ..enums import ContactKind

_PHONE_ALLOWED = re.compile(r"^\+?[0-9][0-9 \-()]{2,30}$")


class UnitContact(Orderable):
    """A phone, fax, email or website of a unit."""

    page = ParentalKey("sitepages.UnitPage", related_name="contacts", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Whom this reaches, e.g. 'Loans desk' or 'Extension 214'."),
    )
    label_en = models.CharField(
        _("label in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown on English pages; left empty, they show the Persian label."),
    )
    value = models.CharField(
        _("number or address"),
        max_length=200,
        help_text=_("Phones as dialled from anywhere in Iran, e.g. 086-33690000."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("kind"), FieldPanel("value"), FieldPanel("label"), FieldPanel("label_en")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        super().clean()
        value = to_ascii_digits(self.value or "").strip()
        if self.kind in (ContactKind.PHONE, ContactKind.FAX):
            if not _PHONE_ALLOWED.match(value):
                raise ValidationError(
                    {"value": _("Enter a phone number of digits, e.g. 086-33690000.")}
                )
        elif self.kind == ContactKind.EMAIL:
            try:
                validate_email(value)
            except ValidationError as error:
                raise ValidationError({"value": error.messages}) from error
        elif self.kind == ContactKind.WEBSITE:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError as error:
                raise ValidationError({"value": error.messages}) from error
        self.value = value

    @property
    def href(self):
        if self.kind == ContactKind.PHONE:
            return "tel:" + dialable(self.value)
        if self.kind == ContactKind.EMAIL:
            return "mailto:" + self.value
        if self.kind == ContactKind.WEBSITE:
            return self.value
        return ""


def dialable(number: str) -> str:
    """A phone number for a ``tel:`` link: ASCII digits and a leading + only."""
    number = to_ascii_digits(number or "").strip()
    digits = re.sub(r"[^0-9]", "", number)
    return ("+" if number.startswith("+") else "") + digits


class OfficeHours(Orderable):
    """When a unit receives people on one weekday (a day may have several rows)."""

    page = ParentalKey("sitepages.UnitPage", related_name="office_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens at"))
    closes = models.TimeField(_("closes at"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class Official(Orderable):
    """A deputy, manager or expert of a unit, shown on the unit's page."""

    page = ParentalKey("sitepages.UnitPage", related_name="officials", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=150)
    post = models.CharField(_("post"), max_length=200, help_text=_("e.g. Deputy of Education"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepts_meetings = models.BooleanField(
        _("accepts meeting requests"),
        default=False,
        help_text=_("Citizens may ask to meet this official in person."),
    )
    meeting_times = models.CharField(
        _("meeting times"),
        max_length=200,
        blank=True,
        help_text=_("As people should read it, e.g. Sundays from 10 to 12."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("post")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("accepts_meetings"), FieldPanel("meeting_times")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self):
        return f"{self.name} ({self.post})"

    def clean(self):
        super().clean()
        if self.phone:
            self.phone = to_ascii_digits(self.phone).strip()
            if not _PHONE_ALLOWED.match(self.phone):
                raise ValidationError(
                    {"phone": _("Enter a phone number of digits, e.g. 086-33690000.")}
                )

    @property
    def phone_href(self):
        return "tel:" + dialable(self.phone) if self.phone else ""
