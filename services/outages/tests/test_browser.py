"""In a real Chromium: an editor publishes an outage in the Wagtail admin; the banner
shows on the home page, a unit page and the service desk; the status page shows the
service down; resolving it removes the banner while the day's bar keeps its colour."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cms.jalali import format_datetime, to_jalali
from cms.plugins import registry
from services.outages.models import OutageNotice

from .factories import ServiceFactory, make_unit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def portal(live_server, home_page, django_user_model):
    unit = make_unit(home_page, "welfare-office", "اداره رفاه دانشجویان")
    service = ServiceFactory(
        code="LOAN-01", title="درخواست وام دانشجویی", responsible_unit=unit, availability_target=99
    )
    django_user_model.objects.create_superuser("editor", "editor@example.ir", PASSWORD)
    cache.clear()
    return {"url": live_server.url, "unit": unit, "service": service}


def log_in(page, base):
    page.goto(base + "/admin/login/")
    page.fill('input[name="username"]', "editor")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(base + "/admin/")


def banner(page):
    return page.locator('.banner-slot [data-banner-key^="outage-"]')


def other_pages(base, unit):
    """The unit page, and the service desk's hub when the desk plugin is installed."""
    pages = [base + unit.url]
    if registry.is_installed("desk"):
        pages.append(base + "/desk/")
    else:
        pages.append(base + "/status/subscribe/")
    return pages


