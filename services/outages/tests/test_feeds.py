"""RSS, Atom and the iCalendar feed of planned maintenance."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from services.outages import ical

from .factories import OutageNoticeFactory

pytestmark = pytest.mark.django_db


def test_rss_lists_notices_maintenance_included(client, home_page):
    OutageNoticeFactory(title="قطعی سامانهٔ وام", with_timeline=True)
    OutageNoticeFactory(maintenance=True, upcoming=True, title="به‌روزرسانی سرورها")
    OutageNoticeFactory(draft=True, title="پیش‌نویس")
    response = client.get("/status/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "max-age=60" in response["Cache-Control"]
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    channel = root.find("channel")
    assert channel.findtext("language") == "fa"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert len(titles) == 2
    assert any("قطعی سامانهٔ وام" in t and "در حال بررسی" in t for t in titles)
    assert any("نگه‌داری برنامه‌ریزی‌شده: به‌روزرسانی سرورها" in t for t in titles)
    description = channel.find("item").findtext("description")
    assert "۱۴۰" in description  # Jalali dates in the Persian feed


def test_atom_feed_and_english_feed(client, home_page):
    OutageNoticeFactory(title="قطعی", title_en="Loans down", with_timeline=True)
    atom = client.get("/status/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)  # noqa: S314 (our own output)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(root.findall("a:entry", ns)) == 1
    english = client.get("/en/status/feed/rss/").content.decode()
    assert "Loans down" in english and "Major outage" in english


def test_the_calendar_has_planned_maintenance_only(client, home_page):
    start = timezone.now() + dt.timedelta(days=3)
    maintenance = OutageNoticeFactory(
        maintenance=True,
        starts_at=start,
        title="به‌روزرسانی سرورها, پایگاه داده; و شبکه",
        initial_message="پرتال از ساعت ۲۲ تا ۱ بامداد در دسترس نیست.\nلطفاً پیش از آن اقدام کنید.",
    )
    OutageNoticeFactory(title="قطعی")
    response = client.get("/status/maintenance.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1
    unfolded = body.replace("\r\n ", "")
    assert f"UID:outage-notice-{maintenance.pk}@" in unfolded
    assert "DTSTART:" + start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ") in unfolded
    assert (
        "DTEND:" + (start + dt.timedelta(hours=2)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        in unfolded
    )
    # Commas and semicolons escaped; the newline written as \n.
    assert "SUMMARY:نگه‌داری برنامه‌ریزی‌شده: به‌روزرسانی سرورها\\, پایگاه داده\\; و شبکه" in unfolded
    assert "در دسترس نیست.\\nلطفاً" in unfolded
    for line in body.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75


def test_ical_escaping_and_folding():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "نگه‌داری " * 30
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join([pieces[0], *[p[1:] for p in pieces[1:]]]) == line  # no character split
    assert ical.format_utc(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)) == "20261124T100000Z"
