"""The working calendar: weekends, lunar holidays, editors' days and pauses."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cms.working_calendar import WorkingCalendar, due_at, official_holidays
from sla.enums import CalendarDayKind, TimeUnit
from sla.models import CalendarDay, WorkingCalendarSettings

TEHRAN = ZoneInfo("Asia/Tehran")
DAYS, HOURS = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=TEHRAN)


@pytest.fixture
def calendar():
    return WorkingCalendar()


def test_iran_lunar_holidays_come_from_the_holidays_package():
    days = official_holidays(2025)
    # Tasua and Ashura 1404 (lunar), Nowruz (solar).
    assert dt.date(2025, 7, 5) in days
    assert dt.date(2025, 7, 6) in days
    assert dt.date(2025, 3, 21) in days


def test_default_week_is_saturday_to_wednesday_with_a_thursday_half_day(calendar):
    saturday = dt.date(2024, 5, 11)
    assert calendar.office_hours(saturday) == (at(2024, 5, 11, 7, 30), at(2024, 5, 11, 14, 30))
    thursday = dt.date(2024, 5, 16)
    assert calendar.office_hours(thursday) == (at(2024, 5, 16, 7, 30), at(2024, 5, 16, 11, 0))
    assert calendar.office_hours(dt.date(2024, 5, 17)) is None  # Friday


def test_working_hours_across_the_weekend(calendar):
    # Wednesday 12:00 + 8 working hours: Wednesday 2.5 h, Thursday 3.5 h, Friday off,
    # Saturday 2 h from 07:30.
    due = calendar.due_at(at(2024, 5, 15, 12, 0), 8, HOURS)
    assert due == at(2024, 5, 18, 9, 30)


def test_working_days_across_the_weekend(calendar):
    # Received Wednesday morning: day 1 is Thursday (a half-day counts), Friday is off,
    # day 2 is Saturday, due when the office closes.
    due = calendar.due_at(at(2024, 5, 15, 10, 0), 2, DAYS)
    assert due == at(2024, 5, 18, 14, 30)


def test_a_request_received_before_opening_counts_that_day(calendar):
    assert calendar.due_at(at(2024, 5, 18, 6, 0), 1, DAYS) == at(2024, 5, 18, 14, 30)
    assert calendar.due_at(at(2024, 5, 18, 8, 0), 1, DAYS) == at(2024, 5, 19, 14, 30)


def test_working_days_across_a_lunar_holiday(calendar):
    # Wednesday 2 July 2025; Thursday counts; Friday off; Saturday 5 and Sunday 6 July
    # are Tasua and Ashura; so day 2 is Monday 7 July.
    due = calendar.due_at(at(2025, 7, 2, 10, 0), 2, DAYS)
    assert due == at(2025, 7, 7, 14, 30)
    without_holidays = WorkingCalendar(use_official_holidays=False)
    assert without_holidays.due_at(at(2025, 7, 2, 10, 0), 2, DAYS) == at(2025, 7, 5, 14, 30)


def test_working_hours_across_a_lunar_holiday(calendar):
    # Wednesday 13:00: 1.5 h; Thursday 3.5 h; Tasua, Ashura; Monday 07:30 + 3 h.
    assert calendar.due_at(at(2025, 7, 2, 13, 0), 8, HOURS) == at(2025, 7, 7, 10, 30)


def test_waiting_for_the_citizen_stops_the_clock_in_hours(calendar):
    start = at(2024, 5, 18, 8, 0)  # Saturday
    assert calendar.due_at(start, 4, HOURS) == at(2024, 5, 18, 12, 0)
    pauses = [(at(2024, 5, 18, 9, 0), at(2024, 5, 18, 11, 0))]
    assert calendar.due_at(start, 4, HOURS, pauses) == at(2024, 5, 18, 14, 0)


def test_a_working_day_spent_waiting_does_not_count(calendar):
    start = at(2024, 5, 15, 10, 0)  # Wednesday
    # The citizen is asked for a document on Wednesday and answers on Saturday morning:
    # Thursday is spent waiting and does not count; Saturday (clock runs) is day 1.
    pauses = [(at(2024, 5, 15, 12, 0), at(2024, 5, 18, 9, 0))]
    assert calendar.due_at(start, 2, DAYS, pauses) == at(2024, 5, 19, 14, 30)


def test_an_open_pause_leaves_the_due_time_unknown(calendar):
    start = at(2024, 5, 18, 8, 0)
    assert calendar.due_at(start, 4, HOURS, [(at(2024, 5, 18, 9, 0), None)]) is None
    # A pause starting after the target is reached does not matter.
    assert calendar.due_at(start, 1, HOURS, [(at(2024, 5, 18, 10, 0), None)]) == at(
        2024, 5, 18, 9, 0
    )


def test_working_time_between_leaves_out_nights_weekends_and_pauses(calendar):
    start, end = at(2024, 5, 15, 12, 0), at(2024, 5, 18, 9, 30)
    assert calendar.working_time_between(start, end) == dt.timedelta(hours=8)
    pauses = [(at(2024, 5, 16, 0, 0), at(2024, 5, 17, 0, 0))]
    assert calendar.working_time_between(start, end, pauses) == dt.timedelta(hours=4.5)


@pytest.mark.django_db
def test_editors_calendar_days_and_working_week_are_used():
    # An extra holiday on Thursday 16 May 2024 and a working Friday 17 May.
    CalendarDay.objects.create(date=dt.date(2024, 5, 16), name="تعطیلی استانی")
    CalendarDay.objects.create(
        date=dt.date(2024, 5, 17), kind=CalendarDayKind.WORKING_DAY, name="جبرانی"
    )
    config = WorkingCalendarSettings.load()
    config.friday_opens, config.friday_closes = dt.time(8, 0), dt.time(12, 0)
    config.save()
    due = due_at(at(2024, 5, 15, 10, 0), 1, DAYS)
    assert due == at(2024, 5, 17, 12, 0)


@pytest.mark.django_db
def test_editors_can_correct_a_lunar_holiday():
    CalendarDay.objects.create(
        date=dt.date(2025, 7, 5), kind=CalendarDayKind.WORKING_DAY, name="تاسوعا یک روز بعد"
    )
    CalendarDay.objects.create(date=dt.date(2025, 7, 7), name="عاشورا (اعلام رسمی)")
    calendar = WorkingCalendar.load()
    assert calendar.is_working_day(dt.date(2025, 7, 5))
    assert not calendar.is_working_day(dt.date(2025, 7, 7))


@pytest.mark.django_db
def test_working_week_settings_validate_times():
    from django.core.exceptions import ValidationError

    config = WorkingCalendarSettings.load()
    config.sunday_closes = None
    with pytest.raises(ValidationError):
        config.full_clean()
