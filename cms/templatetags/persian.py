"""Template filters for dates and digits, Persian on Persian pages.

On Persian pages dates are Jalali and digits Persian; on English pages dates are
Gregorian and digits Latin. Loaded as a builtin, so templates need no ``{% load %}``.

    {{ page.first_published_at|jdate }}          ۲۹ اسفند ۱۴۰۰   / 20 March 2022
    {{ page.first_published_at|jdate:"short" }}  ۱۴۰۰/۱۲/۲۹      / 2022-03-20
    {{ notice.start|jdatetime }}                 ۲۹ اسفند ۱۴۰۰، ساعت ۱۴:۳۰
    {{ service.fee|fa_digits }}                  ۱۲۰۰۰
    {{ service.fee|fa_number }}                  ۱۲٬۰۰۰
"""

import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from .. import jalali
from ..text import to_persian_digits
from ..tracking import format_tracking_code

register = template.Library()


def is_persian() -> bool:
    return (get_language() or "fa").split("-")[0] == "fa"


_ENGLISH_DATE = {"short": "Y-m-d", "long": "j F Y", "full": "l j F Y"}


@register.filter
def jdate(value, style="long"):
    if not value:
        return ""
    if is_persian():
        return jalali.format_date(value, style)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, _ENGLISH_DATE.get(style, "j F Y"))


@register.filter
def jdatetime(value, style="long"):
    if not value:
        return ""
    if is_persian():
        return jalali.format_datetime(value, style)
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    fmt = "Y-m-d H:i" if style == "short" else "j F Y, H:i"
    return formats.date_format(value, fmt)


@register.filter
def jtime(value):
    if not value:
        return ""
    if is_persian():
        return jalali.format_time(value)
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.time_format(value, "H:i")


@register.filter
def fa_digits(value):
    if value is None:
        return ""
    return to_persian_digits(value) if is_persian() else str(value)


@register.filter
def fa_number(value):
    """A number with thousands separators (Persian ٬ and digits on Persian pages)."""
    if value is None or value == "":
        return ""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return fa_digits(value)
    if is_persian():
        return to_persian_digits(text.replace(",", "٬"))
    return text


@register.filter
def tracking_code(value):
    if not value:
        return ""
    return fa_digits(format_tracking_code(str(value)))
