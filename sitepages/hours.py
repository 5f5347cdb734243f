"""Is a unit open right now? Its office hours, on the university's working calendar.

Which days are working days comes from :mod:`cms.working_calendar`, the one source of working
time that the SLA clock also counts with: the working week, Iran's official holidays
and the editors' calendar days (an extra holiday closes every unit; an extra working
day opens them, with their usual hours when it falls on a weekday they are closed).
The unit's own hours say when on a working day it receives people.

Kept apart from the models so that it is a plain function of (hours, moment, calendar):
easy to test for any day and time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cms.i18n import WEEK_ORDER
from cms.jalali import display_zone
from cms.working_calendar import WorkingCalendar, official_holidays


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    # While open: when it closes today. While closed: the next opening, if any this week.
    closes_at: dt.time | None = None
    next_weekday: int | None = None
    next_opens_at: dt.time | None = None
    holiday: bool = False


def is_public_holiday(day: dt.date) -> bool:
    """One of Iran's official holidays (without the editors' corrections)."""
    return day in official_holidays(day.year)


def slots_on(hours, day: dt.date, calendar: WorkingCalendar) -> list[tuple[dt.time, dt.time]]:
    """The unit's (opens, closes) on ``day``: none on a day the calendar closes."""
    if not calendar.is_working_day(day):
        return []
    own = sorted((slot.opens, slot.closes) for slot in hours if slot.weekday == day.weekday())
    if own or not calendar.is_extra_working_day(day):
        return own
    # An editors' working day on a weekday the unit is closed: its usual day's hours.
    for weekday in WEEK_ORDER:
        usual = sorted((slot.opens, slot.closes) for slot in hours if slot.weekday == weekday)
        if usual:
            return usual
    return []


def opening_status(
    hours, now: dt.datetime | None = None, calendar: WorkingCalendar | None = None
) -> OpeningStatus | None:
    """``hours`` are objects with ``weekday`` (Monday 0), ``opens`` and ``closes``.

    Returns ``None`` when the unit has published no office hours at all (we then say
    nothing rather than "closed"). ``calendar`` is the editors' working calendar
    (:meth:`cms.working_calendar.WorkingCalendar.load`); without one, the default working week
    with Iran's official holidays.
    """
    hours = list(hours)
    if not hours:
        return None
    calendar = calendar or WorkingCalendar()
    now = timezone.localtime(now or timezone.now(), display_zone())
    today = now.date()
    holiday = calendar.holiday_name(today) is not None
    for opens, closes in slots_on(hours, today, calendar):
        if opens <= now.time() < closes:
            return OpeningStatus(is_open=True, closes_at=closes)
    # The next opening: later today, or on one of the next seven days.
    for offset in range(8):
        day = today + dt.timedelta(days=offset)
        candidates = [
            opens
            for opens, _closes in slots_on(hours, day, calendar)
            if offset or opens > now.time()
        ]
        if candidates:
            return OpeningStatus(
                is_open=False,
                next_weekday=day.weekday() if offset else None,
                next_opens_at=min(candidates),
                holiday=holiday,
            )
    return OpeningStatus(is_open=False, holiday=holiday)
