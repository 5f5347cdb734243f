"""The student hears about every step that concerns them: once per channel, in the
language they applied in, with the tracker's link."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from cms import sms
from services.loans import workflow
from services.loans.enums import LoanStage
from services.loans.roles import roles_of

from .test_public import form_data
from .test_workflow import student

S = LoanStage
pytestmark = pytest.mark.django_db
MOBILE = "09121234567"
EMAIL = "maryam@example.com"


@pytest.fixture(autouse=True)
def _outboxes(settings):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    settings.PORTAL_BASE_URL = "https://portal.example.ac.ir"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def texts():
    return [message.body for message in sms.outbox if message.to == MOBILE]


def step(capture, application, target, user, **data):
    """One move, committed; returns the SMS and emails it sent."""
    sent_sms, sent_mail = len(sms.outbox), len(mail.outbox)
    with capture(execute=True):
        workflow.move(application, target, roles=roles_of(user), user=user, **data)
    return sms.outbox[sent_sms:], mail.outbox[sent_mail:]


def test_submitting_the_form_sends_one_sms_and_one_email_in_persian(
    client, home_page, loan_type, window, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/loans/apply/tuition/", form_data(mobile=MOBILE, email=EMAIL))
    assert response.status_code == 302
    assert len(sms.outbox) == 1 and len(mail.outbox) == 1
    text = sms.outbox[0].body
    assert sms.outbox[0].to == MOBILE
    assert "کد رهگیری" in text and "وام شهریه" in text
    assert "https://portal.example.ac.ir/loans/track/" in text
    email = mail.outbox[0]
    assert email.to == [EMAIL] and "ثبت شد" in email.subject
    assert "https://portal.example.ac.ir/loans/track/" in email.body


def test_an_application_made_in_english_is_answered_in_english(
    client, home_page, loan_type, window, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/loans/apply/tuition/", form_data(mobile=MOBILE, email=EMAIL))
    (text,) = texts()
    assert "Your application for Tuition loan was received" in text
    assert "https://portal.example.ac.ir/en/loans/track/" in text
    assert "was received" in mail.outbox[0].subject


def test_every_stage_that_concerns_the_student_is_told_once_per_channel(
    loan_type, window, expert, officer, liaison, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        application = workflow.submit_application(
            loan_type=loan_type, window=window, student=student(email=EMAIL)
        )
    assert len(texts()) == 1 and len(mail.outbox) == 1

    told = {}
    moves = [
        (S.UNDER_REVIEW, expert, {}),
        (S.RETURNED, expert, {"note": "گواهی اشتغال به تحصیل را پیوست کنید."}),
    ]
    for target, user, data in moves:
        told[target] = step(capture, application, target, user, **data)
    with capture(execute=True):
        workflow.resubmit(application, changes={}, note="پیوست شد")
    told["resubmitted"] = (sms.outbox[2:], mail.outbox[2:])
    for target, user, data in [
        (S.UNDER_REVIEW, expert, {}),
        (S.ELIGIBLE, expert, {}),
        (
            S.DOCUMENT_ISSUED,
            officer,
            {
                "document_number": "1404-5521",
                "document_date": dt.date(2025, 10, 7),
                "document_amount": 40_000_000,
            },
        ),
    ]:
        told[target] = step(capture, application, target, user, **data)
    before = len(sms.outbox)
    with capture(execute=True):
        workflow.create_batch(user=liaison, roles=roles_of(liaison))
    assert len(sms.outbox) == before  # "sent to the fund" is the office's business
    told[S.CONFIRMED] = step(
        capture, application, S.CONFIRMED, liaison, fund_confirmed_on=dt.date(2025, 10, 20)
    )
    told[S.DEPOSITED] = step(
        capture,
        application,
        S.DEPOSITED,
        liaison,
        deposited_on=dt.date(2025, 10, 25),
        bank_reference="BR-9912",
    )

    expected = {
        S.RETURNED: "برگشت برای اصلاح",
        "resubmitted": "اصلاح‌شده",
        S.ELIGIBLE: "تأیید شرایط",
        S.DOCUMENT_ISSUED: "صدور سند",
        S.DEPOSITED: "واریز به حساب",
    }
    for event, (texts_sent, mails_sent) in told.items():
        if event in expected:
            assert len(texts_sent) == 1 and len(mails_sent) == 1, event
            assert expected[event] in texts_sent[0].body, (event, texts_sent[0].body)
            assert "/loans/track/" in texts_sent[0].body
            assert mails_sent[0].to == [EMAIL]
        else:
            assert texts_sent == [] and mails_sent == [], event
    returned_mail = told[S.RETURNED][1][0]
    assert "گواهی اشتغال به تحصیل را پیوست کنید." in returned_mail.body
    # The national code is never in a message.
    assert all(application.national_code not in m.body for m in sms.outbox)


def test_a_rejection_tells_the_reason_by_email(
    loan_type, window, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = workflow.submit_application(
            loan_type=loan_type, window=window, student=student(email=EMAIL)
        )
    step(django_capture_on_commit_callbacks, application, S.UNDER_REVIEW, expert)
    texts_sent, mails_sent = step(
        django_capture_on_commit_callbacks,
        application,
        S.REJECTED,
        expert,
        note="معدل شما کمتر از حد لازم است.",
    )
    assert len(texts_sent) == 1 and "رد" in texts_sent[0].body
    assert len(mails_sent) == 1 and "معدل شما کمتر از حد لازم است." in mails_sent[0].body


def test_a_refused_move_tells_nobody(
    loan_type, window, expert, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = workflow.submit_application(
            loan_type=loan_type, window=window, student=student()
        )
    step(django_capture_on_commit_callbacks, application, S.UNDER_REVIEW, expert)
    step(django_capture_on_commit_callbacks, application, S.ELIGIBLE, expert)
    before = len(sms.outbox)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        workflow.move(
            application,
            S.DOCUMENT_ISSUED,
            roles=roles_of(officer),
            user=officer,
            document_number="1404-1",
            document_date=dt.date(2025, 10, 7),
            document_amount=900_000_000,
        )
    assert len(sms.outbox) == before


def test_stage_messages_follow_the_language_of_the_application(
    loan_type, window, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = workflow.submit_application(
            loan_type=loan_type, window=window, student=student(email=EMAIL), language="en"
        )
    step(django_capture_on_commit_callbacks, application, S.UNDER_REVIEW, expert)
    texts_sent, mails_sent = step(
        django_capture_on_commit_callbacks, application, S.RETURNED, expert, note="Add the bill."
    )
    (text,) = [m.body for m in texts_sent]
    assert "Returned to you for correction" in text and "/en/loans/track/" in text
    assert "Add the bill." in mails_sent[0].body and "What to correct" in mails_sent[0].body
