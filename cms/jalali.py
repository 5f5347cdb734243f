"""Jalali (Solar Hijri) dates for people, in Tehran time."""

import datetime as dt
from zoneinfo import ZoneInfo

import jdatetime
from django.conf import settings
from django.utils import timezone

from .i18n import PERSIAN_WEEKDAY_NAMES
from .text import to_ascii_digits, to_persian_digits

MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
# By Python's weekday(): Monday is 0.
WEEKDAYS = tuple(PERSIAN_WEEKDAY_NAMES[number] for number in range(7))


def display_zone():
    return ZoneInfo(settings.TIME_ZONE)


def to_local(value: dt.datetime) -> dt.datetime:
    """An aware datetime in the display zone (Tehran); naive ones are taken as such."""
    if timezone.is_aware(value):
        return value.astimezone(display_zone())
    return value


def to_jalali(value: dt.date) -> jdatetime.date:
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return jdatetime.date.fromgregorian(date=value)


def format_date(value: dt.date, style: str = "long") -> str:
    """``۲۹ اسفند ۱۴۰۰`` (long), ``۱۴۰۰/۱۲/۲۹`` (short) or ``شنبه ۲۹ اسفند ۱۴۰۰`` (full)."""
    j = to_jalali(value)
    if style == "short":
        text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    else:
        text = f"{j.day} {MONTHS[j.month - 1]} {j.year}"
        if style == "full":
            day = to_local(value).date() if isinstance(value, dt.datetime) else value
            text = f"{WEEKDAYS[day.weekday()]} {text}"
    return to_persian_digits(text)


def format_time(value: dt.datetime) -> str:
    local = to_local(value)
    return to_persian_digits(f"{local.hour:02d}:{local.minute:02d}")


def format_datetime(value: dt.datetime, style: str = "long") -> str:
    """``۲۹ اسفند ۱۴۰۰، ساعت ۱۴:۳۰`` (long) or ``۱۴۰۰/۱۲/۲۹ ۱۴:۳۰`` (short)."""
    if style == "short":
        return f"{format_date(value, 'short')} {format_time(value)}"
    return f"{format_date(value, style)}، ساعت {format_time(value)}"


def parse_date(text: str) -> dt.date:
    """A Jalali date typed as ``1400/12/29`` (any digits, / or - separators) to a date.

    Raises ValueError when it is not a real Jalali date.
    """
    parts = to_ascii_digits(text).strip().replace("-", "/").split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(text)
    year, month, day = (int(p) for p in parts)
    return jdatetime.date(year, month, day).togregorian()
