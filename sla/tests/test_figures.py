"""A service card shows its figures over its SLA statement's period when that period has
data, and otherwise over the last 90 days, saying which."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.plugins import SLAMetric, registry
from sla.metrics import RECENT, STATEMENT, service_figures

from .factories import ServiceFactory, make_catalog, make_sla_index, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page, units):
    make_catalog(home_page)
    return units, make_sla_index(home_page)


def reports_since(day):
    """A plugin that has data only for periods ending after ``day``."""
    since = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)

    def metrics(code, start, end):
        value = 92.0 if end > since else None
        return [SLAMetric("answered_in_time", "پاسخ به‌موقع", value, "%", target=95)]

    return metrics


def test_an_old_statement_without_data_gives_way_to_the_last_90_days(client, site, monkeypatch):
    units, index = site
    statement = make_statement(index, valid_until=dt.date(2022, 3, 20))  # 1400/12/29
    ServiceFactory(
        code="LOAN-01", responsible_unit=units["welfare-office"], sla_statement=statement
    )
    monkeypatch.setattr(registry, "sla_metrics", reports_since(dt.date(2024, 1, 1)))

    figures = service_figures(statement.catalog_services().get())
    assert figures.basis == RECENT and figures.has_data and figures.statement_without_data
    assert figures.end - figures.start == dt.timedelta(days=90)

    html = client.get("/services/LOAN-01/").content.decode()
    assert "۹۲٪" in html and "figures-none" not in html
    assert "آمار ۹۰ روز گذشته" in html
    assert "در دورهٔ توافق‌نامهٔ سطح خدمت داده‌ای ثبت نشده است" in html


def test_a_statement_period_with_data_is_the_one_shown(client, site, monkeypatch):
    units, index = site
    today = timezone.localdate()
    statement = make_statement(
        index, valid_from=today - dt.timedelta(days=200), valid_until=today + dt.timedelta(days=100)
    )
    service = ServiceFactory(
        code="LOAN-01", responsible_unit=units["welfare-office"], sla_statement=statement
    )
    monkeypatch.setattr(registry, "sla_metrics", reports_since(dt.date(2020, 1, 1)))

    figures = service_figures(service)
    assert figures.basis == STATEMENT
    assert figures.start.date() == today - dt.timedelta(days=200)
    html = client.get("/services/LOAN-01/").content.decode()
    assert "آمار در دورهٔ توافق‌نامهٔ سطح خدمت این خدمت" in html


def test_a_service_without_a_statement_shows_the_last_90_days(client, site, monkeypatch):
    units, _index = site
    service = ServiceFactory(code="IT-01", responsible_unit=units["it-statistics"])
    monkeypatch.setattr(registry, "sla_metrics", reports_since(dt.date(2020, 1, 1)))
    figures = service_figures(service)
    assert figures.basis == RECENT and not figures.statement_without_data
    html = client.get("/services/IT-01/").content.decode()
    assert "آمار ۹۰ روز گذشته" in html and "داده‌ای ثبت نشده" not in html
