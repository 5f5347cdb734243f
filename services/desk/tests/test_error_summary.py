"""Every public desk form, after a failed submit: the error summary and wired messages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.tests.form_a11y import assert_error_summary
from services.desk import workflow
from services.desk.enums import Actor, RequestStatus

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("channel", "fields"),
    [
        ("request", ["mobile", "subject", "body"]),
        ("letter", ["mobile", "subject", "body"]),
        ("complaint", ["mobile", "subject", "body"]),
        ("meeting", ["mobile", "unit", "official", "subject"]),
    ],
)
def test_a_failed_submit_of_each_channel_lists_the_fields_in_error(client, units, channel, fields):
    response = client.post(f"/desk/{channel}/", {"name": "سعید", "mobile": "0912"})
    assert response.status_code in (200, 400)
    body = response.content.decode()
    form = response.context["form"]
    expected = [name for name in fields if name in form.errors]
    assert "mobile" in expected
    assert_error_summary(body, expected)
    assert "مشکلی وجود دارد" in body  # the summary's heading, in Persian


def test_a_failed_lookup_lists_its_fields(client, units):
    response = client.post("/track/", {"code": "", "mobile": ""})
    assert_error_summary(response.content.decode(), ["code", "mobile"])


def open_request(client, service_request):
    client.post(
        "/track/", {"code": service_request.tracking_code, "mobile": service_request.mobile}
    )


def test_a_failed_follow_up_message_lists_the_file(client, units):
    open_request(client, ServiceRequestFactory(unit=units["welfare-office"]))
    response = client.post(
        "/track/request/message/",
        {"body": "متن", "attachments": [SimpleUploadedFile("a.pdf", b"MZ\x90not a pdf")]},
    )
    assert_error_summary(response.content.decode(), ["attachments"], "message-errors")


def test_a_failed_rating_lists_the_rating(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"], in_progress=True)
    workflow.change_status(service_request, RequestStatus.ANSWERED, actor=Actor.STAFF)
    open_request(client, service_request)
    response = client.post("/track/request/rate/", {"rating": "9"})
    assert_error_summary(response.content.decode(), ["rating"], "rating-errors")
