"""Which unit answers a request, whatever the language of the page it came from.

Every unit page has a translation per language (the Persian page and its English twin,
sharing a ``translation_key``). Forms list the units of the page's language; a request
is always stored on the unit's canonical page (the default language's), where the
unit's desk staff are, so that a request from ``/en/`` lands in the same queue as one
from ``/``.
"""

from __future__ import annotations

from wagtail.models import Locale


def default_locale():
    return Locale.get_default()


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return default_locale()


def units_of_language():
    """Live public units in the active language (the default language's if it has none)."""
    from sitepages.models import UnitPage

    units = UnitPage.objects.live().public()
    localized = units.filter(locale=active_locale())
    if not localized.exists():
        localized = units.filter(locale=default_locale())
    return localized.order_by("path")


def canonical_unit(unit):
    """The unit's page in the default language (the unit itself when it is that page)."""
    if unit is None:
        return None
    locale = default_locale()
    if unit.locale_id == locale.pk:
        return unit
    canonical = unit.get_translation_or_none(locale)
    return canonical.specific if canonical is not None else unit
