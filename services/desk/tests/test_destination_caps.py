"""SMS and email bombing: many clients, one victim's mobile number and mailbox."""

import pytest
from django.core import mail

from cms import sms
from services.desk.models import ServiceRequest

from .test_public import citizen

pytestmark = pytest.mark.django_db


def test_24_submissions_from_24_addresses_send_at_most_5_messages_to_one_mobile(
    client, units, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_SMS_DESTINATION_LIMIT = (5, 3600)
    settings.PORTAL_EMAIL_DESTINATION_LIMIT = (5, 3600)
    data = citizen(unit=units["welfare-office"].pk)
    for number in range(24):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/desk/request/", data, REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 302
    # Every request is kept (and its code shown to whoever sent it) ...
    assert ServiceRequest.objects.count() == 24
    # ... but the phone and the mailbox are not flooded.
    assert len([m for m in sms.outbox if m.to == "09121234567"]) == 5
    assert len([m for m in mail.outbox if m.to == ["maryam@example.com"]]) == 5
    # Another citizen is not held back by the flood.
    other = citizen(unit=units["welfare-office"].pk, mobile="09351112233", email="b@example.ir")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/request/", other, REMOTE_ADDR="198.51.100.200")
    assert sms.outbox[-1].to == "09351112233"
    assert mail.outbox[-1].to == ["b@example.ir"]
