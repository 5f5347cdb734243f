"""Choices used by the portal pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    DEPUTY = "deputy", _("Deputy")
    MANAGEMENT = "management", _("Management")
    OFFICE = "office", _("Office")
    FACULTY = "faculty", _("Faculty")
    CENTER = "center", _("Centre")
    HOSPITAL = "hospital", _("Hospital")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("Email")
    WEBSITE = "website", _("Website")


class SocialNetwork(models.TextChoices):
    TELEGRAM = "telegram", _("Telegram")
    EITAA = "eitaa", _("Eitaa")
    BALE = "bale", _("Bale")
    RUBIKA = "rubika", _("Rubika")
    INSTAGRAM = "instagram", _("Instagram")
    APARAT = "aparat", _("Aparat")
    LINKEDIN = "linkedin", _("LinkedIn")
    X = "x", _("X (Twitter)")
