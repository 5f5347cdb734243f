import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from sitepages.hours import opening_status
from sitepages.menu import get_menu
from sitepages.models import UnitContact

from .factories import (
    OfficeHoursFactory,
    OfficialFactory,
    UnitContactFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
)

TEHRAN = ZoneInfo("Asia/Tehran")
WEEK = [
    SimpleNamespace(weekday=d, opens=dt.time(7, 30), closes=dt.time(14, 30))
    for d in (5, 6, 0, 1, 2)
]


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=TEHRAN)


def test_open_and_closed_are_computed_in_tehran_time():
    # Sunday 2024-11-24, 10:00 in Tehran is 06:30 UTC.
    status = opening_status(WEEK, at(2024, 11, 24, 10).astimezone(dt.UTC))
    assert status.is_open and status.closes_at == dt.time(14, 30)
    # Sunday 06:00 Tehran: closed, opens today at 7:30.
    early = opening_status(WEEK, at(2024, 11, 24, 6))
    assert (
        not early.is_open and early.next_weekday is None and early.next_opens_at == dt.time(7, 30)
    )
    # Thursday afternoon: next opening is Saturday (weekday 5).
    thursday = opening_status(WEEK, at(2024, 11, 28, 16))
    assert not thursday.is_open and thursday.next_weekday == 5


def test_public_holidays_are_closed():
    # 1 Farvardin (Nowruz) 1404 = Friday 21 March 2025; 23 March (Sunday) is a holiday too.
    status = opening_status(WEEK, at(2025, 3, 23, 10))
    assert not status.is_open and status.holiday


def test_no_published_hours_says_nothing():
    assert opening_status([], at(2024, 11, 24, 10)) is None


@pytest.mark.django_db
def test_contacts_are_validated_and_linked(home_page):
    unit = UnitPageFactory(parent=UnitIndexPageFactory(parent=home_page))
    phone = UnitContact(page=unit, kind="phone", value="۰۸۶-۳۳۶۸۶۶۰۰")
    phone.clean()
    assert phone.value == "086-33686600" and phone.href == "tel:08633686600"
    with pytest.raises(ValidationError):
        UnitContact(page=unit, kind="phone", value="تلفن ندارد").clean()
    with pytest.raises(ValidationError):
        UnitContact(page=unit, kind="email", value="not-an-email").clean()


@pytest.mark.django_db
def test_unit_page_shows_contacts_hours_officials_and_sub_units(client, home_page):
    unit = UnitPageFactory(
        parent=UnitIndexPageFactory(parent=home_page), title="مدیریت آمار", slug="it"
    )
    UnitContactFactory(page=unit, value="086-33686600", label="پشتیبانی")
    UnitContactFactory(page=unit, email=True, value="it@arakmu.ac.ir")
    OfficeHoursFactory(page=unit, weekday=5)
    OfficialFactory(page=unit, name="مهندس حسین مرادی", head=True)
    UnitPageFactory(parent=unit, title="اداره شبکه", slug="network")

    html = client.get("/units/it/").content.decode()
    assert 'href="tel:08633686600"' in html and "۰۸۶-۳۳۶۸۶۶۰۰" in html
    assert 'href="mailto:it@arakmu.ac.ir"' in html
    assert "مهندس حسین مرادی" in html and "درخواست ملاقات می‌پذیرد" in html
    assert "شنبه" in html and "۰۷:۳۰" in html
    assert 'href="/units/it/network/"' in html
    assert 'aria-label="شما این‌جا هستید"' in html  # breadcrumbs
    assert "(به وقت تهران)" in html


@pytest.mark.django_db
def test_menu_is_cached_and_follows_publishing(client, home_page):
    index = UnitIndexPageFactory(parent=home_page)
    first = UnitPageFactory(parent=index, title="معاونت بهداشت", slug="health")
    UnitPageFactory(parent=first, title="گروه واکسیناسیون", slug="vaccines")
    request = RequestFactory().get("/")

    menu = get_menu(request)
    assert [unit["title"] for unit in menu["units"]] == ["معاونت بهداشت"]
    assert [child["title"] for child in menu["units"][0]["children"]] == ["گروه واکسیناسیون"]
    with CaptureQueriesContext(connection) as queries:
        get_menu(request)
    assert len(queries) == 0  # served from the cache

    second = UnitPageFactory(parent=index, title="معاونت درمان", slug="treatment", live=False)
    second.save_revision().publish()  # page_published clears the cache
    assert "معاونت درمان" in client.get("/").content.decode()

    second.refresh_from_db()
    second.unpublish()
    assert "معاونت درمان" not in client.get("/").content.decode()

    first.move(index, pos="last-child")  # editors reorder units
    titles = [unit["title"] for unit in get_menu(request)["units"]]
    assert titles == ["معاونت بهداشت"]


@pytest.mark.django_db
def test_unit_index_lists_units_and_officials_who_accept_meetings(client, home_page):
    index = UnitIndexPageFactory(parent=home_page)
    unit = UnitPageFactory(parent=index, title="معاونت آموزشی", slug="education")
    UnitContactFactory(page=unit, value="086-33686800")
    OfficialFactory(page=unit, name="دکتر سمیه جعفری", head=True)
    OfficialFactory(page=unit, name="کارشناس بی‌ملاقات")
    html = client.get("/units/").content.decode()
    assert 'href="/units/education/"' in html and 'href="tel:08633686800"' in html
    assert 'id="meetings"' in html
    assert "دکتر سمیه جعفری" in html and "کارشناس بی‌ملاقات" not in html
