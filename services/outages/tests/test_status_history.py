"""The status page's 90-day history: told in words, the days in a table, and small."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from services.outages.enums import Impact

from .factories import OutageNoticeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def group_of(soup, code):
    element = soup.find(attrs={"data-service": code})
    return (
        element
        if "history-group" in element.get("class", [])
        else element.find_parent(class_="history-group")
    )


def test_a_service_with_an_outage_says_so_in_words_and_lists_the_day(client, home_page, service):
    # Three days ago at 10:00 Tehran time: the two hours stay within one day.
    start = timezone.localtime(timezone.now() - dt.timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    OutageNoticeFactory(
        services=[service],
        whole_portal=False,
        impact=Impact.PARTIAL,
        starts_at=start,
        resolved=True,
        ended_at=start + dt.timedelta(hours=2),
        title="قطعی بخشی سامانهٔ وام",
    )
    soup = soup_of(client.get("/status/"))
    group = group_of(soup, "LOAN-01")
    summary = group.find(class_="history-summary").get_text()
    assert "۱ روز قطعی بخشی" in summary and "۸۹ روز بدون مشکل" in summary
    assert "۲ ساعت" in summary
    # The strip is decoration only: hidden from assistive technology, no list items.
    strip = group.find(class_="day-strip")
    assert strip["aria-hidden"] == "true" and not strip.find_all(True)
    assert soup.find("li", class_="day-bar") is None
    # The day itself sits in a table behind a disclosure a keyboard reaches.
    details = group.find("details")
    assert "۱ روز دارای مشکل" in details.find("summary").get_text()
    (row,) = details.find("tbody").find_all("tr")
    assert row["data-level"] == "partial"
    cells = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
    assert cells[1] == "قطعی بخشی" and cells[2] == "۲ ساعت"
    assert row.find("a", string="قطعی بخشی سامانهٔ وام") is not None
    # The calm services share one entry and have no table at all.
    assert group_of(soup, "portal").find("details") is None


def test_services_with_one_history_share_one_entry(client, home_page, service):
    others = ServiceFactory.create_batch(3, responsible_unit=service.responsible_unit)
    soup = soup_of(client.get("/status/"))
    groups = soup.find_all(class_="history-group")
    assert len(groups) == 1
    assert "۵ خدمت" in groups[0].find("h3").get_text()
    listed = {li["data-service"] for li in groups[0].find_all("li", attrs={"data-service": True})}
    assert listed == {"portal", "LOAN-01", *(other.code for other in others)}


def test_three_hundred_services_stay_well_under_80_kb(client, home_page, service):
    ServiceFactory.create_batch(299, responsible_unit=service.responsible_unit)
    now = timezone.now()
    # A portal-wide outage ten days ago touches every service; a few have their own.
    OutageNoticeFactory(starts_at=now - dt.timedelta(days=10), resolved=True)
    for days in (20, 40, 60):
        OutageNoticeFactory(
            services=[service],
            whole_portal=False,
            starts_at=now - dt.timedelta(days=days),
            resolved=True,
        )
    response = client.get("/status/")
    size = len(response.content)
    assert size < 50_000, size
    soup = soup_of(response)
    assert len(soup.find_all(attrs={"data-service": True})) == 301
    assert len(soup.find_all(class_="history-group")) == 2
