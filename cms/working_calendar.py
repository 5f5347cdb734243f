"""The working calendar: when the university's offices work, and when a response is due.

One calendar for every app: the SLA clock of requests and applications, a unit's "open
now", meeting times, the chat's office hours. A shared helper, so in ``cms``; the
editors' settings it reads are the sla app's models, which connect themselves when
Django starts (:func:`connect_editors_calendar`).

Response targets are promised in working hours or working days. Office hours are
editable (:class:`sla.models.WorkingCalendarSettings`; Saturday to Wednesday full days
and a Thursday half-day by default), Iran's official holidays come from the
``holidays`` package through :mod:`cms.official_holidays` (solar and lunar ones; the lunar dates are astronomical estimates,
so editors can correct them) and editors add their own closed days or working days
(:class:`sla.models.CalendarDay`).

Plugins compute due times with :func:`due_at`::

    from cms.working_calendar import due_at
    due = due_at(request.submitted_at, 5, "working_days", pauses=request.pauses())

``pauses`` are the intervals spent "waiting for the citizen": the clock stops during
them. A pause that has not ended yet is ``(start, None)``; while it lasts the due time
may be unknown, and :func:`due_at` then returns ``None``.

How the two units count:

* **working hours**: working time is counted from the start, minute by minute, inside
  office hours and outside pauses.
* **working days**: the day of receipt counts only when the request arrived before the
  office opened; after that, every working day on which the clock runs for a while
  counts as one day, whatever its length (a Thursday half-day is a day). A working day
  spent entirely in a pause does not count. The response is due when the office closes
  on the last counted day.

Times are computed in the display zone (Asia/Tehran) and returned as aware datetimes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .i18n import WEEK_ORDER
from .official_holidays import official_holidays

# The units of response targets (the values of sla.enums.TimeUnit).
WORKING_HOURS = "working_hours"
WORKING_DAYS = "working_days"

# Python's weekday(): Monday is 0 ... Saturday is 5, Sunday 6.
SATURDAY, SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = 5, 6, 0, 1, 2, 3, 4

FULL_DAY = (dt.time(7, 30), dt.time(14, 30))
HALF_DAY = (dt.time(7, 30), dt.time(11, 0))
DEFAULT_WEEK: dict[int, tuple[dt.time, dt.time] | None] = {
    SATURDAY: FULL_DAY,
    SUNDAY: FULL_DAY,
    MONDAY: FULL_DAY,
    TUESDAY: FULL_DAY,
    WEDNESDAY: FULL_DAY,
    THURSDAY: HALF_DAY,
    FRIDAY: None,
}

# A target that cannot be reached within this many days is a configuration error
# (for instance a week with no working day), not something to loop on forever.
MAX_SEARCH_DAYS = 3 * 366

Pause = tuple[dt.datetime, dt.datetime | None]

# What WorkingCalendar.load() builds the editors' calendar from: a function returning its
# keyword arguments (sla.models.calendar.editors_calendar, connected when Django starts
# by SLAConfig.ready; the models import this module, not the other way round).
_editors_calendar: Callable[[], dict] | None = None


def connect_editors_calendar(source: Callable[[], dict]) -> None:
    global _editors_calendar  # noqa: PLW0603 - set once, when Django starts
    _editors_calendar = source


@dataclass
class WorkingCalendar:
    """Office hours per weekday, official holidays and editors' calendar days."""

    week: dict[int, tuple[dt.time, dt.time] | None] = field(
        default_factory=lambda: dict(DEFAULT_WEEK)
    )
    use_official_holidays: bool = True
    closed_days: dict[dt.date, str] = field(default_factory=dict)
    working_days: set[dt.date] = field(default_factory=set)
    # Loads editors' days for one year: (closed {date: name}, working {date}). Called
    # once per year the calendar touches, so a computation runs a bounded number of
    # queries.
    loader: Callable[[int], tuple[dict[dt.date, str], set[dt.date]]] | None = None
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(settings.TIME_ZONE))
    _loaded_years: set[int] = field(default_factory=set, repr=False)

    @classmethod
    def load(cls) -> WorkingCalendar:
        """The calendar editors configured: working week settings and calendar days."""
        if _editors_calendar is None:
            raise ImproperlyConfigured("The sla app connects the editors' calendar when ready.")
        return cls(**_editors_calendar())

    # Days

    def _ensure_year(self, year: int) -> None:
        if self.loader is None or year in self._loaded_years:
            return
        self._loaded_years.add(year)
        closed, working = self.loader(year)
        for day, name in closed.items():
            self.closed_days.setdefault(day, name)
        self.working_days.update(working)

    def holiday_name(self, day: dt.date) -> str | None:
        """Why the offices are closed on ``day`` (a holiday), or ``None``."""
        self._ensure_year(day.year)
        if day in self.working_days:
            return None
        if day in self.closed_days:
            return self.closed_days[day]
        if self.use_official_holidays:
            return official_holidays(day.year).get(day)
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.office_hours(day) is not None

    def is_extra_working_day(self, day: dt.date) -> bool:
        """Whether editors made ``day`` a working day (a make-up day, a corrected
        holiday): offices open on it even when its weekday is a closed one."""
        self._ensure_year(day.year)
        return day in self.working_days

    def usual_hours(self) -> tuple[dt.time, dt.time] | None:
        """The hours of the week's first working day (Saturday first): what an extra
        working day on a closed weekday keeps."""
        return next((self.week[d] for d in WEEK_ORDER if self.week.get(d)), None)

    def weekday_hours(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        """The opening and closing time of ``day``'s weekday, holidays aside; an extra
        working day on a closed weekday has :meth:`usual_hours`."""
        hours = self.week.get(day.weekday())
        if hours is None and self.is_extra_working_day(day):
            return self.usual_hours()
        return hours

    def office_hours(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """When the offices open and close on ``day`` (aware), or ``None`` if closed."""
        hours = self.weekday_hours(day)
        if hours is None or self.holiday_name(day) is not None:
            return None
        opens, closes = hours
        return (
            dt.datetime.combine(day, opens, tzinfo=self.tz),
            dt.datetime.combine(day, closes, tzinfo=self.tz),
        )

    # Time

    def local(self, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            return value.replace(tzinfo=self.tz)
        return value.astimezone(self.tz)

    def _running(
        self, start: dt.datetime, end: dt.datetime, pauses: list[Pause]
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """The parts of ``[start, end)`` outside every pause, in order."""
        cursor = start
        for pause_start, pause_end in pauses:
            if pause_end is not None and pause_end <= cursor:
                continue
            if pause_start >= end:
                break
            if pause_start > cursor:
                yield cursor, pause_start
            if pause_end is None:
                return
            cursor = max(cursor, pause_end)
            if cursor >= end:
                return
        if cursor < end:
            yield cursor, end

    def _normalise_pauses(self, pauses: Iterable[Pause]) -> list[Pause]:
        """Pauses in local time, sorted, overlapping ones merged."""
        items = sorted(
            (
                (self.local(start), self.local(end) if end is not None else None)
                for start, end in pauses
            ),
            key=lambda pause: pause[0],
        )
        merged: list[Pause] = []
        for start, end in items:
            if end is not None and end <= start:
                continue
            if merged:
                last_start, last_end = merged[-1]
                if last_end is None:
                    break
                if start <= last_end:
                    merged[-1] = (last_start, None if end is None else max(last_end, end))
                    continue
            merged.append((start, end))
        return merged

    def working_time_between(
        self, start: dt.datetime, end: dt.datetime, pauses: Iterable[Pause] = ()
    ) -> dt.timedelta:
        """Working time on the clock between ``start`` and ``end``, pauses left out."""
        start, end = self.local(start), self.local(end)
        pauses = self._normalise_pauses(pauses)
        total = dt.timedelta()
        day = start.date()
        while day <= end.date():
            hours = self.office_hours(day)
            if hours is not None:
                segment_start, segment_end = max(hours[0], start), min(hours[1], end)
                if segment_start < segment_end:
                    for run_start, run_end in self._running(segment_start, segment_end, pauses):
                        total += run_end - run_start
            day += dt.timedelta(days=1)
        return total

    def due_at(
        self,
        start: dt.datetime,
        value: int | float,
        unit: str = WORKING_DAYS,
        pauses: Iterable[Pause] = (),
    ) -> dt.datetime | None:
        """When a response promised ``value`` ``unit`` after ``start`` is due.

        ``None`` while an open-ended pause keeps the clock stopped before the target is
        reached.
        """
        if value < 0:
            raise ValueError("A response target cannot be negative.")
        start = self.local(start)
        pauses = self._normalise_pauses(pauses)
        open_pause = next((p[0] for p in pauses if p[1] is None), None)
        if unit == WORKING_HOURS:
            return self._due_in_hours(start, dt.timedelta(hours=value), pauses, open_pause)
        if unit == WORKING_DAYS:
            return self._due_in_days(start, int(value), pauses, open_pause)
        raise ValueError(f"Unknown time unit: {unit!r}")

    def _due_in_hours(self, start, remaining, pauses, open_pause):
        day = start.date()
        for _ in range(MAX_SEARCH_DAYS):
            hours = self.office_hours(day)
            if hours is not None and max(hours[0], start) < hours[1]:
                for run_start, run_end in self._running(max(hours[0], start), hours[1], pauses):
                    if run_end - run_start >= remaining:
                        return run_start + remaining
                    remaining -= run_end - run_start
            if open_pause is not None and open_pause.date() <= day:
                return None
            day += dt.timedelta(days=1)
        raise ValueError("No working time in the calendar: check the working week.")

    def _due_in_days(self, start, days, pauses, open_pause):
        day = start.date()
        hours = self.office_hours(day)
        if hours is None or start >= hours[0]:
            # The day of receipt counts only when the request came before opening time.
            day += dt.timedelta(days=1)
        if days == 0:
            return start
        counted = 0
        for _ in range(MAX_SEARCH_DAYS):
            hours = self.office_hours(day)
            if hours is not None and any(self._running(hours[0], hours[1], pauses)):
                counted += 1
                if counted == days:
                    return hours[1]
            if open_pause is not None and open_pause.date() <= day:
                return None
            day += dt.timedelta(days=1)
        raise ValueError("No working days in the calendar: check the working week.")


def due_at(
    start: dt.datetime,
    value: int | float,
    unit: str = WORKING_DAYS,
    pauses: Iterable[Pause] = (),
    calendar: WorkingCalendar | None = None,
) -> dt.datetime | None:
    """The due time of a response target on the editors' working calendar.

    ``unit`` is ``"working_days"`` or ``"working_hours"``; ``pauses`` are
    ``(start, end)`` intervals of "waiting for the citizen" (``end`` ``None`` while the
    wait goes on). See the module's docstring for how days and hours are counted.
    """
    calendar = calendar or WorkingCalendar.load()
    return calendar.due_at(start, value, unit, pauses)


def working_time_between(
    start: dt.datetime,
    end: dt.datetime,
    pauses: Iterable[Pause] = (),
    calendar: WorkingCalendar | None = None,
) -> dt.timedelta:
    """Working time between two moments on the editors' calendar, pauses left out."""
    calendar = calendar or WorkingCalendar.load()
    return calendar.working_time_between(start, end, pauses)
