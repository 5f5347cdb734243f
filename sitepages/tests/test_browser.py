"""A citizen finds a unit's contacts from the horizontal menu, in a real Chromium:
on a desktop, with the keyboard only, and on a 360 px wide phone."""

from io import StringIO

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_site(live_server):
    from django.core.cache import cache

    from cms.tests.snapshots import built_once
    from sitepages.demo_content import load_home, load_portal

    def build():
        load_home(stdout=StringIO())
        load_portal(stdout=StringIO())

    built_once("sitepages demo", build)
    cache.clear()
    return live_server.url


def assert_unit_contacts_visible(page, phone_text, email, official):
    phone = page.locator(f'.contact-list a[href^="tel:"]:has-text("{phone_text}")')
    assert phone.first.is_visible()
    assert page.locator(f'.contact-list a[href="mailto:{email}"]').first.is_visible()
    assert page.locator(".official-name", has_text=official).first.is_visible()


def test_desktop_opens_a_unit_from_the_horizontal_menu(demo_site, page_factory, screenshot):
    page = page_factory(width=1280)
    page.goto(demo_site + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "home-desktop")

    menu = page.locator("nav.unit-menu")
    menu.get_by_role("link", name="آمار و فناوری اطلاعات").click()
    page.wait_for_url("**/units/it-statistics/")
    assert page.locator("h1").inner_text() == "مدیریت آمار و فناوری اطلاعات"
    assert_unit_contacts_visible(page, "۰۸۶-۳۳۶۸۶۶۰۰", "support@arakmu.ac.ir", "مهندس حسین مرادی")
    assert page.locator('.contact-list a[href="tel:08633686600"]').count() == 1
    # The menu marks where the visitor is.
    assert menu.locator('a[aria-current="page"]').inner_text() == "آمار و فناوری اطلاعات"
    screenshot(page, "unit-desktop")


def test_keyboard_opens_a_sub_unit_dropdown(demo_site, page_factory, screenshot):
    page = page_factory(width=1280)
    page.goto(demo_site + "/")
    submenu = page.locator(".unit-submenu").first
    assert not submenu.is_visible()

    # Tab from the unit's link to its dropdown button, open it with Enter, Tab into it.
    page.get_by_role("link", name="معاونت دانشجویی و فرهنگی", exact=True).first.focus()
    page.keyboard.press("Tab")
    toggle = page.locator(".submenu-toggle").first
    assert toggle.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert submenu.is_visible()
    screenshot(page, "menu-dropdown-keyboard", full_page=False)

    page.keyboard.press("Escape")
    assert not submenu.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/units/student-cultural-affairs/welfare-office/")
    assert_unit_contacts_visible(page, "۰۸۶-۳۳۶۸۶۵۵۲", "refah@arakmu.ac.ir", "علی رحیمی")


def test_phone_opens_a_unit_through_the_menu_button(demo_site, page_factory, screenshot):
    page = page_factory(width=360, height=740)
    page.goto(demo_site + "/")
    menu_list = page.locator("#unit-menu-list")
    assert not menu_list.is_visible()  # collapsed behind the button
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "home-phone")

    button = page.locator(".menu-toggle")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu_list.is_visible()
    screenshot(page, "menu-open-phone", full_page=False)

    menu_list.get_by_role("link", name="معاونت بهداشت", exact=True).click()
    page.wait_for_url("**/units/health-deputy/")
    assert_unit_contacts_visible(page, "۰۸۶-۳۴۱۷۳۰۰۰", "behdasht@arakmu.ac.ir", "دکتر رضا عباسی")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "unit-phone")
