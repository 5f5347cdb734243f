""" "My requests" in Chromium: mobile number -> SMS code (read from the test outbox) ->
the list -> open one request, at phone width."""

import re

import pytest

from cms import sms

from .factories import ServiceRequestFactory, make_units

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def test_my_requests_by_sms_code(live_server, home_page, page_factory, screenshot, settings):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    sms.outbox.clear()
    units = make_units(home_page)
    ServiceRequestFactory(unit=units["welfare-office"], subject="درخواست خوابگاه متأهلین")
    ServiceRequestFactory(unit=units["it-statistics"], subject="بازیابی گذرواژه")
    ServiceRequestFactory(
        unit=units["it-statistics"], mobile="09350000000", subject="درخواست شخص دیگر"
    )
    base = live_server.url

    page = page_factory(width=360, height=740)
    page.goto(base + "/track/")
    page.get_by_role("link", name=re.compile("کد رهگیری را گم کرده‌اید")).click()
    page.wait_for_url(base + "/track/mine/")
    page.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    page.get_by_role("button", name="کد را برایم بفرست").click()
    page.wait_for_url(base + "/track/mine/code/")
    screenshot(page, "desk-mine-code-phone")

    code = re.search(r"\d{6}", sms.outbox[-1].body.translate(TO_LATIN)).group()
    page.fill("#id_code", "000000" if code != "000000" else "111111")
    page.get_by_role("button", name="نمایش درخواست‌های من").click()
    assert page.locator("#id_code_error").is_visible()
    page.fill("#id_code", code)
    page.get_by_role("button", name="نمایش درخواست‌های من").click()
    page.wait_for_url(base + "/track/mine/list/")
    listing = page.locator(".desk-mine").inner_text()
    assert "درخواست خوابگاه متأهلین" in listing and "بازیابی گذرواژه" in listing
    assert "درخواست شخص دیگر" not in listing
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "desk-mine-list-phone")

    item = page.locator(".desk-mine-item", has_text="درخواست خوابگاه متأهلین")
    item.get_by_role("button", name=re.compile("باز کردن")).click()
    page.wait_for_url(base + "/track/request/")
    assert "درخواست خوابگاه متأهلین" in page.content()
    screenshot(page, "desk-mine-opened-phone")
