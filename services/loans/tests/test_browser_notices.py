"""The loan story told by SMS: the student applies in Chromium, then learns of every step
from a text message (read from the test SMS outbox) and follows its link."""

import datetime as dt
import re

import pytest

from cms import sms
from services.loans import workflow
from services.loans.enums import LoanStage, Role
from services.loans.models import LoanApplication
from services.loans.roles import roles_of

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
MOBILE = "09123456789"
CODE_IN_SMS = re.compile(r"[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}")


def test_the_student_reads_an_sms_at_every_stage(
    live_server, home_page, page_factory, screenshot, settings
):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    settings.PORTAL_BASE_URL = live_server.url
    sms.outbox.clear()
    loan_type = LoanTypeFactory(
        slug="tuition", name="وام شهریه", max_amount=60_000_000, required_documents=""
    )
    ApplicationWindowFactory(loan_type=loan_type)
    staff = {role: make_staff(role, username=role) for role in Role.values if role != "student"}
    national = national_code(7)
    told = []

    def next_sms(expected):
        new = sms.outbox[len(told) :]
        assert [m.to for m in new] == [MOBILE], [m.body for m in new]
        told.append(new[0].body)
        assert expected in new[0].body, new[0].body
        assert f"{live_server.url}/loans/track/" in new[0].body
        return new[0].body

    def move(target, role, **data):
        application = LoanApplication.objects.get()
        user = staff[role]
        workflow.move(application, target, roles=roles_of(user), user=user, **data)

    # Submitted: the student applies.
    page = page_factory(width=360, height=740)
    page.goto(f"{live_server.url}/loans/apply/tuition/")
    page.get_by_label("نام و نام خانوادگی").fill("مریم رضایی")
    page.get_by_label("کد ملی").fill(persian_digits(national))
    page.get_by_label("شماره دانشجویی").fill("۴۰۱۱۲۳۴۵۶")
    page.get_by_label("دانشکده").select_option("nursing_midwifery")
    page.get_by_label("مقطع تحصیلی").select_option("bachelor")
    page.get_by_label("شمارهٔ تلفن همراه").fill(persian_digits(MOBILE))
    page.get_by_label("شمارهٔ شبا").fill(persian_digits(sheba(7)))
    page.get_by_label("مبلغ درخواستی (ریال)").fill("۴۵٬۰۰۰٬۰۰۰")
    page.get_by_label("تأیید می‌کنم").check()
    page.get_by_role("button", name="ارسال درخواست").click()
    page.wait_for_url(re.compile(r".*/loans/done/$"))
    text = next_sms("ثبت شد")
    code = CODE_IN_SMS.search(text).group(0)
    assert code == page.locator(".loans-code").inner_text()

    def open_tracker():
        """Follows the SMS's link with the code from the SMS and the national code."""
        page.goto(re.search(r"https?://\S+", told[-1]).group(0))
        page.get_by_label("کد رهگیری").fill(code)
        page.get_by_label("کد ملی").fill(persian_digits(national))
        page.get_by_role("button", name="نمایش درخواست").click()
        page.wait_for_url(re.compile(r".*/loans/track/application/$"))
        return page.locator(".loans-stage").get_attribute("data-stage")

    # Returned for correction: told, and the student corrects it on the tracker.
    move(S.UNDER_REVIEW, Role.WELFARE_EXPERT)
    assert sms.outbox[len(told) :] == []  # the office's own step
    move(S.RETURNED, Role.WELFARE_EXPERT, note="گواهی اشتغال به تحصیل را بفرستید.")
    next_sms("برگشت برای اصلاح")
    assert open_tracker() == S.RETURNED
    screenshot(page, "loans-sms-returned")
    page.get_by_label("چه چیزی را اصلاح کردید").fill("گواهی را پیوست کردم.")
    page.get_by_role("button", name="ارسال درخواست اصلاح‌شده").click()
    page.wait_for_url(re.compile(r".*/loans/track/application/$"))

    # Resubmitted.
    next_sms("اصلاح‌شده")
    assert LoanApplication.objects.get().stage == S.SUBMITTED

    # Eligible, document issued, (sent to the fund, confirmed: no SMS), deposited.
    move(S.UNDER_REVIEW, Role.WELFARE_EXPERT)
    move(S.ELIGIBLE, Role.WELFARE_EXPERT)
    next_sms("تأیید شرایط")
    move(
        S.DOCUMENT_ISSUED,
        Role.FINANCIAL_OFFICER,
        document_number="1405-0007",
        document_date=dt.date(2026, 11, 1),
        document_amount=45_000_000,
    )
    next_sms("صدور سند مالی")
    liaison = staff[Role.FUND_LIAISON]
    workflow.create_batch(user=liaison, roles=roles_of(liaison))
    move(S.CONFIRMED, Role.FUND_LIAISON, fund_confirmed_on=dt.date(2026, 11, 10))
    move(
        S.DEPOSITED,
        Role.FUND_LIAISON,
        deposited_on=dt.date(2026, 11, 12),
        bank_reference="BNK-778812",
    )
    next_sms("واریز به حساب")
    assert open_tracker() == S.DEPOSITED
    screenshot(page, "loans-sms-deposited")
    # One message per step that concerns the student, and never their national code.
    assert len(told) == 6 and len(sms.outbox) == 6
    assert all(national not in body for body in told)
