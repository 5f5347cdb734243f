"""A student applies in a real Chromium, follows the application, and sees the welfare
office's move on the tracker."""

import re

import pytest
from django.test import Client

from services.loans.enums import LoanStage, Role
from services.loans.models import LoanApplication

from .factories import (
    ApplicationWindowFactory,
    LoanTypeFactory,
    make_staff,
    national_code,
    persian_digits,
    sheba,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S = LoanStage


@pytest.fixture
def open_loan(db):
    loan_type = LoanTypeFactory(
        slug="tuition",
        name="وام شهریه",
        name_en="Tuition loan",
        summary="برای پرداخت شهریهٔ دانشجویان دوره‌های شبانه",
        max_amount=60_000_000,
        eligibility="دانشجویان شبانه و پردیس خودگردان",
        required_documents="گواهی اشتغال به تحصیل",
    )
    ApplicationWindowFactory(loan_type=loan_type)
    return loan_type


def test_a_student_applies_with_persian_digits_and_follows_the_stage(
    live_server, home_page, open_loan, page_factory, screenshot, tmp_path
):
    page = page_factory()
    page.goto(live_server.url + "/loans/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "loans-index")
    page.get_by_role("link", name="ثبت درخواست").first.click()
    page.wait_for_url(re.compile(r".*/loans/apply/tuition/$"))

    code = national_code(42)
    page.get_by_label("نام و نام خانوادگی").fill("مریم رضايي")
    page.get_by_label("کد ملی").fill(persian_digits(code))
    page.get_by_label("شماره دانشجویی").fill("۴۰۱۱۲۳۴۵۶")
    page.get_by_label("دانشکده").select_option("nursing_midwifery")
    page.get_by_label("مقطع تحصیلی").select_option("bachelor")
    page.get_by_label("شمارهٔ تلفن همراه").fill("۰۹۱۲۳۴۵۶۷۸۹")
    page.get_by_label("شمارهٔ شبا").fill(persian_digits(sheba(42)))
    page.get_by_label("مبلغ درخواستی (ریال)").fill("۴۵٬۰۰۰٬۰۰۰")
    document = tmp_path / "گواهی.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("مدارک").set_input_files(str(document))
    page.get_by_label("تأیید می‌کنم").check()
    screenshot(page, "loans-apply-filled")
    page.get_by_role("button", name="ارسال درخواست").click()
    page.wait_for_url(re.compile(r".*/loans/done/$"))

    application = LoanApplication.objects.get()
    assert application.national_code == code and application.sheba == sheba(42)
    assert application.full_name == "مریم رضایی"
    shown_code = page.locator(".loans-code").inner_text()
    assert shown_code == persian_digits(application.formatted_code)
    screenshot(page, "loans-done")

    page.get_by_role("link", name="پیگیری درخواست").first.click()
    page.wait_for_url(re.compile(r".*/loans/track/$"))
    page.get_by_label("کد پیگیری").fill(shown_code)
    page.get_by_label("کد ملی").fill(persian_digits(code))
    page.get_by_role("button", name="نمایش درخواست").click()
    page.wait_for_url(re.compile(r".*/loans/track/application/$"))
    stage = page.locator(".loans-stage")
    assert stage.get_attribute("data-stage") == S.SUBMITTED
    assert stage.inner_text() == "ثبت شد، در انتظار بررسی"
    # Nothing personal in the address bar.
    assert code not in page.url and application.tracking_code not in page.url
    screenshot(page, "loans-tracker-submitted")

    # The welfare expert opens it in the back office and starts the review.
    expert = make_staff(Role.WELFARE_EXPERT, username="expert")
    client = Client()
    client.force_login(expert)
    staff_page = page_factory()
    staff_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    staff_page.goto(f"{live_server.url}/admin/loans/applications/")
    screenshot(staff_page, "loans-admin-queue")
    staff_page.goto(f"{live_server.url}/admin/loans/applications/inspect/{application.pk}/")
    assert code in staff_page.content()
    screenshot(staff_page, "loans-admin-inspect")
    staff_page.get_by_role("button", name="بردن به «در حال بررسی شرایط»").click()
    staff_page.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == S.UNDER_REVIEW

    page.reload()
    stage = page.locator(".loans-stage")
    assert stage.get_attribute("data-stage") == S.UNDER_REVIEW
    assert stage.inner_text() == "در حال بررسی شرایط"
    assert page.locator(".loans-step--current").inner_text().strip().endswith("در حال بررسی شرایط")
    screenshot(page, "loans-tracker-under-review")


def test_the_application_form_fits_a_phone(
    live_server, home_page, open_loan, page_factory, screenshot
):
    page = page_factory(width=360, height=740)
    page.goto(live_server.url + "/loans/apply/tuition/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "loans-apply-phone")
