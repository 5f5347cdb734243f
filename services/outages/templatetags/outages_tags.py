"""Template filters of the status pages (Persian digits and separators on Persian pages)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from cms.formatting import fa_digits, jdate
from cms.i18n import is_persian

from ..availability import LEVEL_MAINTENANCE, LEVEL_NO_DATA, LEVEL_OK
from ..durations import format_duration
from ..enums import Impact

register = template.Library()


@register.filter
def percent(value):
    """``Decimal("99.95")`` → ``۹۹٫۹۵٪`` on Persian pages, ``99.95%`` on English ones."""
    if value is None or value == "":
        return "—"
    number = Decimal(value)
    text = (
        f"{number:.2f}".rstrip("0").rstrip(".")
        if number == number.to_integral()
        else f"{number:.2f}"
    )
    if is_persian():
        return fa_digits(text.replace(".", "٫")) + "٪"
    return f"{text}%"


@register.filter
def duration(value):
    return format_duration(value) if value is not None else ""


@register.filter
def level_label(level):
    if level == LEVEL_OK:
        return _("No problems")
    if level == LEVEL_NO_DATA:
        return _("Not measured yet")
    if level == LEVEL_MAINTENANCE:
        return _("Planned maintenance")
    try:
        return Impact(level).label
    except ValueError:
        return ""


@register.filter
def titles(services):
    """Service titles joined the way the page's language joins a list."""
    names = [service.display_title for service in services]
    return ("، " if is_persian() else ", ").join(names)


@register.simple_tag
def day_bars(row, labels=None):
    """The row's daily bars as ``<li>`` items.

    Built here rather than in a template loop: a status page has 90 bars per service,
    and each needs a Jalali date and a label; ``labels`` (from :func:`day_labels`) lets
    every row share the 90 dates formatted once.
    """
    labels = labels if labels is not None else {}
    level_names = {}
    items = []
    for bar in row.bars:
        if bar.day not in labels:
            labels[bar.day] = jdate(bar.day)
        if bar.level not in level_names:
            level_names[bar.level] = level_label(bar.level)
        title = f"{labels[bar.day]}: {level_names[bar.level]}"
        if bar.downtime:
            title += " (" + _("out of service %(time)s") % {"time": duration(bar.downtime)} + ")"
        items.append((bar.level, bar.day.isoformat(), bar.level, title))
    return format_html_join(
        "",
        '<li class="day-bar day-bar--{}" data-day="{}" data-level="{}" title="{}"></li>',
        items,
    )


@register.simple_tag
def day_labels(days):
    """The days' Jalali (or, on English pages, Gregorian) dates, formatted once."""
    return {day: jdate(day) for day in days}
