"""Someone else's national code on the loan form reveals nothing about its owner."""

import pytest

from cms import sms
from services.loans import workflow
from services.loans.models import LoanApplication

from .factories import ApplicationWindowFactory, LoanTypeFactory, national_code
from .test_public import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing(home_page):
    loan_type = LoanTypeFactory(slug="housing", name="ودیعه مسکن متأهلین")
    ApplicationWindowFactory(loan_type=loan_type)
    return loan_type


@pytest.fixture
def victims_application(housing):
    data = {**form_data(7), "national_code": national_code(7), "mobile": "09350000007"}
    data["requested_amount"] = 30_000_000
    return workflow.submit_application(
        loan_type=housing, window=housing.windows.get(), student=data
    )


def test_another_persons_national_code_gets_a_neutral_answer_and_the_owner_gets_the_code(
    client, settings, victims_application
):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    sms.outbox.clear()
    attacker = form_data(7, mobile="09121110000")
    response = client.post("/loans/apply/housing/", attacker)
    assert response.status_code == 200
    body = response.content.decode()
    assert "در حال حاضر امکان ثبت درخواست نیست" in body
    assert "درخواست فعال" not in body and "already have" not in body
    assert victims_application.tracking_code not in body
    assert LoanApplication.objects.count() == 1
    # The code went to the owner's mobile, never to the attacker's.
    assert [m.to for m in sms.outbox] == ["09350000007"]
    code = victims_application.tracking_code
    persian = "-".join(code[i : i + 4] for i in range(0, 12, 4)).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    assert persian in sms.outbox[0].body


def test_the_owner_is_not_flooded_by_repeated_tries(client, settings, victims_application):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    settings.PORTAL_SMS_DESTINATION_LIMIT = (5, 3600)
    sms.outbox.clear()
    for number in range(12):
        client.post("/loans/apply/housing/", form_data(7), REMOTE_ADDR=f"198.51.100.{number}")
    assert len(sms.outbox) == 5
