"""The student's side: loan types, the application form and the tracker."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from services.loans import workflow
from services.loans.enums import LoanStage
from services.loans.models import LoanApplication
from services.loans.roles import roles_of

from .factories import (
    ApplicationWindowFactory,
    LoanApplicationFactory,
    LoanTypeFactory,
    national_code,
    persian_digits,
    sheba,
)

S = LoanStage
pytestmark = pytest.mark.django_db
NO_STORE = ("no-store", "private")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(n=1, **overrides):
    return {
        "full_name": "علي كريمي",  # Arabic ي and ك, stored as Persian
        "national_code": persian_digits(national_code(n)),
        "student_number": persian_digits(f"40112{n:04d}"),
        "faculty": "medicine",
        "degree": "professional_doctorate",
        "mobile": "۰۹۱۲۳۴۵۶۷۸۹",
        "email": "",
        "sheba": persian_digits(sheba(n)),
        "requested_amount": "۳۰٬۰۰۰٬۰۰۰",
        "confirm": "on",
        **overrides,
    }


def assert_no_store(response):
    cache_control = response["Cache-Control"]
    assert all(word in cache_control for word in NO_STORE), cache_control


def test_index_lists_loan_types_with_their_jalali_windows(client, home_page, loan_type):
    LoanTypeFactory(slug="housing", name="ودیعه مسکن متأهلین")
    ApplicationWindowFactory(
        loan_type=LoanTypeFactory(slug="later", name="وام بعدی"), upcoming=True
    )
    response = client.get("/loans/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "وام شهریه" in body and "ودیعه مسکن متأهلین" in body
    assert reverse("loans:apply", args=["tuition"]) in body
    # Amounts and dates in Persian digits, Jalali months.
    assert "۵۰٬۰۰۰٬۰۰۰" in body
    assert "Closed now" not in body and "open for" not in body.lower()
    english = client.get("/en/loans/").content.decode()
    assert "Tuition loan" in english and 'dir="ltr"' in english


def test_a_student_applies_with_persian_digits_and_gets_a_tracking_code(
    client, home_page, loan_type, window
):
    response = client.post(
        "/loans/apply/tuition/",
        {**form_data(), "documents": SimpleUploadedFile("کارت.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    application = LoanApplication.objects.get()
    assert application.national_code == national_code(1)
    assert application.sheba == sheba(1)
    assert application.requested_amount == 30_000_000
    assert application.mobile == "09123456789"
    assert application.full_name == "علی کریمی"
    assert application.term == window.term and application.stage == S.SUBMITTED
    assert application.documents.get().kind == "pdf"
    done = client.get(response["Location"])
    assert_no_store(done)
    body = done.content.decode()
    code = persian_digits(application.formatted_code)
    assert code in body
    # The tracking code is never in a URL.
    assert application.tracking_code not in response["Location"]


def test_the_form_refuses_bad_identifiers_and_amounts_above_the_maximum(
    client, home_page, loan_type
):
    bad = form_data(
        national_code="1234567890", sheba="IR000000000000000000000000", requested_amount="60000000"
    )
    response = client.post("/loans/apply/tuition/", bad)
    assert response.status_code == 200
    assert_no_store(response)
    form = response.context["form"]
    assert {"national_code", "sheba", "requested_amount"} <= set(form.errors)
    assert not LoanApplication.objects.exists()


def test_a_second_active_application_gets_a_neutral_message(client, home_page, loan_type, window):
    assert client.post("/loans/apply/tuition/", form_data(2)).status_code == 302
    response = client.post("/loans/apply/tuition/", form_data(2))
    assert response.status_code == 200
    body = response.content.decode()
    # Whoever typed the national code may not be its owner (test_duplicate_privacy.py).
    assert "در حال حاضر امکان ثبت درخواست نیست" in body
    assert "یک درخواست فعال دارید" not in body
    assert LoanApplication.objects.count() == 1


def test_outside_the_window_the_form_says_when_the_next_one_opens(client, home_page):
    loan_type = LoanTypeFactory(slug="emergency", name="وام ضروری")
    ApplicationWindowFactory(loan_type=loan_type, closed=True)
    upcoming = ApplicationWindowFactory(
        loan_type=loan_type, upcoming=True, term__year=1404, term__half=2
    )
    response = client.get("/loans/apply/emergency/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "form" not in response.context or response.context.get("form") is None
    from cms.jalali import format_date

    assert format_date(upcoming.opens_on) in body
    assert client.post("/loans/apply/emergency/", form_data()).status_code == 200
    assert not LoanApplication.objects.exists()


def test_an_extended_window_keeps_the_form_open(client, home_page):
    loan_type = LoanTypeFactory(slug="doctoral", name="وام دکتری", eligible_degrees=["phd"])
    today = dt.date.today()
    ApplicationWindowFactory(
        loan_type=loan_type,
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=2),
        extended_until=today + dt.timedelta(days=5),
    )
    response = client.get("/loans/apply/doctoral/")
    assert response.context["form"] is not None
    # Only the degrees the loan allows are offered, and others are refused.
    assert [value for value, _label in response.context["form"].fields["degree"].choices] == [
        "",
        "phd",
    ]
    response = client.post("/loans/apply/doctoral/", form_data(degree="bachelor"))
    assert "degree" in response.context["form"].errors


def test_required_documents_must_be_attached_and_are_checked_by_content(client, home_page):
    loan_type = LoanTypeFactory(
        slug="housing", name="ودیعه مسکن", required_documents="سند ازدواج\nاجاره‌نامه"
    )
    ApplicationWindowFactory(loan_type=loan_type)
    response = client.post("/loans/apply/housing/", form_data())
    assert "documents" in response.context["form"].errors
    fake = SimpleUploadedFile("lease.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post("/loans/apply/housing/", {**form_data(), "documents": fake})
    assert "documents" in response.context["form"].errors
    assert not LoanApplication.objects.exists()


# The tracker


def open_tracker(client, application, national=None):
    return client.post(
        "/loans/track/",
        {
            "code": persian_digits(application.formatted_code),
            "national_code": persian_digits(national or application.national_code),
        },
    )


def test_the_tracker_opens_with_code_and_national_code_and_shows_the_stage(client, home_page):
    application = LoanApplicationFactory(document_issued=True, document_number="77120")
    response = open_tracker(client, application)
    assert response.status_code == 302
    assert response["Location"] == reverse("loans:track_detail")
    detail = client.get(response["Location"])
    assert_no_store(detail)
    body = detail.content.decode()
    assert 'data-stage="document_issued"' in body
    assert "صدور سند مالی" in body and "۷۷۱۲۰" in body
    # The national code and Sheba are masked even here.
    assert application.national_code not in body and application.sheba not in body
    assert application.tracking_code not in response["Location"]


def test_a_wrong_code_and_a_wrong_national_code_get_the_same_answer(client, home_page):
    application = LoanApplicationFactory()
    wrong_national = open_tracker(client, application, national=national_code(999))
    wrong_code = client.post(
        "/loans/track/", {"code": "1111-2222-3333", "national_code": application.national_code}
    )
    nonsense = client.post("/loans/track/", {"code": "12", "national_code": "abc"})
    messages = [
        r.context["form"].non_field_errors() for r in (wrong_national, wrong_code, nonsense)
    ]
    assert messages[0] == messages[1] == messages[2]
    assert all(r.status_code == 200 for r in (wrong_national, wrong_code, nonsense))
    assert_no_store(wrong_national)


def test_the_tracker_is_throttled(client, home_page, settings):
    settings.LOANS_TRACK_LIMIT = (3, 600)
    application = LoanApplicationFactory()
    for _ in range(3):
        assert open_tracker(client, application, national=national_code(5)).status_code == 200
    blocked = open_tracker(client, application)
    assert blocked.status_code == 429
    assert "Retry-After" in blocked


def test_pages_without_a_tracking_session_lead_back_to_the_lookup(client, home_page):
    assert client.get("/loans/track/application/")["Location"] == reverse("loans:track")
    assert client.post("/loans/track/application/cancel/", {"confirm": "on"}).status_code == 403


def test_a_returned_application_is_corrected_and_resubmitted_from_the_tracker(client, home_page):
    application = LoanApplicationFactory(returned=True)
    open_tracker(client, application)
    body = client.get("/loans/track/application/").content.decode()
    assert "برگشت برای اصلاح" in body and "تصویر کارت دانشجویی را پیوست کنید." in body
    data = {
        "student_number": application.student_number,
        "full_name": application.full_name,
        "faculty": application.faculty,
        "degree": application.degree,
        "mobile": application.mobile,
        "email": "",
        "sheba": application.sheba,
        "requested_amount": "۲۵۰۰۰۰۰۰",
        "note": "کارت پیوست شد",
        "documents": SimpleUploadedFile("card.pdf", PDF, "application/pdf"),
    }
    response = client.post("/loans/track/application/correct/", data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == S.SUBMITTED
    assert application.requested_amount == 25_000_000
    assert application.documents.get().round == 1
    after = client.get("/loans/track/application/").content.decode()
    assert 'data-stage="submitted"' in after


def test_the_student_cancels_before_review_from_the_tracker(client, home_page):
    application = LoanApplicationFactory()
    open_tracker(client, application)
    assert "track/application/cancel/" in client.get("/loans/track/application/").content.decode()
    client.post("/loans/track/application/cancel/", {"confirm": "on"})
    application.refresh_from_db()
    assert application.stage == S.CANCELLED


def test_the_tracker_follows_the_moves_of_the_staff(client, home_page, expert):
    application = LoanApplicationFactory()
    open_tracker(client, application)
    assert 'data-stage="submitted"' in client.get("/loans/track/application/").content.decode()
    workflow.move(application, S.UNDER_REVIEW, roles=roles_of(expert), user=expert)
    assert 'data-stage="under_review"' in client.get("/loans/track/application/").content.decode()


def test_closing_the_tracker_forgets_the_application(client, home_page):
    application = LoanApplicationFactory()
    open_tracker(client, application)
    client.post("/loans/track/close/")
    assert client.get("/loans/track/application/").status_code == 302
