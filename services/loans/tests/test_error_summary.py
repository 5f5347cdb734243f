"""The loan forms after a failed submit: the error summary and wired messages."""

import pytest

from cms.tests.form_a11y import assert_error_summary

from .factories import LoanApplicationFactory, persian_digits
from .test_public import form_data

pytestmark = pytest.mark.django_db


def test_a_failed_application_lists_the_fields_in_error(client, home_page, loan_type, window):
    bad = form_data(national_code="1234567890", sheba="IR00", requested_amount="", confirm="")
    response = client.post("/loans/apply/tuition/", bad)
    fields = ["national_code", "sheba", "requested_amount", "confirm"]
    assert_error_summary(response.content.decode(), fields)


def test_a_failed_lookup_lists_its_fields(client, home_page):
    response = client.post("/loans/track/", {"code": "", "national_code": ""})
    assert_error_summary(response.content.decode(), ["code", "national_code"])


def test_a_failed_correction_lists_the_fields_in_error(client, home_page):
    application = LoanApplicationFactory(returned=True)
    client.post(
        "/loans/track/",
        {
            "code": persian_digits(application.formatted_code),
            "national_code": application.national_code,
        },
    )
    response = client.post("/loans/track/application/correct/", {"full_name": "", "mobile": "0912"})
    assert_error_summary(response.content.decode(), ["full_name", "mobile"], "correction-errors")
