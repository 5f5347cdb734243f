"""Document amounts stay within the request and the loan type's maximum; document and
bank references keep their punctuation (only their digits are normalised)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from services.loans import workflow
from services.loans.enums import LoanStage as S

from .factories import LoanApplicationFactory, LoanTypeFactory
from .test_admin import move
from .test_workflow import roles_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    loan_type = LoanTypeFactory(max_amount=150_000_000)
    return LoanApplicationFactory(eligible=True, loan_type=loan_type, requested_amount=120_000_000)


def issue(client, application, amount):
    return move(
        client,
        application,
        S.DOCUMENT_ISSUED,
        document_number="DOC-۱۴۰۴/۷۷",
        document_date="۱۴۰۴/۰۸/۰۱",
        document_amount=amount,
    )


@pytest.mark.parametrize(
    "amount, message",
    [
        ("۲۰۰٬۰۰۰٬۰۰۰", "بیشینهٔ این نوع وام"),
        ("۱۳۰٬۰۰۰٬۰۰۰", "مبلغ درخواستی"),
    ],
)
def test_a_document_above_the_request_or_the_maximum_is_refused_in_persian(
    client, officer, application, amount, message
):
    client.force_login(officer)
    response = issue(client, application, amount)
    assert response.status_code == 200
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.stage == S.ELIGIBLE and application.document_amount is None


def test_the_workflow_refuses_it_too_so_no_batch_can_carry_it(officer, application):
    with pytest.raises(ValidationError):
        workflow.move(
            application,
            S.DOCUMENT_ISSUED,
            roles=roles_of(officer),
            user=officer,
            document_number="55",
            document_date=dt.date(2025, 10, 7),
            document_amount=200_000_000,
        )
    application.refresh_from_db()
    assert application.stage == S.ELIGIBLE


def test_a_document_within_the_request_is_issued_with_its_number_as_typed(
    client, officer, application
):
    client.force_login(officer)
    assert issue(client, application, "۱۲۰٬۰۰۰٬۰۰۰").status_code == 302
    application.refresh_from_db()
    assert application.stage == S.DOCUMENT_ISSUED
    assert application.document_amount == 120_000_000
    assert application.document_number == "DOC-1404/77"


def test_bank_and_fund_references_keep_their_hyphens(client, liaison):
    application = LoanApplicationFactory(confirmed=True)
    client.force_login(liaison)
    response = move(
        client,
        application,
        S.DEPOSITED,
        deposited_on="۱۴۰۴/۰۸/۱۰",
        bank_reference="BNK-۷۷۸۸۱۲",
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.bank_reference == "BNK-778812"
