"""Numbers, dates and times as a reader of the current language expects them.

On Persian pages dates are Jalali and digits Persian; on English pages dates are
Gregorian and digits Latin. Python code (admin columns, exports, emails) calls these
functions; templates reach the same ones through the builtin filters of
:mod:`cms.templatetags.persian`.

    jdate(day)                  ۲۹ اسفند ۱۴۰۰   / 20 March 2022
    jdate(day, "short")         ۱۴۰۰/۱۲/۲۹      / 2022-03-20
    jdatetime(moment)           ۲۹ اسفند ۱۴۰۰، ساعت ۱۴:۳۰ / 20 March 2022, 14:30
    fa_digits(12000)            ۱۲۰۰۰           / 12000
    fa_number(12000)            ۱۲٬۰۰۰          / 12,000
"""

import datetime as dt

from django.utils import formats, timezone

from . import jalali
from .i18n import is_persian
from .text import to_persian_digits
from .tracking import format_tracking_code

# Persian thousands separator (U+066C), not the Latin comma.
THOUSANDS_SEPARATOR = "٬"

_ENGLISH_DATE = {"short": "Y-m-d", "long": "j F Y", "full": "l j F Y"}


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def jdate(value, style="long") -> str:
    """A date (or a datetime's date in the display zone); ``""`` for nothing."""
    if not value:
        return ""
    if is_persian():
        return jalali.format_date(value, style)
    return formats.date_format(_local(value), _ENGLISH_DATE.get(style, "j F Y"))


def jdatetime(value, style="long") -> str:
    """A date and time in the display zone; ``""`` for nothing."""
    if not value:
        return ""
    if is_persian():
        return jalali.format_datetime(value, style)
    fmt = "Y-m-d H:i" if style == "short" else "j F Y, H:i"
    return formats.date_format(_local(value), fmt)


def jtime(value) -> str:
    """``۱۴:۳۰`` / ``14:30``; ``""`` for nothing."""
    if not value:
        return ""
    if is_persian():
        return jalali.format_time(value)
    return formats.time_format(_local(value), "H:i")


def fa_digits(value) -> str:
    """Any value as text, with Persian digits on Persian pages; ``""`` for ``None``."""
    if value is None:
        return ""
    return to_persian_digits(value) if is_persian() else str(value)


def fa_number(value) -> str:
    """A whole number with thousands separators (Persian «٬» and digits on Persian pages).

    What is not a number is shown as it is (its digits converted)."""
    if value is None or value == "":
        return ""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return fa_digits(value)
    if is_persian():
        return to_persian_digits(text.replace(",", THOUSANDS_SEPARATOR))
    return text


def tracking_code(value) -> str:
    """A tracking code in the groups people read aloud, in the page's digits."""
    if not value:
        return ""
    return fa_digits(format_tracking_code(str(value)))
