"""Template filters of the status pages (Persian digits and separators on Persian pages)."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from cms.templatetags.persian import fa_digits, is_persian

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
