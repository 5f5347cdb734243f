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
    page.get_by_label("کد رهگیری").fill(shown_code)
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


def test_the_fund_liaison_previews_an_answer_file_and_reads_the_reports(
    live_server, page_factory, screenshot
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from services.loans import fund, workflow
    from services.loans.roles import roles_of

    from .factories import LoanApplicationFactory

    LoanApplicationFactory(document_issued=True, document_number="7101")
    LoanApplicationFactory(document_issued=True, document_number="7102")
    LoanApplicationFactory(returned=True)
    liaison = make_staff(Role.FUND_LIAISON, username="liaison")
    workflow.create_batch(user=liaison, roles=roles_of(liaison))
    answer = fund.preview_answer(
        SimpleUploadedFile(
            "پاسخ صندوق.csv",
            "شماره سند,نتیجه,تاریخ,شماره مرجع\n7101,تایید,1404/09/01,\n7102,واریز,1404/09/03,\n".encode(),
        ),
        user=liaison,
    )
    client = Client()
    client.force_login(liaison)
    page = page_factory()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/admin/loans/answers/inspect/{answer.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".loans-admin-preview tr.is-error").count() == 1
    assert page.locator(".loans-admin-preview tr.is-change").count() == 1
    screenshot(page, "loans-admin-answer-preview")
    page.get_by_role("button", name="اعمال ۱ سطر").click()
    page.wait_for_load_state()
    assert LoanApplication.objects.get(document_number="7101").stage == S.CONFIRMED
    page.goto(f"{live_server.url}/admin/loans/reports/")
    assert page.get_by_role("heading", name="گزارش‌های وام دانشجویی").is_visible()
    screenshot(page, "loans-admin-reports")
