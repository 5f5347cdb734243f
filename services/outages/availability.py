"""Availability arithmetic: from notices to downtime, percentages and daily bars.

Pure functions over :class:`Segment` values (a stretch of time with one impact), so they
are tested without a database. A notice becomes segments by :func:`notice_segments`:
from its start to its actual end (or to now while it is open), split where a timeline
update changed the impact.

* Overlapping notices are counted once: downtime is the measure of the *union* of the
  counted segments, never their sum.
* Days are days in the display zone (Tehran), not UTC days.
* Whether maintenance counts and which impacts count as "unavailable" are parameters;
  :mod:`services.outages.conf` gives the defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

from .enums import IMPACT_SEVERITY, Impact, NoticeKind

ONE_MICROSECOND = dt.timedelta(microseconds=1)
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")

# The colour of a day on the status page, from calm to strong.
LEVEL_NO_DATA = "nodata"
LEVEL_OK = "ok"
LEVEL_MAINTENANCE = "maintenance"
LEVELS = (
    LEVEL_NO_DATA,
    LEVEL_OK,
    LEVEL_MAINTENANCE,
    Impact.DEGRADED,
    Impact.PARTIAL,
    Impact.MAJOR,
)


@dataclass(frozen=True)
class Segment:
    """A stretch of time during which a notice had one impact."""

    start: dt.datetime
    end: dt.datetime
    impact: str
    kind: str = NoticeKind.OUTAGE
    notice_id: int | None = None

    @property
    def severity(self) -> int:
        return IMPACT_SEVERITY.get(self.impact, 0)

    @property
    def is_maintenance(self) -> bool:
        return self.kind == NoticeKind.MAINTENANCE


def notice_segments(
    *,
    starts_at: dt.datetime,
    ended_at: dt.datetime | None,
    impact: str,
    kind: str,
    now: dt.datetime,
    impact_changes: Sequence[tuple[dt.datetime, str]] = (),
    notice_id: int | None = None,
) -> list[Segment]:
    """The segments of one notice, up to ``now``.

    ``impact_changes`` are the timeline's (posted_at, impact) pairs in order; the first
    one is the impact announced when the notice was published and applies from the start,
    whatever time it was posted. Without any, ``impact`` applies throughout.
    """
    end = min(ended_at, now) if ended_at else now
    if end <= starts_at:
        return []
    changes = sorted(impact_changes, key=lambda change: change[0])
    current = changes[0][1] if changes else impact
    cursor = starts_at
    segments = []
    for posted_at, new_impact in changes[1:]:
        if new_impact == current:
            continue
        if posted_at >= end:
            break
        if posted_at > cursor:
            segments.append(Segment(cursor, posted_at, current, kind, notice_id))
            cursor = posted_at
        current = new_impact
    segments.append(Segment(cursor, end, current, kind, notice_id))
    return segments


def merge_intervals(
    intervals: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The union of intervals as sorted, disjoint intervals (touching ones are joined)."""
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def covered(
    intervals: Iterable[tuple[dt.datetime, dt.datetime]],
    start: dt.datetime,
    end: dt.datetime,
) -> dt.timedelta:
    """How much of ``[start, end)`` the union of ``intervals`` covers."""
    total = dt.timedelta()
    for a, b in merge_intervals(intervals):
        a, b = max(a, start), min(b, end)
        if b > a:
            total += b - a
    return total


def counts_as_downtime(
    segment: Segment, *, count_maintenance: bool, downtime_impacts: frozenset[str]
) -> bool:
    if segment.is_maintenance and not count_maintenance:
        return False
    return segment.impact in downtime_impacts


def downtime_intervals(
    segments: Iterable[Segment], *, count_maintenance: bool, downtime_impacts: frozenset[str]
) -> list[tuple[dt.datetime, dt.datetime]]:
    return merge_intervals(
        (segment.start, segment.end)
        for segment in segments
        if counts_as_downtime(
            segment, count_maintenance=count_maintenance, downtime_impacts=downtime_impacts
        )
    )


