"""The public status page, notice pages and SLA metrics."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.jalali import display_zone
from cms.plugins import registry
from services.outages.enums import Impact, NoticeState
from services.outages.status import build_board, service_availability
from services.outages.timeline import post_update

from .factories import (
    NoticeUpdateFactory,
    OutageNoticeFactory,
    ServiceFactory,
    make_statement,
)

pytestmark = pytest.mark.django_db


def row_of(board, key):
    return next(row for row in board.rows if row.key == key)


def today():
    return timezone.now().astimezone(display_zone()).date()


def test_the_status_page_shows_a_service_down_with_todays_bar(client, home_page, service):
    other = ServiceFactory(responsible_unit=service.responsible_unit, title="ثبت شکایت")
    OutageNoticeFactory(services=[service], with_timeline=True, title="قطعی سامانهٔ وام")
    response = client.get("/status/")
    assert response.status_code == 200
    board = response.context["board"]
    down, fine, portal = (
        row_of(board, "LOAN-01"),
        row_of(board, other.code),
        row_of(board, "portal"),
    )
    assert down.status == "major" and fine.status == "operational" and portal.is_operational
    assert down.bars[-1].day == today() and down.bars[-1].level == "major"
    assert len(down.bars) == 90 and all(bar.is_ok for bar in down.bars[:-2])
    body = response.content.decode()
    assert 'data-service="LOAN-01" data-status="major"' in body
    assert "قطعی کامل" in body and "قطعی سامانهٔ وام" in body
    assert "برخی خدمات هم‌اکنون دچار مشکل‌اند." in body
    assert '<html lang="fa" dir="rtl">' in body


def test_resolving_clears_the_status_but_the_days_bar_keeps_its_colour(client, home_page, service):
    notice = OutageNoticeFactory(
        services=[service], with_timeline=True, starts_at=timezone.now() - dt.timedelta(minutes=20)
    )
    post_update(notice, user=None, state=NoticeState.RESOLVED, message="برطرف شد.")
    board = client.get("/status/").context["board"]
    row = row_of(board, "LOAN-01")
    assert row.status == "operational"
    assert row.bars[-1].level == "major"
    assert board.all_operational
    assert "همهٔ خدمات به‌طور عادی در دسترس‌اند." in client.get("/status/").content.decode()


def test_a_whole_portal_notice_takes_every_service_down(home_page, service):
    OutageNoticeFactory(impact=Impact.PARTIAL)
    board = build_board()
    assert {row.key: row.status for row in board.rows} == {
        "portal": "partial",
        "LOAN-01": "partial",
    }


def test_availability_over_30_and_90_days_and_the_statement_period(home_page, service):
    now = timezone.now()
    zone = display_zone()
    local_today = now.astimezone(zone).date()
    statement = make_statement(
        home_page,
        valid_from=local_today - dt.timedelta(days=199),
        valid_until=local_today + dt.timedelta(days=165),
    )
    service.sla_statement = statement
    service.availability_target = Decimal("99.50")
    service.save()
    # 40 days ago: 48 hours down (in the 90 days and the statement, not the 30 days).
    OutageNoticeFactory(
        services=[service],
        starts_at=now - dt.timedelta(days=40),
        resolved=True,
        ended_at=now - dt.timedelta(days=38),
    )
    # 5 days ago: 12 hours down.
    OutageNoticeFactory(
        services=[service],
        starts_at=now - dt.timedelta(days=5),
        resolved=True,
        ended_at=now - dt.timedelta(days=5) + dt.timedelta(hours=12),
    )
    row = row_of(build_board(now), "LOAN-01")

    def period(days):
        first_day = local_today - dt.timedelta(days=days - 1)
        return now - dt.datetime.combine(first_day, dt.time(), tzinfo=zone)

    def expect(down, total):
        return (Decimal(100) * (1 - Decimal(down / total))).quantize(
            Decimal("0.01"), rounding="ROUND_DOWN"
        )

    assert row.availability_short == expect(dt.timedelta(hours=12), period(30))
    assert row.availability_long == expect(dt.timedelta(hours=60), period(90))
    assert row.statement == statement
    assert row.availability_statement == expect(dt.timedelta(hours=60), period(200))
    assert row.target == Decimal("99.50") and row.target_met is False


def test_maintenance_counts_against_availability_unless_the_setting_says_not(
    settings, home_page, service
):
    now = timezone.now()
    OutageNoticeFactory(
        services=[service],
        completed=True,
        starts_at=now - dt.timedelta(days=2),
        ended_at=now - dt.timedelta(days=2) + dt.timedelta(hours=24),
    )
    start = now - dt.timedelta(days=10)
    counted, count = service_availability(service, start, now, now)
    assert counted == Decimal(90) and count == 1
    settings.OUTAGES_COUNT_MAINTENANCE = False
    assert service_availability(service, start, now, now)[0] == Decimal(100)


def test_the_status_page_runs_a_fixed_number_of_queries(client, home_page, service):
    OutageNoticeFactory(services=[service], with_timeline=True)
    OutageNoticeFactory(services=[service], resolved=True, with_timeline=True)
    client.get("/status/")  # warm the per-process caches (site, menu, banner, catalog URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/status/").status_code == 200
    services = [ServiceFactory(responsible_unit=service.responsible_unit) for _ in range(6)]
    for day in range(1, 40, 3):
        notice = OutageNoticeFactory(
            services=services[day % 6 : day % 6 + 2],
            starts_at=timezone.now() - dt.timedelta(days=day, hours=3),
            resolved=True,
            with_timeline=True,
        )
        NoticeUpdateFactory(notice=notice, state=NoticeState.IDENTIFIED)
    OutageNoticeFactory(maintenance=True, upcoming=True, with_timeline=True)
    client.get("/status/")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/status/").status_code == 200
    assert len(many) == len(few), "\n".join(q["sql"][:150] for q in many.captured_queries)


def test_past_notices_are_listed_with_their_timelines(client, home_page):
    notice = OutageNoticeFactory(
        with_timeline=True, title="قطعی دیروز", starts_at=timezone.now() - dt.timedelta(days=1)
    )
    post_update(notice, user=None, state=NoticeState.RESOLVED, message="سرویس دوباره برقرار شد.")
    body = client.get("/status/").content.decode()
    past = body[body.index("اطلاعیه‌های گذشته") :]
    assert "قطعی دیروز" in past
    assert past.index("سرویس دوباره برقرار شد.") < past.index("در حال بررسی هستیم.")


def test_past_notices_are_paginated(client, home_page):
    for days in range(12):
        OutageNoticeFactory(resolved=True, starts_at=timezone.now() - dt.timedelta(days=days + 1))
    first = client.get("/status/").context["past_page"]
    assert len(first.object_list) == 10 and first.has_next()
    second = client.get("/status/?page=2").context["past_page"]
    assert len(second.object_list) == 2


def test_the_notice_page_shows_the_timeline_newest_first(client, home_page):
    notice = OutageNoticeFactory(with_timeline=True, title="اختلال در ورود")
    NoticeUpdateFactory(notice=notice, state=NoticeState.IDENTIFIED, message="علت پیدا شد.")
    body = client.get(notice.get_absolute_url()).content.decode()
    assert "اختلال در ورود" in body
    assert body.index("علت پیدا شد.") < body.index("در حال بررسی هستیم.")
    assert client.get(OutageNoticeFactory(draft=True).get_absolute_url()).status_code == 404


def test_the_english_status_page(client, home_page, service):
    service.title_en = "Student loans"
    service.save()
    OutageNoticeFactory(services=[service], title_en="Loans down")
    body = client.get("/en/status/").content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert "Student loans" in body and "Major outage" in body and "Loans down" in body


def test_availability_goes_to_the_sla_app_through_the_plugin_contract(service):
    now = timezone.now()
    OutageNoticeFactory(
        services=[service],
        starts_at=now - dt.timedelta(days=1),
        resolved=True,
        ended_at=now - dt.timedelta(days=1) + dt.timedelta(hours=6),
    )
    metrics = registry.sla_metrics("LOAN-01", now - dt.timedelta(days=10), now)
    (metric,) = [m for m in metrics if m.key == "availability"]
    assert metric.unit == "%" and metric.value == Decimal("97.50")
    assert metric.target == service.availability_target and metric.is_met is False
    assert metric.sample_size == 1
    assert [m for m in registry.sla_metrics("NO-SUCH", now, now) if m.key == "availability"] == []


def test_by_default_measuring_begins_with_the_plugin_or_the_earliest_notice(
    settings, client, home_page, service
):
    from django.core.cache import cache

    settings.OUTAGES_MEASURED_SINCE = None
    cache.clear()
    now = timezone.now()
    start = now - dt.timedelta(days=5)
    OutageNoticeFactory(
        services=[service], starts_at=start, resolved=True, ended_at=start + dt.timedelta(hours=12)
    )
    # Measured from the notice's start (the test database was migrated just now).
    value, _count = service_availability(service, now - dt.timedelta(days=30), now, now)
    assert value == Decimal("90.00")
    # A statement period long gone has no figure, rather than a flattering 100%.
    old = service_availability(service, now - dt.timedelta(days=400), now - dt.timedelta(days=300))
    assert old == (None, 0)
    row = row_of(client.get("/status/").context["board"], "LOAN-01")
    assert row.bars[0].level == "nodata" and row.bars[-6].level == "major"
    assert "اندازه‌گیری از" in client.get("/status/").content.decode()


def test_services_with_the_same_calm_history_are_listed_together(client, home_page, service):
    """Services that share a history are listed under one entry (with the portal
    itself); those under the same statement figure are listed together and the figure
    is said once after them; titles are escaped."""
    statement = make_statement(
        home_page,
        valid_from=today() - dt.timedelta(days=100),
        valid_until=today() + dt.timedelta(days=200),
    )
    service.sla_statement = statement
    service.save()
    other = ServiceFactory(
        responsible_unit=service.responsible_unit,
        title="ثبت <شکایت> & پیگیری",
        sla_statement=statement,
    )
    body = client.get("/status/").content.decode()
    portal_list, shared = body.split('<ul class="history-services">')[1:3]
    assert '<li data-service="portal">' in portal_list
    assert "statement-figure" not in portal_list  # the portal has no statement
    services, after = shared.split("</ul>", 1)
    assert f'<li data-service="{service.code}">{service.title}</li>' in services
    assert f'<li data-service="{other.code}">ثبت &lt;شکایت&gt; &amp; پیگیری</li>' in services
    figure = after.split("</p>", 1)[0]
    assert figure.startswith('<p class="history-statement"> <span class="statement-figure')
    assert "۱۰۰٪" in figure and body.count('class="statement-figure') == 1
