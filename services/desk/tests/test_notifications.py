"""One notification per event per channel: a staff reply is one email and one SMS."""

import pytest
from django.core import mail

from cms import sms
from services.desk.enums import RequestStatus

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/desk/requests"


@pytest.fixture
def welfare_request(units):
    return ServiceRequestFactory(unit=units["welfare-office"], email="maryam@example.com")


def citizen_messages(service_request):
    emails = [m for m in mail.outbox if service_request.email in m.to]
    texts = [m for m in sms.outbox if m.to == service_request.mobile]
    return emails, texts


@pytest.mark.parametrize("then", ["", "answered", "waiting"])
def test_one_staff_reply_sends_one_email_and_one_sms(
    client, welfare_staff, welfare_request, then, django_capture_on_commit_callbacks
):
    client.force_login(welfare_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{BASE}/reply/{welfare_request.pk}/", {"body": "پاسخ کارشناس", "then": then}
        )
    assert response.status_code == 302
    welfare_request.refresh_from_db()
    assert welfare_request.status == (then or RequestStatus.IN_PROGRESS)
    emails, texts = citizen_messages(welfare_request)
    assert len(emails) == 1 and "پاسخ کارشناس" in emails[0].body
    assert len(texts) == 1


def test_a_status_change_alone_sends_one_email_and_one_sms(
    client, welfare_staff, units, django_capture_on_commit_callbacks
):
    service_request = ServiceRequestFactory(unit=units["welfare-office"], in_progress=True)
    client.force_login(welfare_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{BASE}/transition/{service_request.pk}/",
            {"to_status": "rejected", "reason": "مدارک ناقص است"},
        )
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.REJECTED
    emails, texts = citizen_messages(service_request)
    assert len(emails) == 1 and len(texts) == 1
