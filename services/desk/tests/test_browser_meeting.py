"""A meeting in Chromium: staff propose a time outside the official's meeting hours
(refused beside the field), then one inside; the citizen accepts it at /track/; the
request shows "scheduled" to both."""

import datetime as dt
import re

import pytest

from services.desk.models import MeetingHours
from sitepages.tests.factories import OfficialFactory

from .factories import DeskStaffFactory, ServiceRequestFactory, make_units
from .test_browser import login
from .test_meetings import jalali, next_day

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def choose_date(form, jalali_date):
    """The Jalali picker: day, month and year chosen from lists (no Gregorian date)."""
    year, month, day = (int(part) for part in jalali_date.split("/"))
    for part, value in (("0", day), ("1", month), ("2", year)):
        form.locator(f'select[name="date_{part}"]').select_option(str(value))


def test_meeting_proposed_within_hours_accepted_and_scheduled(
    live_server, home_page, page_factory, screenshot, settings
):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    units = make_units(home_page)
    official = OfficialFactory(
        page=units["welfare-office"], head=True, name="دکتر رضایی", post="مدیر رفاه"
    )
    MeetingHours.objects.create(official=official, weekday=0, starts=dt.time(9), ends=dt.time(11))
    staff = DeskStaffFactory(unit=units["welfare-office"]).user
    meeting = ServiceRequestFactory(
        unit=units["welfare-office"], meeting=True, official=official, subject="دیدار با مدیر"
    )
    base = live_server.url
    monday = jalali(next_day(0))

    admin = page_factory()
    login(admin, base, staff)
    admin.goto(f"{base}/admin/desk/requests/inspect/{meeting.pk}/")
    form = admin.locator(f"form[action$='/meeting/{meeting.pk}/']")
    choose_date(form, monday)
    form.locator("input[name=time]").fill("17:00")
    form.get_by_role("button").click()
    refused = admin.locator(".desk-errorlist")
    refused.first.wait_for()
    # Monday 17:00 is after the offices close, before the official's own hours are asked.
    assert "بیرون از ساعت‌های کاری" in refused.inner_text()
    screenshot(admin, "desk-meeting-refused")
    form = admin.locator(f"form[action$='/meeting/{meeting.pk}/']")
    choose_date(form, monday)
    form.locator("input[name=time]").fill("09:30")
    form.get_by_role("button").click()
    admin.wait_for_url(re.compile(rf".*/inspect/{meeting.pk}/$"))
    assert "۰۹:۳۰" in admin.locator("body").inner_text()

    citizen = page_factory(width=390, height=844)
    citizen.goto(base + "/track/")
    citizen.fill("#id_code", meeting.tracking_code)
    citizen.fill("#id_mobile", meeting.mobile)
    citizen.click(".desk-form button[type=submit]")
    citizen.wait_for_url(base + "/track/request/")
    citizen.get_by_role("button", name="این زمان را می‌پذیرم").click()
    citizen.wait_for_url(base + "/track/request/")
    body = citizen.locator("body").inner_text()
    assert "ملاقات تعیین شد" in body and "۰۹:۳۰" in body
    screenshot(citizen, "desk-meeting-scheduled-phone")

    admin.reload()
    assert admin.locator("[data-status]").first.get_attribute("data-status") == "scheduled"
