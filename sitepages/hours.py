"""Is a unit open right now? Office hours per weekday, read in Tehran time.

Kept apart from the models so that it is a plain function of (hours, moment): easy to
test for any day and time without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils import timezone

from cms.jalali import display_zone


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    # While open: when it closes today. While closed: the next opening, if any this week.
    closes_at: dt.time | None = None
    next_weekday: int | None = None
    next_opens_at: dt.time | None = None
    holiday: bool = False


@lru_cache(maxsize=8)
def _iran_holidays(year: int):
    return holidays.country_holidays("IR", years=year)


def is_public_holiday(day: dt.date) -> bool:
    return day in _iran_holidays(day.year)


def opening_status(hours, now: dt.datetime | None = None) -> OpeningStatus | None:
    """``hours`` are objects with ``weekday`` (Monday 0), ``opens`` and ``closes``.

    Returns ``None`` when the unit has published no office hours at all (we then say
    nothing rather than "closed"). Official holidays of Iran count as closed days.
    """
    hours = list(hours)
    if not hours:
        return None
    now = timezone.localtime(now or timezone.now(), display_zone())
    today = now.date()
    holiday = is_public_holiday(today)
    if not holiday:
        for slot in hours:
            if slot.weekday == today.weekday() and slot.opens <= now.time() < slot.closes:
                return OpeningStatus(is_open=True, closes_at=slot.closes)
    # The next opening: later today, or on one of the next seven days.
    for offset in range(8):
        day = today + dt.timedelta(days=offset)
        if is_public_holiday(day):
            continue
        candidates = sorted(
            slot.opens
            for slot in hours
            if slot.weekday == day.weekday() and (offset > 0 or slot.opens > now.time())
        )
        if candidates:
            return OpeningStatus(
                is_open=False,
                next_weekday=day.weekday() if offset else None,
                next_opens_at=candidates[0],
                holiday=holiday,
            )
    return OpeningStatus(is_open=False, holiday=holiday)
