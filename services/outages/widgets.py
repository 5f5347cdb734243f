"""A date and time typed and shown the Jalali way, for editors (``1405/09/03 14:30``)."""

import datetime as dt
import re

from django import forms
from django.utils import timezone

from cms import jalali
from cms.text import to_ascii_digits, to_persian_digits

_JALALI_DATETIME = re.compile(
    r"^\s*(?P<date>\d{3,4}[/-]\d{1,2}[/-]\d{1,2})(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::\d{2})?)?\s*$"
)


class JalaliDateTimeInput(forms.TextInput):
    """Shows an aware datetime as a Jalali date and a time in Tehran, and reads one back.

    What the editor typed (any digits) is turned into an ISO datetime before the
    ``DateTimeField`` reads it, so validation and storage stay Gregorian and aware. A
    Gregorian date (a year after 1700) is passed on as typed; anything else too, for the
    field to report as invalid.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "۱۴۰۵/۰۹/۰۳ ۱۴:۳۰",
            "dir": "ltr",
            "autocomplete": "off",
            "class": "outages-jalali-datetime",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                return super().format_value(value)
        if isinstance(value, dt.datetime):
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            local = timezone.localtime(value)
            return to_persian_digits(
                f"{jalali.format_date(local, 'short')} {local.hour:02d}:{local.minute:02d}"
            )
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not value or not str(value).strip():
            return value
        return parse_jalali_datetime_text(str(value))


def parse_jalali_datetime_text(text: str) -> str:
    """``۱۴۰۵/۰۹/۰۳ ۱۴:۳۰`` to ``2026-11-24 14:30``; other text comes back unchanged."""
    ascii_text = to_ascii_digits(text).strip()
    match = _JALALI_DATETIME.match(ascii_text)
    if not match:
        return text
    year = int(re.split(r"[/-]", match["date"])[0])
    if year >= 1700:
        return ascii_text
    try:
        day = jalali.parse_date(match["date"])
    except ValueError:
        return text
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    if hour > 23 or minute > 59:
        return text
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"
