"""Which units offer chat, who is online in them, and when offices open again.

A chat is always stored on the unit's canonical page (the default language's), where its
officials are, as the desk does for requests: a chat started from ``/en/`` lands in the
same queue as one started from ``/``.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale

from cms.working_calendar import WorkingCalendar
from sitepages.models import UnitPage

from ..models import ChatMembership


def canonical_unit(unit):
    if unit is None:
        return None
    locale = Locale.get_default()
    if unit.locale_id == locale.pk:
        return unit
    canonical = unit.get_translation_or_none(locale)
    return canonical.specific if canonical is not None else unit


UNIT_IDS_KEY = "chat:unit-ids"


def chat_unit_ids() -> set[int]:
    """Canonical units that have at least one active chat official.

    Asked on every public page (the menu entry), so kept in the cache and forgotten when
    a membership or a user changes (:func:`forget_chat_units`)."""
    ids = cache.get(UNIT_IDS_KEY)
    if ids is None:
        ids = set(ChatMembership.objects.active_users().values_list("unit_id", flat=True))
        cache.set(UNIT_IDS_KEY, ids, 300)
    return set(ids)


def forget_chat_units(**kwargs) -> None:
    cache.delete(UNIT_IDS_KEY)


def online_counts(now=None) -> dict[int, int]:
    """``{canonical unit id: officials online now}`` for units with someone online."""
    rows = (
        ChatMembership.objects.online(now)
        .values("unit_id")
        .annotate(n=Count("user_id", distinct=True))
    )
    return {row["unit_id"]: row["n"] for row in rows}


def chat_units(language_locale=None, now=None) -> list[tuple[UnitPage, int]]:
    """Live public units offering chat, as pages of the given locale when translated,
    paired with their officials online now; those with someone online first."""
    ids = chat_unit_ids()
    if not ids:
        return []
    online = online_counts(now)
    canonical = list(UnitPage.objects.live().public().filter(pk__in=ids).order_by("path"))
    result = []
    for unit in canonical:
        shown = unit
        if language_locale is not None and unit.locale_id != language_locale.pk:
            translated = unit.get_translation_or_none(language_locale)
            if translated is not None and translated.live:
                shown = translated.specific
        result.append((shown, online.get(unit.pk, 0)))
    result.sort(key=lambda pair: 0 if pair[1] else 1)
    return result


def is_online(unit, now=None) -> bool:
    unit = canonical_unit(unit)
    return ChatMembership.objects.online(now).filter(unit=unit).exists()


def next_office_opening(now=None, calendar: WorkingCalendar | None = None) -> dt.datetime | None:
    """When offices open next (``None`` during office hours or when the calendar has no
    working day in the next month)."""
    now = now or timezone.now()
    calendar = calendar or WorkingCalendar.load()
    local = calendar.local(now)
    for offset in range(0, 32):
        day = local.date() + dt.timedelta(days=offset)
        hours = calendar.office_hours(day)
        if hours is None:
            continue
        opens, closes = hours
        if offset == 0 and opens <= local < closes:
            return None
        if local < opens:
            return opens
    return None
