"""A citizen in Chromium: the catalog, a unit filter, a service card, its statement."""

import datetime as dt

import pytest

from sla.enums import Channel, TimeUnit

from .factories import ServiceFactory, make_catalog, make_sla_index, make_statement, make_units

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def catalog(home_page):
    units = make_units(home_page)
    make_catalog(home_page, intro="<p>هر خدمت با هزینه و زمان پاسخ تعهدشده‌اش.</p>")
    statement = make_statement(
        make_sla_index(home_page),
        valid_until=dt.date(2022, 3, 20),
        title="توافق‌نامهٔ سطح خدمت وام دانشجویی",
        signatory="ریاست دانشگاه علوم پزشکی استان مرکزی",
        goal="<p>درخواست وام‌ها و تسهیلات دانشجویی از صندوق رفاه دانشجویان.</p>",
    )
    ServiceFactory(
        code="LOAN-01",
        title="درخواست وام دانشجویی از صندوق رفاه",
        responsible_unit=units["welfare-office"],
        response_target_value=10,
        channels=[Channel.WEB, Channel.IN_PERSON],
        sla_statement=statement,
    )
    ServiceFactory(
        code="DORM-01",
        title="درخواست خوابگاه دانشجویی",
        responsible_unit=units["welfare-office"],
        is_free=False,
        fee=4_500_000,
        fee_notes="اجارهٔ خوابگاه برای هر نیم‌سال.",
        response_target_value=5,
        response_target_unit=TimeUnit.WORKING_DAYS,
        required_documents="کارت دانشجویی\nگواهی سکونت خانواده",
        sla_statement=statement,
    )
    ServiceFactory(
        code="IT-02",
        title="پشتیبانی و رفع اشکال دسترسی",
        responsible_unit=units["it-statistics"],
        response_target_value=4,
        response_target_unit=TimeUnit.WORKING_HOURS,
        channels=[Channel.WEB, Channel.PHONE],
    )
    ServiceFactory(
        code="HLT-01",
        title="صدور کارت بهداشت",
        responsible_unit=units["health-deputy"],
        paid=True,
    )
    return units


def test_citizen_filters_by_unit_opens_a_card_and_its_statement(
    live_server, catalog, page_factory, screenshot
):
    page = page_factory()
    page.goto(live_server.url + "/services/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".service-item").count() == 4
    screenshot(page, "sla-catalog")

    page.select_option("#id_unit", "welfare-office")
    page.get_by_role("button", name="نمایش خدمات").click()
    page.wait_for_url("**/services/?*unit=welfare-office*")
    titles = page.locator(".service-item-title").all_inner_texts()
    assert sorted(titles) == sorted(
        ["درخواست وام دانشجویی از صندوق رفاه", "درخواست خوابگاه دانشجویی"]
    )
    screenshot(page, "sla-catalog-filtered")

    page.get_by_role("link", name="درخواست خوابگاه دانشجویی").click()
    page.wait_for_url("**/services/DORM-01/")
    assert page.locator(".service-fee").inner_text() == "۴٬۵۰۰٬۰۰۰ ریال"
    assert page.locator(".response-target").inner_text() == "۵ روز کاری"
    # Figures come from whichever plugins are installed; "no data yet" when none. The
    # statement's 1400 period has none, so the card says it shows the last 90 days.
    assert "آمار ۹۰ روز گذشته" in page.locator(".service-figures").inner_text()
    screenshot(page, "sla-service-card")

    page.get_by_role("link", name="توافق‌نامهٔ سطح خدمت وام دانشجویی").click()
    page.wait_for_url("**/sla/student-loans/")
    assert "۲۹ اسفند ۱۴۰۰" in page.locator(".valid-until").inner_text()
    assert "۱۴۰۰/۱۲/۲۹" in page.locator(".valid-until").inner_text()
    assert page.locator(".validity--expired").is_visible()
    assert "۴٬۵۰۰٬۰۰۰ ریال" in page.locator(".fee-table").inner_text()
    screenshot(page, "sla-statement")


def test_catalog_and_card_fit_a_phone(live_server, catalog, page_factory, screenshot):
    page = page_factory(width=360, height=740)
    page.goto(live_server.url + "/services/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "sla-catalog-phone")
    page.goto(live_server.url + "/services/DORM-01/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "sla-service-card-phone")
