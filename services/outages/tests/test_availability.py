"""The availability arithmetic, without a database."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from services.outages.availability import (
    LEVEL_MAINTENANCE,
    LEVEL_NO_DATA,
    LEVEL_OK,
    Segment,
    availability,
    clip,
    covered,
    day_bars,
    day_bounds,
    last_days,
    merge_intervals,
    notice_segments,
    window,
)

TEHRAN = ZoneInfo("Asia/Tehran")
UTC = dt.UTC
DOWN = frozenset({"partial", "major"})
COUNTED = {"count_maintenance": True, "downtime_impacts": DOWN}
NOT_COUNTED = {"count_maintenance": False, "downtime_impacts": DOWN}


def tehran(*args):
    return dt.datetime(*args, tzinfo=TEHRAN)


def outage(start, end, impact="major", notice_id=1):
    return Segment(start, end, impact, "outage", notice_id)


def maintenance(start, end, impact="major", notice_id=2):
    return Segment(start, end, impact, "maintenance", notice_id)


# Intervals


def test_merge_joins_overlapping_touching_and_nested_intervals():
    h = lambda hour: tehran(2026, 11, 1, hour)  # noqa: E731
    merged = merge_intervals(
        [(h(10), h(12)), (h(1), h(2)), (h(11), h(13)), (h(13), h(14)), (h(3), h(4)), (h(3), h(3))]
    )
    assert merged == [(h(1), h(2)), (h(3), h(4)), (h(10), h(14))]


def test_covered_clips_to_the_window():
    h = lambda hour: tehran(2026, 11, 1, hour)  # noqa: E731
    assert covered([(h(1), h(5))], h(3), h(10)) == dt.timedelta(hours=2)
    assert covered([(h(1), h(2))], h(3), h(10)) == dt.timedelta()


# Availability


def test_overlapping_notices_are_counted_once():
    day_start, day_end = day_bounds(dt.date(2026, 11, 1), TEHRAN)
    segments = [
        outage(tehran(2026, 11, 1, 10), tehran(2026, 11, 1, 12), notice_id=1),
        outage(tehran(2026, 11, 1, 11), tehran(2026, 11, 1, 13), notice_id=2),
        # Entirely inside the first: adds nothing.
        outage(tehran(2026, 11, 1, 10, 30), tehran(2026, 11, 1, 11, 30), "partial", notice_id=3),
    ]
    # 3 hours down out of 24, not 2 + 2 + 1 = 5.
    assert availability(segments, day_start, day_end, **COUNTED) == Decimal("87.50")


def test_degraded_performance_is_not_downtime():
    day_start, day_end = day_bounds(dt.date(2026, 11, 1), TEHRAN)
    segments = [outage(tehran(2026, 11, 1, 10), tehran(2026, 11, 1, 16), "degraded")]
    assert availability(segments, day_start, day_end, **COUNTED) == Decimal("100.00")


def test_maintenance_counts_or_not_by_the_setting():
    day_start, day_end = day_bounds(dt.date(2026, 11, 1), TEHRAN)
    segments = [
        maintenance(tehran(2026, 11, 1, 0), tehran(2026, 11, 1, 6)),
        outage(tehran(2026, 11, 1, 5), tehran(2026, 11, 1, 7)),
    ]
    # Counted: 00:00-07:00 (the overlap 05:00-06:00 once) = 7 h of 24.
    assert availability(segments, day_start, day_end, **COUNTED) == Decimal("70.83")
    # Not counted: only the outage, 2 h of 24.
    assert availability(segments, day_start, day_end, **NOT_COUNTED) == Decimal("91.66")


def test_availability_rounds_down_so_any_downtime_shows():
    start = tehran(2026, 10, 1)
    end = start + dt.timedelta(days=30)
    segments = [outage(start + dt.timedelta(days=3), start + dt.timedelta(days=3, seconds=1))]
    assert availability(segments, start, end, **COUNTED) == Decimal("99.99")
    assert availability([], start, end, **COUNTED) == Decimal("100.00")


def test_availability_of_an_empty_period_is_unknown():
    start = tehran(2026, 10, 1)
    assert availability([], start, start, **COUNTED) is None


# Segments of a notice


def test_segments_run_from_start_to_actual_end_or_now():
    now = tehran(2026, 11, 2, 12)
    closed = notice_segments(
        starts_at=tehran(2026, 11, 1, 10),
        ended_at=tehran(2026, 11, 1, 11),
        impact="major",
        kind="outage",
        now=now,
    )
    assert [(s.start, s.end) for s in closed] == [
        (tehran(2026, 11, 1, 10), tehran(2026, 11, 1, 11))
    ]
    still_open = notice_segments(
        starts_at=tehran(2026, 11, 2, 9), ended_at=None, impact="major", kind="outage", now=now
    )
    assert [(s.start, s.end) for s in still_open] == [(tehran(2026, 11, 2, 9), now)]
    future = notice_segments(
        starts_at=tehran(2026, 11, 3, 9), ended_at=None, impact="major", kind="maintenance", now=now
    )
    assert future == []


def test_segments_split_where_the_timeline_changed_the_impact():
    start = tehran(2026, 11, 1, 10)
    segments = notice_segments(
        starts_at=start,
        ended_at=tehran(2026, 11, 1, 14),
        impact="major",  # the notice's current impact, ignored when there is a timeline
        kind="outage",
        now=tehran(2026, 11, 2),
        impact_changes=[
            # Published 20 minutes late: its impact still applies from the start.
            (tehran(2026, 11, 1, 10, 20), "partial"),
            (tehran(2026, 11, 1, 11), "major"),
            (tehran(2026, 11, 1, 12), "major"),  # no change
            (tehran(2026, 11, 1, 13), "degraded"),
            (tehran(2026, 11, 1, 15), "partial"),  # after the end: ignored
        ],
    )
    assert [(s.start.hour, s.end.hour, s.impact) for s in segments] == [
        (10, 11, "partial"),
        (11, 13, "major"),
        (13, 14, "degraded"),
    ]
    day_start, day_end = day_bounds(dt.date(2026, 11, 1), TEHRAN)
    # Down 10:00-13:00 (partial and major), not during the degraded hour.
    assert availability(segments, day_start, day_end, **COUNTED) == Decimal("87.50")


def test_an_impact_change_posted_before_the_start_replaces_the_first():
    segments = notice_segments(
        starts_at=tehran(2026, 11, 5, 22),
        ended_at=None,
        impact="major",
        kind="maintenance",
        now=tehran(2026, 11, 5, 23),
        impact_changes=[(tehran(2026, 11, 1, 9), "partial"), (tehran(2026, 11, 3, 9), "degraded")],
    )
    assert [(s.impact, s.start, s.end) for s in segments] == [
        ("degraded", tehran(2026, 11, 5, 22), tehran(2026, 11, 5, 23))
    ]


# Days in Tehran


def test_days_are_tehran_days_not_utc_days():
    # 22:00 UTC on 1 November is 01:30 on 2 November in Tehran (UTC+3:30).
    start = dt.datetime(2026, 11, 1, 22, 0, tzinfo=UTC)
    segments = [outage(start, start + dt.timedelta(hours=1))]
    days = [dt.date(2026, 11, 1), dt.date(2026, 11, 2)]
    bars = day_bars(segments, days, TEHRAN, **COUNTED)
    assert [bar.level for bar in bars] == [LEVEL_OK, "major"]
    assert bars[1].downtime == dt.timedelta(hours=1)


def test_a_notice_across_midnight_colours_both_days_and_splits_its_downtime():
    segments = [outage(tehran(2026, 11, 1, 23), tehran(2026, 11, 2, 1, 30), "partial", notice_id=7)]
    days = [dt.date(2026, 10, 31), dt.date(2026, 11, 1), dt.date(2026, 11, 2), dt.date(2026, 11, 3)]
    bars = day_bars(segments, days, TEHRAN, **COUNTED)
    assert [bar.level for bar in bars] == [LEVEL_OK, "partial", "partial", LEVEL_OK]
    assert [bar.downtime for bar in bars] == [
        dt.timedelta(),
        dt.timedelta(hours=1),
        dt.timedelta(hours=1, minutes=30),
        dt.timedelta(),
    ]
    assert bars[1].notice_ids == bars[2].notice_ids == (7,)
    # Each day's availability sees only its own part.
    first = availability(segments, *day_bounds(dt.date(2026, 11, 1), TEHRAN), **COUNTED)
    second = availability(segments, *day_bounds(dt.date(2026, 11, 2), TEHRAN), **COUNTED)
    assert (first, second) == (Decimal("95.83"), Decimal("93.75"))


def test_a_notice_ending_exactly_at_midnight_does_not_colour_the_next_day():
    segments = [outage(tehran(2026, 11, 1, 22), tehran(2026, 11, 2, 0))]
    bars = day_bars(segments, [dt.date(2026, 11, 1), dt.date(2026, 11, 2)], TEHRAN, **COUNTED)
    assert [bar.level for bar in bars] == ["major", LEVEL_OK]


def test_the_day_shows_its_worst_outage_and_maintenance_only_on_a_calm_day():
    day = dt.date(2026, 11, 1)
    segments = [
        outage(tehran(2026, 11, 1, 1), tehran(2026, 11, 1, 2), "degraded"),
        outage(tehran(2026, 11, 1, 3), tehran(2026, 11, 1, 4), "partial"),
        maintenance(tehran(2026, 11, 1, 5), tehran(2026, 11, 1, 6), "major"),
        maintenance(tehran(2026, 11, 2, 5), tehran(2026, 11, 2, 6), "major"),
    ]
    bars = day_bars(segments, [day, day + dt.timedelta(days=1)], TEHRAN, **COUNTED)
    assert [bar.level for bar in bars] == ["partial", LEVEL_MAINTENANCE]


def test_the_90_day_window_starts_at_a_tehran_midnight_and_matches_the_bars():
    now = tehran(2026, 11, 24, 15, 0)
    days = last_days(now, 90, TEHRAN)
    assert len(days) == 90 and days[-1] == dt.date(2026, 11, 24)
    start, end = window(now, 90, TEHRAN)
    assert start == tehran(2026, 8, 27) == day_bounds(days[0], TEHRAN)[0]
    assert end == now


def test_a_notice_across_the_90_day_edge_counts_only_inside_the_window():
    now = tehran(2026, 11, 24, 12, 0)
    start, end = window(now, 90, TEHRAN)
    # Down from 2 days before the window to 6 hours into it.
    segments = [outage(start - dt.timedelta(days=2), start + dt.timedelta(hours=6))]
    total = end - start
    expected = Decimal(100) * Decimal((total - dt.timedelta(hours=6)) / total)
    assert availability(segments, start, end, **COUNTED) == expected.quantize(
        Decimal("0.01"), rounding="ROUND_DOWN"
    )
    bars = day_bars(segments, last_days(now, 90, TEHRAN), TEHRAN, **COUNTED)
    assert bars[0].level == "major" and bars[0].downtime == dt.timedelta(hours=6)
    assert all(bar.level == LEVEL_OK for bar in bars[1:])
    # A notice wholly before the window is not in it at all.
    old = [outage(start - dt.timedelta(days=5), start - dt.timedelta(days=4))]
    assert availability(old, start, end, **COUNTED) == Decimal("100.00")
    assert all(bar.is_ok for bar in day_bars(old, last_days(now, 90, TEHRAN), TEHRAN, **COUNTED))


def test_today_is_measured_up_to_now():
    now = tehran(2026, 11, 24, 12, 0)
    segments = [outage(tehran(2026, 11, 24, 6), now)]
    # Six of the twelve hours so far.
    assert availability(segments, day_bounds(now.date(), TEHRAN)[0], now, **COUNTED) == Decimal(
        "50.00"
    )


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        (dt.date(2021, 6, 1), dt.timedelta(hours=4, minutes=30)),
        (dt.date(2026, 6, 1), dt.timedelta(hours=3, minutes=30)),
    ],
)
def test_day_bounds_follow_tehran_offsets_of_the_time(day, offset):
    # Iran kept daylight saving time until 2022.
    start, end = day_bounds(day, TEHRAN)
    assert start.utcoffset() == offset
    assert end - start == dt.timedelta(hours=24)


def test_nothing_before_measuring_began_is_claimed():
    now = tehran(2026, 11, 24, 12, 0)
    since = tehran(2026, 11, 22, 18, 0)
    start, end = clip(*window(now, 30, TEHRAN), since)
    assert (start, end) == (since, now)
    # 6 hours down out of the 42 measured, not out of 30 days.
    segments = [outage(tehran(2026, 11, 23, 0), tehran(2026, 11, 23, 6))]
    assert availability(segments, start, end, **COUNTED) == Decimal("85.71")
    # A period that ended before measuring began has no figure at all.
    assert (
        availability([], *clip(tehran(2021, 3, 21), tehran(2022, 3, 21), since), **COUNTED) is None
    )
    bars = day_bars(segments, last_days(now, 5, TEHRAN), TEHRAN, since=since, **COUNTED)
    assert [bar.level for bar in bars] == [
        LEVEL_NO_DATA,
        LEVEL_NO_DATA,
        LEVEL_OK,
        "major",
        LEVEL_OK,
    ]
    assert not bars[0].has_data and bars[2].has_data
