"""When the loan service (LOAN-01) is terminated, the loans plugin stops taking
applications and says so in Persian; students still follow theirs up."""

import datetime as dt

import pytest

from sla.models import ServiceTermination
from sla.tests.factories import ServiceFactory, make_units

from .factories import LoanApplicationFactory, LoanTypeFactory, persian_digits

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan_service(home_page):
    units = make_units(home_page)
    return ServiceFactory(code="LOAN-01", responsible_unit=units["welfare-office"])


def test_a_terminated_loan_service_takes_no_applications_but_the_tracker_works(
    client, loan_service
):
    loan_type = LoanTypeFactory()
    application = LoanApplicationFactory()
    assert client.get("/loans/").status_code == 200
    ServiceTermination.objects.create(
        service=loan_service,
        ended_on=dt.date(2026, 4, 4),
        terminated_by_name="rector",
        archive_path="/srv/portal/backups/termination-LOAN-01.tar.gz.age",
        archive_sha256="c" * 64,
    )
    ended = "این خدمت در تاریخ ۱۵ فروردین ۱۴۰۵ پایان یافت"
    assert ended in client.get("/loans/").content.decode()
    form = client.get(f"/loans/apply/{loan_type.slug}/").content.decode()
    assert ended in form and 'name="sheba"' not in form
    posted = client.post(f"/loans/apply/{loan_type.slug}/", {"full_name": "علی"})
    assert ended in posted.content.decode()

    opened = client.post(
        "/loans/track/",
        {
            "code": persian_digits(application.formatted_code),
            "national_code": persian_digits(application.national_code),
        },
    )
    assert opened["Location"] == "/loans/track/application/"
    assert client.get("/loans/track/application/").status_code == 200
