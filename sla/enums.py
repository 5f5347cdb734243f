"""The choices of the catalog and the statements."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms import working_calendar


class ServiceType(models.TextChoices):
    """Who the service is for, in the government's own classification."""

    G2C = "G2C", _("Government to citizens (G2C)")
    G2B = "G2B", _("Government to businesses (G2B)")
    G2G = "G2G", _("Government to government (G2G)")


class Audience(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    STUDENTS = "students", _("Students")
    FACULTY = "faculty", _("Faculty members")
    STAFF = "staff", _("Staff")
    HEALTH_PROFESSIONALS = "health_professionals", _("Health professionals")
    BUSINESSES = "businesses", _("Businesses")
    AGENCIES = "agencies", _("Government agencies")


class Channel(models.TextChoices):
    """How a citizen can reach the service."""

    WEB = "web", _("Web")
    PHONE = "phone", pgettext_lazy("contact channel", "Phone")  # «تلفنی», not the label «تلفن»
    IN_PERSON = "in_person", _("In person")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Live chat")


class TimeUnit(models.TextChoices):
    """Units of response targets and delivery times, counted on the working calendar."""

    WORKING_HOURS = working_calendar.WORKING_HOURS, _("working hours")
    WORKING_DAYS = working_calendar.WORKING_DAYS, _("working days")


class ValidityState(models.TextChoices):
    """Where an SLA statement stands against its valid-until date."""

    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")


class CalendarDayKind(models.TextChoices):
    """What an editor's calendar entry says about a date."""

    HOLIDAY = "holiday", _("Holiday: offices closed")
    WORKING_DAY = "working_day", _("Working day despite the official calendar")
