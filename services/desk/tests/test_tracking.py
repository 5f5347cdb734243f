"""Follow-up at /track/: code plus mobile, the tracking session, throttling, privacy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.desk import meetings, workflow
from services.desk.enums import Actor, MeetingStatus, RequestStatus
from services.desk.models import MeetingProposal, RequestMessage

from .conftest import PDF_BYTES
from .factories import RequestMessageFactory, ServiceRequestFactory
from .test_meetings import at, next_day

pytestmark = pytest.mark.django_db

NO_MATCH = "درخواستی با این کد رهگیری و شمارهٔ همراه پیدا نشد"


def open_request(client, service_request, mobile=None):
    return client.post(
        "/track/",
        {"code": service_request.tracking_code, "mobile": mobile or service_request.mobile},
    )


def test_track_is_at_the_short_address_and_under_the_desk(client, units):
    assert client.get("/track/").status_code == 200
    assert client.get("/en/track/").status_code == 200
    response = client.get("/desk/track/")
    assert response.status_code == 302 and response["Location"] == "/track/"


def test_code_and_mobile_open_the_request_in_the_session_not_the_url(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    code = service_request.tracking_code
    typed = "-".join([code[:4], code[4:8], code[8:]]).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    response = client.post("/track/", {"code": typed, "mobile": "+98 912 123 4567"})
    assert response.status_code == 302
    assert response["Location"] == "/track/request/"
    assert code not in response["Location"] and "0912" not in response["Location"]
    page = client.get("/track/request/")
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("no-store") and "private" in page["Cache-Control"]
    body = page.content.decode()
    # The subject as typed, its digits shown in Persian (the stored value is unchanged).
    assert service_request.subject.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in body
    assert "جدید" in body  # status in Persian
    assert "۱۴" in body  # a Jalali year in Persian digits


def test_a_wrong_code_and_a_wrong_mobile_give_the_same_message(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    wrong_mobile = client.post(
        "/track/", {"code": service_request.tracking_code, "mobile": "09350000000"}
    )
    wrong_code = client.post("/track/", {"code": "123412341234", "mobile": service_request.mobile})
    assert wrong_mobile.status_code == wrong_code.status_code == 200
    assert NO_MATCH in wrong_mobile.content.decode()
    assert NO_MATCH in wrong_code.content.decode()

    def errors(response):
        return response.context["form"].errors

    assert errors(wrong_mobile) == errors(wrong_code)
    assert client.get("/track/request/").status_code == 302  # nothing opened


def test_lookups_are_throttled_per_client(client, units, settings):
    settings.DESK_TRACK_LIMIT = (3, 600)
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    for _ in range(3):
        client.post("/track/", {"code": "111111111111", "mobile": "09121111111"})
    response = open_request(client, service_request)
    assert response.status_code == 429
    other = type(client)(REMOTE_ADDR="10.9.9.9")
    assert open_request(other, service_request).status_code == 302


def test_nothing_internal_shows_to_the_citizen(client, units, welfare_staff):
    service_request = ServiceRequestFactory(unit=units["welfare-office"], in_progress=True)
    RequestMessageFactory(request=service_request, note=True, author=welfare_staff)
    RequestMessageFactory(request=service_request, body="پاسخ عمومی واحد", author=welfare_staff)
    open_request(client, service_request)
    body = client.get("/track/request/").content.decode()
    assert "پاسخ عمومی واحد" in body
    assert "یادداشت داخلی کارکنان" not in body
    assert welfare_staff.username not in body and welfare_staff.first_name not in body


def test_the_citizen_writes_with_documents_and_a_wait_ends(
    client, units, welfare_staff, django_capture_on_commit_callbacks
):
    service_request = ServiceRequestFactory(unit=units["welfare-office"], in_progress=True)
    workflow.change_status(
        service_request, RequestStatus.WAITING, actor=Actor.STAFF, user=welfare_staff
    )
    assert service_request.due_at is None  # the clock is paused
    open_request(client, service_request)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/track/request/message/",
            {
                "body": "مدرک خواسته‌شده پیوست است.",
                "attachments": [SimpleUploadedFile("سند.pdf", PDF_BYTES)],
            },
        )
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_PROGRESS
    assert service_request.due_at is not None
    message = RequestMessage.objects.get(request=service_request, kind="citizen")
    attachment = message.attachments.get()
    download = client.get(f"/track/request/files/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_message_with_a_bad_file_is_refused_and_nothing_is_saved(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    open_request(client, service_request)
    response = client.post(
        "/track/request/message/",
        {"body": "متن", "attachments": [SimpleUploadedFile("a.pdf", b"MZ\x90not a pdf")]},
    )
    assert response.status_code == 400
    assert "a.pdf" in response.content.decode()
    assert not RequestMessage.objects.filter(request=service_request).exists()


def test_downloads_need_the_tracking_session_of_that_request(client, units):
    mine = ServiceRequestFactory(unit=units["welfare-office"])
    other = ServiceRequestFactory(unit=units["welfare-office"], mobile="09129999999")
    workflow.citizen_message(other, body="x", attachments=[])
    from services.desk.models import Attachment

    attachment = Attachment.objects.create(
        request=other,
        original_name="a.pdf",
        kind="pdf",
        size=3,
        sha256="0" * 64,
        file="desk/none.pdf",
    )
    assert client.get(f"/track/request/files/{attachment.pk}/").status_code == 403
    open_request(client, mine)
    assert client.get(f"/track/request/files/{attachment.pk}/").status_code == 404


def test_withdraw_and_then_no_more_messages(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    open_request(client, service_request)
    assert client.post("/track/request/withdraw/", {"confirm": "on"}).status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.WITHDRAWN
    client.post("/track/request/message/", {"body": "دوباره"})
    assert not RequestMessage.objects.filter(request=service_request).exists()


def test_rating_once_the_request_is_answered(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"], in_progress=True)
    open_request(client, service_request)
    client.post("/track/request/rate/", {"rating": "5"})
    service_request.refresh_from_db()
    assert service_request.rating is None  # not answered yet
    workflow.change_status(service_request, RequestStatus.ANSWERED, actor=Actor.STAFF)
    assert "به پاسخ امتیاز دهید" in client.get("/track/request/").content.decode()
    client.post("/track/request/rate/", {"rating": "4", "comment": "خوب بود"})
    service_request.refresh_from_db()
    assert (service_request.rating, service_request.rating_comment) == (4, "خوب بود")
    client.post("/track/request/rate/", {"rating": "1"})
    service_request.refresh_from_db()
    assert service_request.rating == 4  # rated once


def test_the_citizen_accepts_a_proposed_meeting(client, units, welfare_staff):
    service_request = ServiceRequestFactory(unit=units["welfare-office"], meeting=True)
    proposal = meetings.propose_meeting(
        service_request,
        user=welfare_staff,
        starts_at=at(next_day(0), 10),
        official_name="دکتر رضایی",
        location="ساختمان مرکزی",
    )
    open_request(client, service_request)
    assert "این زمان را می‌پذیرم" in client.get("/track/request/").content.decode()
    client.post("/track/request/meeting/", {"proposal": proposal.pk, "decision": "accept"})
    assert MeetingProposal.objects.get().status == MeetingStatus.ACCEPTED


def test_closing_forgets_the_request_on_this_device(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    open_request(client, service_request)
    client.post("/track/close/")
    assert client.get("/track/request/").status_code == 302


def test_the_tracking_session_expires(client, units, settings):
    settings.DESK_TRACKING_SESSION_AGE = -1
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    open_request(client, service_request)
    assert client.get("/track/request/").status_code == 302
