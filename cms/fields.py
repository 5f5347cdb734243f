"""Model fields every plugin declares the same way."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tracking import TRACKING_CODE_LENGTH


def staff_member_field(related_name: str = "+", *, blank: bool = True, verbose_name=None):
    """The staff member who did something (wrote, uploaded, moved, looked): optional for
    what citizens and the system do, and kept as "nobody" when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name or _("staff member"),
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


def tracking_code_field():
    """What a citizen follows a submission up with (made by :mod:`cms.tracking`, random,
    never the primary key): unique, and never edited."""
    return models.CharField(
        _("tracking code"), max_length=TRACKING_CODE_LENGTH, unique=True, editable=False
    )
