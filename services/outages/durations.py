"""Lengths of time in words, in the active language (Persian digits on Persian pages)."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.formatting import fa_digits


def format_duration(value: dt.timedelta) -> str:
    """``۲ ساعت و ۱۵ دقیقه`` / ``2 hours 15 minutes``; under a minute is "less than a minute"."""
    minutes = max(0, int(value.total_seconds() // 60))
    if minutes == 0:
        return _("less than a minute")
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)s day", "%(n)s days", days) % {"n": fa_digits(days)})
    if hours:
        parts.append(ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": fa_digits(hours)})
    if minutes and not days:
        parts.append(ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": fa_digits(minutes)})
    return _(" and ").join(parts)
