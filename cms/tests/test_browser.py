"""The first browser test: a real Chromium opens the Persian home page."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_in_chromium_is_persian_rtl_with_vazirmatn(
    live_server, home_page, page_factory, screenshot
):
    page = page_factory()
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Vazirmatn"') or family.startswith("Vazirmatn")
    # The font really loaded from our own static files, not a CDN.
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Vazirmatn') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    # Right to left: the brand sits at the right edge of the header.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > 1280 / 2
    assert page.get_by_role("heading", level=1).inner_text() == "پرتال دانشگاه علوم پزشکی اراک"
    screenshot(page, "home-desktop")


def test_home_page_fits_a_phone(live_server, home_page, page_factory, screenshot):
    page = page_factory(width=360, height=740)
    page.goto(live_server.url + "/")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".menu-toggle").is_visible()
    screenshot(page, "home-phone")


def test_language_switcher_goes_to_english_and_back(live_server, home_page, page_factory):
    page = page_factory()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_role("link", name="فارسی").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fa"