def test_an_editor_publishes_then_resolves_an_outage(portal, page_factory, screenshot):
    base, unit, service = portal["url"], portal["unit"], portal["service"]
    page = page_factory()
    log_in(page, base)

    # The editor writes the notice in the admin, in Persian, with a Jalali start time.
    page.goto(base + reverse("outages_notices:add"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.select_option('select[name="kind"]', "outage")
    page.select_option('select[name="impact"]', "major")
    page.fill('input[name="title"]', "قطعی سامانهٔ درخواست وام")
    page.get_by_label(str(service)).check()
    start = timezone.now() - dt.timedelta(minutes=15)
    # The Jalali picker: day, month and year chosen, the time typed; no Gregorian date.
    local = timezone.localtime(start)
    day = to_jalali(local.date())
    for part, value in (("0", day.day), ("1", day.month), ("2", day.year)):
        page.select_option(f'select[name="starts_at_0_{part}"]', str(value))
    page.fill('input[name="starts_at_1"]', f"{local.hour:02d}:{local.minute:02d}")
    page.fill(
        'textarea[name="initial_message"]',
        "ثبت درخواست وام ممکن نیست؛ کارشناسان فناوری اطلاعات در حال بررسی‌اند.",
    )
    screenshot(page, "outages-admin-new-notice")
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    page.locator('button[name="action-publish"]').click()
    page.wait_for_load_state("networkidle")
    notice = OutageNotice.objects.get()
    assert notice.live, page.content()[:2000]

    # The banner is on every public page, strong, with a Jalali date and a link.
    page.goto(base + "/")
    assert banner(page).count() == 1
    text = banner(page).inner_text()
    assert "قطعی کامل: قطعی سامانهٔ درخواست وام" in text
    # Since when, in Jalali and Tehran time: whatever year the test runs in.
    assert format_datetime(notice.starts_at) in text
    assert "site-banner--critical" in banner(page).get_attribute("class")
    screenshot(page, "outages-banner-home", full_page=False)
    for url in other_pages(base, unit):
        response = page.goto(url)
        assert response.status == 200, url
        assert banner(page).count() == 1, url
        assert "قطعی سامانهٔ درخواست وام" in banner(page).inner_text(), url
    screenshot(page, "outages-banner-desk", full_page=False)

    # Following the banner's link opens the notice with its timeline.
    page.goto(base + "/")
    banner(page).get_by_role("link").click()
    page.wait_for_url(base + notice.get_absolute_url())
    assert "در حال بررسی" in page.locator(".timeline").inner_text()

    # The status page shows the service down and today's bar red.
    page.goto(base + "/status/")
    row = page.locator('[data-service="LOAN-01"]')
    assert row.get_attribute("data-status") == "major"
    assert "قطعی کامل" in row.locator(".status-badge").inner_text()
    # Today, the newest day with problems, heads the keyboard-reachable table of days.
    row.locator("details summary").click()
    today_row = row.locator(".history-table tbody tr").first
    assert today_row.get_attribute("data-level") == "major"
    assert "قطعی کامل" in today_row.inner_text()
    # Right to left: the decorative strip runs from the oldest day on the right.
    strip = row.locator(".day-strip")
    assert "to left" in strip.evaluate("el => getComputedStyle(el).backgroundImage")
    assert strip.get_attribute("aria-hidden") == "true"
    screenshot(page, "outages-status-down")

    # The visitor may hide the banner; it stays hidden for that notice.
    page.goto(base + "/")
    banner(page).locator(".banner-dismiss").click()
    assert not banner(page).is_visible()
    page.reload()
    assert not banner(page).is_visible()

    # The editor resolves it by posting an update to the timeline.
    page.goto(base + reverse("outages_notices:edit", args=[notice.pk]))
    assert "در حال بررسی" in page.locator(".outages-timeline-panel").inner_text()
    page.locator(".outages-timeline-panel a", has_text="انتشار به‌روزرسانی").click()
    page.select_option('select[name="state"]', "resolved")
    page.fill('textarea[name="message"]', "مشکل برطرف شد و سامانه دوباره در دسترس است.")
    screenshot(page, "outages-admin-post-update")
    page.locator('#w-editor-form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")
    notice.refresh_from_db()
    assert notice.state == "resolved" and notice.ended_at is not None

    # No banner any more, anywhere.
    fresh = page_factory()
    for url in [base + "/", *other_pages(base, unit)]:
        fresh.goto(url)
        assert banner(fresh).count() == 0, url

    # The service is operational again, and today's bar keeps its colour.
    fresh.goto(base + "/status/")
    row = fresh.locator('[data-service="LOAN-01"]')
    assert row.get_attribute("data-status") == "operational"
    assert row.locator(".history-table tbody tr").first.get_attribute("data-level") == "major"
    assert "مشکل برطرف شد" in fresh.locator(
        "#past-heading + article, .status-section"
    ).last.inner_text() or ("مشکل برطرف شد" in fresh.content())
    screenshot(fresh, "outages-status-resolved")


# Data is made in fixtures that come before ``page_factory``: the first browser test of a
# session starts Playwright's event loop, and writes made after that in the test's own
# body would go through another database connection object than the one the test case
# flushes at teardown.


@pytest.fixture
def maintenance_and_outage(portal):
    from .factories import OutageNoticeFactory

    OutageNoticeFactory(services=[portal["service"]], with_timeline=True)
    OutageNoticeFactory(
        maintenance=True, upcoming=True, with_timeline=True, title="به‌روزرسانی سرورها"
    )
    cache.clear()
    return portal


def test_the_status_page_fits_a_phone(maintenance_and_outage, page_factory, screenshot):
    page = page_factory(width=360, height=740)
    page.goto(maintenance_and_outage["url"] + "/status/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".notice-tag--urgent").first.is_visible()
    screenshot(page, "outages-status-phone")


@pytest.fixture
def english_outage(portal):
    from .factories import OutageNoticeFactory

    service = portal["service"]
    service.title_en = "Student loan requests"
    service.save()
    OutageNoticeFactory(
        services=[service], with_timeline=True, title="قطعی", title_en="Loan requests down"
    )
    cache.clear()
    return portal


def test_the_english_status_page_reads_left_to_right(english_outage, page_factory, screenshot):
    page = page_factory()
    page.goto(english_outage["url"] + "/en/status/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    row = page.locator('[data-service="LOAN-01"]')
    assert "Major outage" in row.inner_text()
    # Left to right: the strip runs from the oldest day on the left to today.
    assert "to right" in row.locator(".day-strip").evaluate(
        "el => getComputedStyle(el).backgroundImage"
    )
    assert "Loan requests down" in banner(page).inner_text()
    screenshot(page, "outages-status-english")
