"""Template filters of the status pages (Persian digits and separators on Persian pages)."""

from decimal import Decimal

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.formatting import fa_digits, fa_number, jdate
from cms.i18n import is_persian, list_separator

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
    return list_separator().join(names)


DAY_PHRASES = {
    Impact.MAJOR: ("%(count)s day with a major outage", "%(count)s days with a major outage"),
    Impact.PARTIAL: ("%(count)s day with a partial outage", "%(count)s days with a partial outage"),
    Impact.DEGRADED: (
        "%(count)s day with degraded performance",
        "%(count)s days with degraded performance",
    ),
    LEVEL_MAINTENANCE: (
        "%(count)s day with planned maintenance",
        "%(count)s days with planned maintenance",
    ),
    LEVEL_OK: ("%(count)s day without problems", "%(count)s days without problems"),
    LEVEL_NO_DATA: ("%(count)s day not measured yet", "%(count)s days not measured yet"),
}


def day_phrase(level, count):
    singular, plural = DAY_PHRASES[level]
    return ngettext(singular, plural, count) % {"count": fa_number(count)}


@register.simple_tag
def day_summary(group):
    """The group's 90 days in one sentence: how many days of each kind, worst first."""
    parts = [day_phrase(level, count) for level, count in group.day_counts]
    text = _("In the last 90 days: %(days)s.") % {"days": list_separator().join(parts)}
    if group.downtime:
        text += " " + _("Out of service %(time)s in all.") % {"time": duration(group.downtime)}
    return text


register.simple_tag(list_separator, name="list_separator")


@register.simple_tag
def day_labels(days):
    """The days' Jalali (or, on English pages, Gregorian) dates, formatted once."""
    return {day: jdate(day) for day in days}


@register.simple_tag(takes_context=True)
def statement_figure(context, row):
    """A row's SLA-statement figure (``outages/includes/statement_figure.html``). Rows
    with the same statement period, figure and target read the same, and hundreds of
    services share one: each distinct figure is rendered once per page."""
    if not row.statement:
        return ""
    key = (row.statement_start, row.statement_end, row.availability_statement, row.target)
    figures = context.render_context.setdefault("outages_statement_figures", {})
    if key not in figures:
        figures[key] = render_to_string("outages/includes/statement_figure.html", {"row": row})
    return figures[key]


@register.simple_tag(takes_context=True)
def service_list(context, group):
    """The services of a history group, one ``<li>`` each (a link to the service's card),
    written here, not by a template loop, because the status page lists every service.
    Services under the same SLA-statement figure are listed together with the figure once
    after them (most services share one), so the page does not repeat it for each."""
    lists: dict[str, list[str]] = {}
    for row in group.rows:
        title = escape(row.title)
        name = f'<a href="{escape(row.url)}">{title}</a>' if row.url else title
        item = f'\n        <li data-service="{escape(row.key)}">{name}</li>'
        lists.setdefault(statement_figure(context, row), []).append(item)
    # Every value above is escaped; the figures are rendered templates.
    parts = []
    for figure, items in lists.items():
        parts.append(f'<ul class="history-services">{"".join(items)}\n    </ul>')
        if figure:
            parts.append(f'<p class="history-statement">{figure}</p>')
    return mark_safe("".join(parts))  # noqa: S308
