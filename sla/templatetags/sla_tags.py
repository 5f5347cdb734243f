"""Template helpers of the catalog and the statements: durations, figures, validity."""

from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from cms.formatting import fa_digits, fa_number
from cms.i18n import is_persian

from ..enums import TimeUnit, ValidityState

register = template.Library()


@register.simple_tag
def duration(value, unit):
    """``۵ روز کاری`` / ``5 working days``."""
    if value in (None, ""):
        return ""
    count = int(value)
    if unit == TimeUnit.WORKING_HOURS:
        text = ngettext("%(count)s working hour", "%(count)s working hours", count)
    else:
        text = ngettext("%(count)s working day", "%(count)s working days", count)
    return fa_digits(text % {"count": count})


@register.simple_tag
def fee(service):
    """``رایگان`` or ``۱٬۲۰۰٬۰۰۰ ریال``."""
    if service.is_free or not service.fee:
        return _("Free of charge")
    return _("%(amount)s Rials") % {"amount": fa_number(service.fee)}


def _decimal_text(value) -> str:
    number = Decimal(str(value)).quantize(Decimal("0.1"))
    text = f"{number:f}".removesuffix(".0")
    if is_persian():
        return fa_digits(text.replace(".", "٫"))
    return text


def _unit_pattern(unit):
    if unit == "days":
        return _("%(value)s days")
    if unit == "hours":
        return _("%(value)s hours")
    if unit == "minutes":
        return _("%(value)s minutes")
    if unit == "/5":
        return pgettext("a rating", "%(value)s out of 5")
    return None


@register.filter
def figure(value, unit="%"):
    """A measured figure with its unit: ``۹۷٫۵٪``, ``97.5%``, ``۳ روز``."""
    if value is None:
        return ""
    text = _decimal_text(value)
    if unit == "%":
        return f"{text}٪" if is_persian() else f"{text}%"
    pattern = _unit_pattern(unit)
    if pattern:
        return pattern % {"value": text}
    return f"{text} {unit}".strip()


@register.inclusion_tag("sla/includes/validity.html")
def validity(statement, today=None):
    today = today or timezone.localdate()
    state = statement.validity_state(today)
    return {
        "statement": statement,
        "state": state,
        "days_left": statement.days_left(today),
        "days_ago": -statement.days_left(today),
        "VALID": ValidityState.VALID,
        "EXPIRING": ValidityState.EXPIRING,
        "EXPIRED": ValidityState.EXPIRED,
    }
