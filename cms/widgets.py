"""A Jalali date picker for staff forms: nobody types a Gregorian date.

The picker is three native selects (day, month by its Persian name, year), so it
works with the keyboard, a screen reader and without JavaScript; the date-and-time
picker adds a native time input. What the browser sends back is turned into what the
form field reads: an ISO date (``DateField``), ``YYYY-MM-DD HH:MM`` in Tehran time
(``DateTimeField``), or a Jalali ``YYYY/MM/DD`` for fields that parse Jalali text.
A date typed as one text under the field's own name (``۱۴۰۵/۰۹/۰۹ ۱۴:۳۰``, as older
forms and scripts send it) is read too.
"""

from __future__ import annotations

import datetime as dt

import jdatetime
from django import forms
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from cms import jalali
from cms.text import to_ascii_digits, to_persian_digits

YEARS_BACK = 2
YEARS_AHEAD = 3


def typed_date(text: str, output: str = "iso") -> str:
    """A date typed as text: Jalali (any digits) to ISO, or kept when Gregorian/invalid."""
    ascii_text = to_ascii_digits(text).strip()
    if output == "jalali" or not ascii_text:
        return ascii_text
    try:
        year = int(ascii_text.replace("-", "/").split("/")[0])
        return ascii_text if year >= 1700 else jalali.parse_date(ascii_text).isoformat()
    except ValueError:
        return ascii_text


def _jalali_parts(value) -> list:
    """``[year, month, day]`` (Jalali) of a date, datetime or date text; blanks otherwise."""
    if isinstance(value, str) and value.strip():
        text = to_ascii_digits(value).strip()
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            try:
                value = jalali.parse_date(text.split()[0])
            except (ValueError, IndexError):
                return [None, None, None]
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if isinstance(value, dt.date):
        day = jdatetime.date.fromgregorian(date=value)
        return [day.year, day.month, day.day]
    return [None, None, None]


class JalaliDatePicker(forms.MultiWidget):
    """Day, month and year selects. ``output``: ``"iso"`` (``2026-11-30``, for a
    ``DateField``) or ``"jalali"`` (``1405/09/09``, for a field that parses Jalali)."""

    def __init__(self, attrs=None, output: str = "iso"):
        self.output = output
        this_year = jdatetime.date.today().year
        years = range(this_year - YEARS_BACK, this_year + YEARS_AHEAD + 1)
        blank = [("", "—")]
        widgets = (
            forms.Select(
                attrs={"aria-label": pgettext_lazy("date picker", "Day"), "class": "jalali-day"},
                choices=blank + [(n, to_persian_digits(n)) for n in range(1, 32)],
            ),
            forms.Select(
                attrs={
                    "aria-label": pgettext_lazy("date picker", "Month"),
                    "class": "jalali-month",
                },
                choices=blank + [(n, name) for n, name in enumerate(jalali.MONTHS, start=1)],
            ),
            forms.Select(
                attrs={"aria-label": pgettext_lazy("date picker", "Year"), "class": "jalali-year"},
                choices=blank + [(n, to_persian_digits(n)) for n in years],
            ),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value):
        year, month, day = _jalali_parts(value)
        years = self.widgets[2]
        if year and year not in {choice for choice, _label in years.choices}:
            # A date outside the usual years stays what it is when the form is saved.
            years.choices = [*years.choices, (year, to_persian_digits(year))]
        return [day, month, year]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return typed_date(data[name], self.output)
        day, month, year = super().value_from_datadict(data, files, name)
        if not (day or month or year):
            return ""
        try:
            picked = jdatetime.date(int(year), int(month), int(day))
        except (TypeError, ValueError):
            # Incomplete or impossible (31 Mehr): text the field reports as invalid.
            return f"{year or '?'}/{month or '?'}/{day or '?'}"
        if self.output == "jalali":
            return f"{picked.year:04d}/{picked.month:02d}/{picked.day:02d}"
        return picked.togregorian().isoformat()


class JalaliDateTimePicker(forms.MultiWidget):
    """A Jalali date picker and a time, read back as ``YYYY-MM-DD HH:MM`` (Tehran time)."""

    def __init__(self, attrs=None):
        widgets = (
            JalaliDatePicker(),
            forms.TimeInput(
                attrs={
                    "type": "time",
                    "dir": "ltr",
                    "aria-label": pgettext_lazy("date picker", "Time"),
                },
                format="%H:%M",
            ),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = dt.datetime.fromisoformat(to_ascii_digits(value).strip())
            except ValueError:
                return [value, None]
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local, local.time().replace(second=0, microsecond=0)]
        return [None, None]

    def value_from_datadict(self, data, files, name):
        if name in data:
            day, _space, time = to_ascii_digits(data[name]).strip().partition(" ")
            return f"{typed_date(day)} {time}".strip()
        day, time = super().value_from_datadict(data, files, name)
        if not day and not time:
            return ""
        return f"{day} {to_ascii_digits(time or '') or '00:00'}".strip()
