"""A unit's "open now" follows the one working calendar (cms.working_calendar): the working week,
official holidays and the editors' calendar days, as the SLA clock does."""

import datetime as dt
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cms.working_calendar import THURSDAY, WorkingCalendar, working_time_between
from sitepages.hours import opening_status
from sla.demo_week import load_working_week
from sla.enums import CalendarDayKind
from sla.models import CalendarDay, WorkingCalendarSettings

from .factories import OfficeHoursFactory, UnitIndexPageFactory, UnitPageFactory

TEHRAN = ZoneInfo("Asia/Tehran")
WEEK = [
    SimpleNamespace(weekday=d, opens=dt.time(7, 30), closes=dt.time(14, 30))
    for d in (5, 6, 0, 1, 2, THURSDAY)
]
pytestmark = pytest.mark.django_db


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=TEHRAN)


def test_an_editors_holiday_closes_every_unit():
    # Sunday 24 November 2024 is an ordinary working day...
    assert opening_status(WEEK, at(2024, 11, 24, 10), WorkingCalendar.load()).is_open
    CalendarDay.objects.create(date=dt.date(2024, 11, 24), name="تعطیلی استانی (آلودگی هوا)")
    status = opening_status(WEEK, at(2024, 11, 24, 10), WorkingCalendar.load())
    # ...until the editors close it: the unit says so, and opens again on Monday.
    assert not status.is_open and status.holiday
    assert status.next_weekday == 0 and status.next_opens_at == dt.time(7, 30)


def test_an_editors_working_day_opens_units_on_a_corrected_holiday():
    # Tasua 1404 (Saturday 5 July 2025) is an official holiday by the estimate...
    assert not opening_status(WEEK, at(2025, 7, 5, 10), WorkingCalendar.load()).is_open
    CalendarDay.objects.create(
        date=dt.date(2025, 7, 5), kind=CalendarDayKind.WORKING_DAY, name="تاسوعا یک روز بعد"
    )
    assert opening_status(WEEK, at(2025, 7, 5, 10), WorkingCalendar.load()).is_open


def test_a_make_up_friday_opens_units_with_their_usual_hours():
    CalendarDay.objects.create(
        date=dt.date(2024, 11, 29), kind=CalendarDayKind.WORKING_DAY, name="روز کاری جبرانی"
    )
    calendar = WorkingCalendar.load()
    status = opening_status(WEEK, at(2024, 11, 29, 10), calendar)
    assert status.is_open and status.closes_at == dt.time(14, 30)
    # The SLA clock counts the same day.
    assert calendar.office_hours(dt.date(2024, 11, 29)) is not None


def test_a_weekday_the_calendar_closes_is_closed_on_the_unit_page_too():
    config = WorkingCalendarSettings.load()
    config.thursday_opens = config.thursday_closes = None
    config.save()
    calendar = WorkingCalendar.load()
    # The unit still lists Thursday hours, but Thursday is no working day any more.
    status = opening_status(WEEK, at(2024, 11, 28, 10), calendar)
    assert not status.is_open and status.next_weekday == 5
    assert working_time_between(at(2024, 11, 28, 0), at(2024, 11, 29, 0)) == dt.timedelta()


def test_the_unit_page_reads_the_editors_calendar(client, home_page):
    unit = UnitPageFactory(parent=UnitIndexPageFactory(parent=home_page), slug="it")
    for day in range(7):
        OfficeHoursFactory(page=unit, weekday=day, opens=dt.time(0, 0), closes=dt.time(23, 59))
    today = timezone.localtime(timezone.now(), TEHRAN).date()
    CalendarDay.objects.create(date=today, name="تعطیلی استانی")
    body = client.get(unit.url).content.decode()
    assert "opening--closed" in body and "opening--open" not in body


def test_the_demo_week_and_the_demo_units_agree_on_thursday(home_page):
    pytest.importorskip("sitepages.demo_units")
    from cms.demo import registered_loaders
    from sitepages.models import OfficeHours

    for loader in registered_loaders():
        if loader.__module__.startswith("sitepages"):
            loader(StringIO())
    load_working_week(StringIO())
    week = WorkingCalendar.load().week
    assert week[THURSDAY] is None
    published = set(OfficeHours.objects.values_list("weekday", "opens", "closes"))
    assert published, "the demo units publish office hours"
    for weekday, opens, closes in published:
        assert week[weekday] is not None, weekday
        assert week[weekday][0] <= opens and closes <= week[weekday][1]
    working = {weekday for weekday, hours in week.items() if hours}
    assert working == {weekday for weekday, _o, _c in published}
