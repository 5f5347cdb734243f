"""The desk's back office reads Persian: Jalali dates, codes left to right, filter
headings and counts in Persian words and digits."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.backoffice.history import readable_reason
from cms.tracking import format_tracking_code
from services.desk.enums import ViewAction
from services.desk.models import RequestViewLog, ServiceRequest

from .factories import DeskStaffFactory, ServiceRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_the_view_log_shows_jalali_times_and_isolated_codes(client, superuser, units):
    request = ServiceRequestFactory(unit=units["welfare-office"], tracking_code="194943614517")
    RequestViewLog.objects.create(
        request=request,
        user=superuser,
        action=ViewAction.INSPECT,
        at=timezone.make_aware(dt.datetime(2026, 11, 30, 10, 30)),
    )
    body = client.get("/admin/desk/views/").content.decode()
    soup = BeautifulSoup(body, "html.parser")
    code = soup.find("bdi", class_="tracking-code")
    assert code["dir"] == "ltr" and code.get_text() == format_tracking_code("194943614517")
    assert "۱۴۰۵/۰۹/۰۹ ۱۰:۳۰" in body and "نوامبر" not in body and "2026" not in body


def test_staff_list_dates_filter_headings_and_count_in_persian(client, superuser, units):
    DeskStaffFactory(unit=units["welfare-office"])
    body = client.get("/admin/desk/staff/").content.decode()
    assert "نوامبر" not in body and "By " not in body
    assert "بر اساس" in body
    soup = BeautifulSoup(body, "html.parser")
    count = soup.find(class_="result-count").get_text(" ", strip=True)
    assert count == "۱ مورد از ۱", count


def test_a_change_reason_names_the_states_in_words():
    reason = readable_reason(ServiceRequest, "new → in_progress: پاسخ در راه است")
    assert reason == "جدید → در دست بررسی: پاسخ در راه است"
    assert readable_reason(ServiceRequest, "free text") == "free text"