def availability(
    segments: Iterable[Segment],
    start: dt.datetime,
    end: dt.datetime,
    *,
    count_maintenance: bool,
    downtime_impacts: frozenset[str],
) -> Decimal | None:
    """Percent of ``[start, end)`` not covered by counted downtime, two decimals.

    Rounded down, so any downtime at all shows below 100. ``None`` for an empty period.
    """
    if end <= start:
        return None
    down = covered(
        downtime_intervals(
            segments, count_maintenance=count_maintenance, downtime_impacts=downtime_impacts
        ),
        start,
        end,
    )
    total_us = (end - start) // ONE_MICROSECOND
    up_us = total_us - down // ONE_MICROSECOND
    return (HUNDRED * Decimal(up_us) / Decimal(total_us)).quantize(TWO_PLACES, ROUND_DOWN)


# Days in the display zone


@lru_cache(maxsize=1024)
def day_bounds(day: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """Midnight to midnight of ``day`` in ``zone``, as aware datetimes (kept: the status
    board asks for the same 90 days for every service)."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return start, end


def last_days(now: dt.datetime, count: int, zone: dt.tzinfo) -> list[dt.date]:
    """The ``count`` local days ending with today, oldest first."""
    today = now.astimezone(zone).date()
    return [today - dt.timedelta(days=count - 1 - offset) for offset in range(count)]


def clip(
    start: dt.datetime, end: dt.datetime, since: dt.datetime | None
) -> tuple[dt.datetime, dt.datetime]:
    """``[start, end)`` without the time before measuring began (may come out empty)."""
    if since is not None and since > start:
        start = min(since, end)
    return start, end


def window(now: dt.datetime, days: int, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """From the local midnight that starts the last ``days`` days (today included) to now.

    The same days as the status page's bars, so the percentage and the bars agree.
    """
    first = last_days(now, days, zone)[0]
    return day_bounds(first, zone)[0], now


@dataclass(frozen=True)
class DayBar:
    day: dt.date
    level: str = LEVEL_OK
    notice_ids: tuple[int, ...] = field(default_factory=tuple)
    downtime: dt.timedelta = dt.timedelta()

    @property
    def is_ok(self) -> bool:
        return self.level == LEVEL_OK

    @property
    def has_data(self) -> bool:
        return self.level != LEVEL_NO_DATA


def day_level(segments: Iterable[Segment]) -> str:
    """The worst impact of the outages of a day; maintenance only when there was no outage."""
    worst = None
    maintenance = False
    for segment in segments:
        if segment.is_maintenance:
            maintenance = True
        elif worst is None or segment.severity > worst.severity:
            worst = segment
    if worst is not None:
        return worst.impact
    return LEVEL_MAINTENANCE if maintenance else LEVEL_OK


def day_bars(
    segments: Iterable[Segment],
    days: Sequence[dt.date],
    zone: dt.tzinfo,
    *,
    count_maintenance: bool,
    downtime_impacts: frozenset[str],
    since: dt.datetime | None = None,
) -> list[DayBar]:
    """One bar per day of ``days`` (consecutive, oldest first), coloured by its worst impact.

    Days that ended before ``since`` (when measuring began) have no data.
    """
    if not days:
        return []
    first_start = day_bounds(days[0], zone)[0]
    last_end = day_bounds(days[-1], zone)[1]
    by_day: dict[dt.date, list[Segment]] = {day: [] for day in days}
    counted: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = {day: [] for day in days}
    for segment in segments:
        start, end = max(segment.start, first_start), min(segment.end, last_end)
        if end <= start:
            continue
        is_down = counts_as_downtime(
            segment, count_maintenance=count_maintenance, downtime_impacts=downtime_impacts
        )
        day = start.astimezone(zone).date()
        last = (end - ONE_MICROSECOND).astimezone(zone).date()
        while day <= last:
            if day in by_day:
                by_day[day].append(segment)
                if is_down:
                    day_start, day_end = day_bounds(day, zone)
                    counted[day].append((max(start, day_start), min(end, day_end)))
            day += dt.timedelta(days=1)
    bars = []
    for day in days:
        day_segments = by_day[day]
        day_start, day_end = day_bounds(day, zone)
        if since is not None and day_end <= since and not day_segments:
            bars.append(DayBar(day=day, level=LEVEL_NO_DATA))
            continue
        notice_ids = tuple(
            dict.fromkeys(s.notice_id for s in day_segments if s.notice_id is not None)
        )
        bars.append(
            DayBar(
                day=day,
                level=day_level(day_segments),
                notice_ids=notice_ids,
                downtime=covered(counted[day], day_start, day_end),
            )
        )
    return bars
