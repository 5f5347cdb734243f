"""A terminated catalog service (SLA section 7): the desk stops taking requests for it,
and what citizens already sent stays readable at /track/ and by staff."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.formatting import fa_digits
from sla.models import ServiceTermination

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def terminated(service):
    return ServiceTermination.objects.create(
        service=service,
        ended_on=dt.date(2026, 4, 4),  # 15 Farvardin 1405
        terminated_at=timezone.now(),
        terminated_by_name="rector",
        archive_path="/srv/portal/backups/termination-DORM-09.tar.gz.age",
        archive_sha256="a" * 64,
    )


def test_the_desk_form_of_a_terminated_service_says_it_ended(client, service, terminated):
    page = client.get("/desk/request/", {"service": service.code}).content.decode()
    assert "این خدمت در تاریخ ۱۵ فروردین ۱۴۰۵ پایان یافت" in page
    assert 'name="body"' not in page
    # Nor is it offered in the desk's service lists any more.
    plain = client.get("/desk/request/").content.decode()
    assert f'value="{service.pk}"' not in plain


def test_requests_sent_before_the_end_stay_readable_by_their_owner(client, service, units):
    sent = ServiceRequestFactory(unit=units["welfare-office"], service=service)
    ServiceTermination.objects.create(
        service=service,
        ended_on=dt.date(2026, 4, 4),
        terminated_by_name="rector",
        archive_path="/srv/portal/backups/x.tar.gz.age",
        archive_sha256="b" * 64,
    )
    response = client.post("/track/", {"code": sent.tracking_code, "mobile": sent.mobile})
    assert response["Location"] == "/track/request/"
    assert fa_digits(sent.subject) in client.get("/track/request/").content.decode()
