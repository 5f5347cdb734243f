"""Which language a page is in, and the names of the days of the week.

Persian is the portal's first language; English (``/en/``) its second. Code asks
:func:`current_language` (``"fa"`` or ``"en"``, never ``"fa-ir"`` nor ``None``) instead of
reading ``get_language()`` itself, and lists weekdays from :class:`Weekday`, the one list
of them, Saturday first as people in Iran read a week.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PERSIAN = "fa"
ENGLISH = "en"


def current_language(request=None) -> str:
    """The active language's code without region: ``"fa"`` when nothing is active.

    With a ``request``, the language its middleware chose (``request.LANGUAGE_CODE``)
    comes first.
    """
    code = getattr(request, "LANGUAGE_CODE", None) or get_language() or settings.LANGUAGE_CODE
    return (code or PERSIAN).split("-")[0].lower()


def is_persian(request=None) -> bool:
    return current_language(request) == PERSIAN


def list_separator() -> str:
    """Between the items of a list in running text: «، » in Persian, ", " in English."""
    return "، " if is_persian() else ", "


def is_english(request=None) -> bool:
    return current_language(request) == ENGLISH


class Weekday(models.IntegerChoices):
    """Python's weekday numbers (Monday is 0), listed in the Iranian week's order."""

    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")

    @property
    def key(self) -> str:
        """``"saturday"``: the English name in lower case, for field names and URLs."""
        return self.name.lower()

    @property
    def persian_name(self) -> str:
        """The Persian name whatever the active language (Jalali dates use it)."""
        return PERSIAN_WEEKDAY_NAMES[self.value]


# Saturday first: the numbers of the days of the week as an Iranian calendar lists them.
WEEK_ORDER = tuple(day.value for day in Weekday)
# By Python's weekday number.
PERSIAN_WEEKDAY_NAMES = {
    Weekday.SATURDAY: "شنبه",
    Weekday.SUNDAY: "یکشنبه",
    Weekday.MONDAY: "دوشنبه",
    Weekday.TUESDAY: "سه‌شنبه",
    Weekday.WEDNESDAY: "چهارشنبه",
    Weekday.THURSDAY: "پنجشنبه",
    Weekday.FRIDAY: "جمعه",
}


def weekday_choices(*, days=WEEK_ORDER, as_text=False) -> list[tuple]:
    """``(number, translated name)`` pairs for ``days`` in the week's order; with
    ``as_text`` the numbers are strings (for a form's ``MultipleChoiceField``)."""
    wanted = set(days)
    return [
        (str(day.value) if as_text else day.value, day.label)
        for day in Weekday
        if day.value in wanted
    ]
