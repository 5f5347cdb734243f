"""The whole story in Chromium: a citizen's complaint with a PDF, followed up at /track/,
answered by the responsible unit in the Wagtail admin, rated by the citizen; another
unit's staff get 404 on it."""

import re

import pytest

from services.desk.models import ServiceRequest

from .conftest import PDF_BYTES
from .factories import DeskStaffFactory, make_units

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-password-1"
TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def login(page, base, user):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_complaint_from_citizen_to_unit_and_back(
    live_server, home_page, page_factory, screenshot, settings
):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    units = make_units(home_page)
    inspector = DeskStaffFactory(unit=units["inspection-complaints"]).user
    outsider = DeskStaffFactory(unit=units["it-statistics"]).user
    base = live_server.url

    # The citizen sends a complaint with a PDF.
    citizen = page_factory()
    citizen.goto(base + "/desk/")
    assert citizen.locator("html").get_attribute("dir") == "rtl"
    screenshot(citizen, "desk-hub")
    citizen.get_by_role("link", name=re.compile("شکایت")).first.click()
    citizen.wait_for_url(base + "/desk/complaint/")
    citizen.fill("#id_name", "مریم احمدی")
    citizen.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    citizen.select_option("#id_concerned_unit", str(units["it-statistics"].pk))
    citizen.fill("#id_subject", "شکایت از قطعی سامانه")
    citizen.fill("#id_body", "سامانه در روز انتخاب واحد سه بار قطع شد.")
    citizen.set_input_files(
        "#id_attachments",
        files=[{"name": "گزارش.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    screenshot(citizen, "desk-complaint-form")
    citizen.click(".desk-form button[type=submit]")
    citizen.wait_for_url(base + "/desk/done/")
    shown = citizen.locator(".desk-code-big").inner_text()
    assert re.fullmatch(r"[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}", shown), shown
    screenshot(citizen, "desk-done")
    service_request = ServiceRequest.objects.get()
    assert shown.translate(TO_LATIN).replace("-", "") == service_request.tracking_code
    assert service_request.unit == units["inspection-complaints"]
    assert service_request.attachments.count() == 1

    # Later, on another device: the code as read, and the mobile number.
    follower = page_factory(width=390, height=844)
    follower.goto(base + "/track/")
    follower.fill("#id_code", shown)
    follower.fill("#id_mobile", "09121234567")
    follower.click(".desk-form button[type=submit]")
    follower.wait_for_url(base + "/track/request/")
    assert service_request.tracking_code not in follower.url
    assert follower.locator(".desk-request-head .desk-status").inner_text() == "جدید"
    assert "۱۴" in follower.locator(".desk-timeline time").first.inner_text()  # Jalali
    screenshot(follower, "desk-track-new-phone")

    # The responsible unit answers in the admin.
    staff = page_factory()
    login(staff, base, inspector)
    staff.goto(base + "/admin/desk/requests/")
    assert staff.locator(f'tr[data-object-pk="{service_request.pk}"]').count() == 1
    screenshot(staff, "desk-admin-queue")
    inspect_url = f"{base}/admin/desk/requests/inspect/{service_request.pk}/"
    staff.goto(inspect_url)
    reply = staff.locator(f'form[action$="/reply/{service_request.pk}/"]')
    reply.locator("textarea[name=body]").fill("قطعی سامانه بررسی شد و ظرفیت سرور افزایش یافت.")
    reply.locator("select[name=then]").select_option("answered")
    reply.locator("button[type=submit]").click()
    staff.wait_for_url(inspect_url)
    assert staff.locator(".desk-facts .desk-status").get_attribute("data-status") == "answered"
    screenshot(staff, "desk-admin-answered")

    # The citizen sees the reply and rates it.
    follower.reload()
    assert "ظرفیت سرور افزایش یافت" in follower.content()
    assert follower.locator(".desk-request-head .desk-status").inner_text() == "پاسخ داده شده"
    follower.locator("input[name=rating][value='5']").check()
    follower.fill("#id_comment", "پاسخ روشن بود.")
    follower.get_by_role("button", name="ثبت امتیاز").click()
    follower.wait_for_url(base + "/track/request/")
    assert "امتیاز شما" in follower.content()
    screenshot(follower, "desk-track-rated-phone")
    service_request.refresh_from_db()
    assert service_request.rating == 5

    # Staff of another unit: the same admin URL is a 404.
    other = page_factory()
    login(other, base, outsider)
    response = other.goto(inspect_url)
    assert response.status == 404
    assert "پاسخ داده شده" not in other.content()


def test_meeting_form_shows_officials_hours_and_persian_errors(
    live_server, home_page, page_factory, screenshot
):
    from sitepages.tests.factories import OfficeHoursFactory, OfficialFactory

    units = make_units(home_page)
    unit = units["health-deputy"]
    OfficialFactory(page=unit, head=True, name="دکتر کریمی", post="معاون بهداشت")
    OfficeHoursFactory(page=unit, weekday=5)
    OfficeHoursFactory(page=unit, weekday=6)
    page = page_factory(width=390, height=844)
    page.goto(live_server.url + "/desk/meeting/")
    # Choosing the unit shows its officials (the script submits the choice at once).
    page.select_option("#id_pick_unit", str(unit.pk))
    page.wait_for_url(f"{live_server.url}/desk/meeting/?unit={unit.pk}")
    assert "دکتر کریمی" in page.locator(".desk-officials").inner_text()
    assert "۰۷:۳۰" in page.locator(".desk-hours").inner_text()
    page.fill("#id_name", "سعید عباسی")
    page.fill("#id_mobile", "0912")
    page.fill("#id_subject", "گفت‌وگو دربارهٔ پایگاه سلامت")
    page.click(".desk-form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator("#id_mobile_error").is_visible()
    assert page.locator("#id_official_error").is_visible()
    assert page.locator("#id_subject").input_value() == "گفت‌وگو دربارهٔ پایگاه سلامت"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "desk-meeting-errors-phone")
