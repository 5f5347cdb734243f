"""The citizen's forms at /desk/: validation in Persian, all-or-nothing saves, routing."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cms import sms
from services.desk.enums import RequestChannel, RequestStatus
from services.desk.models import Attachment, ServiceRequest

from .conftest import PDF_BYTES, PNG_BYTES, docx_bytes

pytestmark = pytest.mark.django_db


def citizen(**extra):
    return {
        "name": "مريم احمدي",  # Arabic ي, normalised to Persian ی
        "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "email": "maryam@example.com",
        "national_code": "",
        "subject": "درخواست گواهی",
        "body": "لطفاً گواهی اشتغال به تحصیل صادر شود.",
        **extra,
    }


def test_hub_lists_the_channels_in_persian(client, units):
    response = client.get("/desk/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("درخواست برخط", "نامهٔ برخط", "شکایت", "درخواست ملاقات"):
        assert text in body
    assert 'href="/track/"' in body
    assert client.get("/en/desk/").status_code == 200


def test_a_request_with_a_pdf_is_saved_with_a_code_and_the_citizen_is_told(
    client, units, settings, django_capture_on_commit_callbacks
):
    data = citizen(unit=units["welfare-office"].pk)
    data["attachments"] = [SimpleUploadedFile("مدرک.pdf", PDF_BYTES, "application/pdf")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/desk/request/", data)
    assert response.status_code == 302 and response["Location"] == "/desk/done/"
    service_request = ServiceRequest.objects.get()
    assert service_request.channel == RequestChannel.REQUEST
    assert service_request.status == RequestStatus.NEW
    assert service_request.unit == units["welfare-office"]
    assert service_request.name == "مریم احمدی"
    assert service_request.mobile == "09121234567"
    assert len(service_request.tracking_code) == 12 and service_request.tracking_code.isdigit()
    assert service_request.due_at is not None
    attachment = Attachment.objects.get()
    assert attachment.kind == "pdf" and attachment.original_name == "مدرک.pdf"
    stored = settings.PRIVATE_MEDIA_ROOT / attachment.file.name
    assert stored.read_bytes() == PDF_BYTES
    assert "مدرک" not in attachment.file.name
    # Confirmation: the code from the session, never in the URL.
    done = client.get("/desk/done/")
    assert done["Cache-Control"].startswith("no-store")
    code = service_request.tracking_code
    grouped = "-".join(code[i : i + 4] for i in range(0, 12, 4))
    persian = grouped.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert persian in done.content.decode()
    assert len(mail.outbox) == 1 and persian in mail.outbox[0].body
    assert mail.outbox[0].to == ["maryam@example.com"]
    assert sms.outbox[0].to == "09121234567" and persian in sms.outbox[0].body


def test_links_in_the_sms_and_email_use_the_base_url_whatever_the_host_header(
    client, units, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://portal.arakmu.ac.ir"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/desk/request/",
            citizen(unit=units["welfare-office"].pk),
            HTTP_HOST="attacker.example",
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    (text,) = sms.outbox
    for body in (message.body, text.body):
        assert "https://portal.arakmu.ac.ir/track/" in body
        assert "attacker.example" not in body and "127.0.0.1" not in body


def test_a_letter_for_a_catalog_service_goes_to_the_service_unit(client, units, service):
    response = client.post("/desk/letter/", citizen(service=service.pk))
    assert response.status_code == 302
    letter = ServiceRequest.objects.get()
    assert letter.channel == RequestChannel.LETTER
    assert letter.service == service and letter.unit == units["welfare-office"]


def test_errors_are_in_persian_next_to_each_field_and_typed_values_are_kept(client, units):
    data = citizen(mobile="12345", national_code="1234567890", unit="")
    data["attachments"] = [
        SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf")
    ]
    response = client.post("/desk/request/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "شمارهٔ همراه معتبر" in body  # mobile
    assert "کد ملی معتبر نیست" in body  # national code checksum
    assert "واحد" in body and 'id="field-unit"' in body
    assert "PDF" in body and "x.pdf" in body  # the disguised file, named
    assert 'value="درخواست گواهی"' in body  # the subject as typed
    assert "لطفاً گواهی اشتغال به تحصیل صادر شود." in body
    assert ServiceRequest.objects.count() == 0
    # Each error sits inside its field's block.
    mobile_block = body.split('id="field-mobile"')[1].split('id="field-email"')[0]
    assert 'id="id_mobile_error"' in mobile_block


def test_fields_the_form_does_not_show_are_never_taken_from_the_post(client, units):
    data = citizen(
        unit=units["welfare-office"].pk,
        status="answered",
        tracking_code="111122223333",
        channel="complaint",
        due_at="2000-01-01",
    )
    client.post("/desk/request/", data)
    service_request = ServiceRequest.objects.get()
    assert service_request.status == RequestStatus.NEW
    assert service_request.tracking_code != "111122223333"
    assert service_request.channel == RequestChannel.REQUEST


def test_a_failing_attachment_leaves_nothing_behind(client, units, monkeypatch, settings):
    from cms.uploads import PrivateStorage

    original = PrivateStorage._save
    calls = []

    def failing_save(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, name, content)

    monkeypatch.setattr(PrivateStorage, "_save", failing_save)
    data = citizen(unit=units["welfare-office"].pk)
    data["attachments"] = [
        SimpleUploadedFile("a.pdf", PDF_BYTES, "application/pdf"),
        SimpleUploadedFile("b.png", PNG_BYTES, "image/png"),
    ]
    with pytest.raises(OSError):
        client.post("/desk/request/", data)
    assert ServiceRequest.objects.count() == 0
    assert Attachment.objects.count() == 0
    root = settings.PRIVATE_MEDIA_ROOT
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]
    assert mail.outbox == [] and sms.outbox == []


def test_oversized_and_too_many_files_are_refused_with_a_clear_message(client, units, settings):
    settings.PORTAL_UPLOAD_MAX_SIZE = 1000
    data = citizen(unit=units["welfare-office"].pk)
    data["attachments"] = [SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2000)]
    body = client.post("/desk/request/", data).content.decode()
    assert "big.pdf" in body and "حداکثر" in body
    settings.PORTAL_UPLOAD_MAX_FILES = 1
    data["attachments"] = [
        SimpleUploadedFile("a.pdf", PDF_BYTES),
        SimpleUploadedFile("b.docx", docx_bytes()),
    ]
    body = client.post("/desk/request/", data).content.decode()
    assert "حداکثر" in body
    assert ServiceRequest.objects.count() == 0


def test_a_complaint_goes_to_the_inspection_unit_and_names_the_unit_it_is_about(client, units):
    data = citizen(concerned_unit=units["it-statistics"].pk, subject="شکایت از کندی سامانه")
    data["attachments"] = [SimpleUploadedFile("shot.png", PNG_BYTES, "image/png")]
    assert client.post("/desk/complaint/", data).status_code == 302
    complaint = ServiceRequest.objects.get()
    assert complaint.channel == RequestChannel.COMPLAINT
    assert complaint.unit == units["inspection-complaints"]
    assert complaint.concerned_unit == units["it-statistics"]


def test_without_an_inspection_unit_a_complaint_goes_to_the_unit_itself(client, units, settings):
    settings.DESK_COMPLAINTS_UNIT_SLUG = ""
    data = citizen(concerned_unit=units["it-statistics"].pk)
    client.post("/desk/complaint/", data)
    assert ServiceRequest.objects.get().unit == units["it-statistics"]


def test_a_meeting_request_names_the_official_and_shows_office_hours(client, units):
    from sitepages.tests.factories import OfficeHoursFactory, OfficialFactory

    unit = units["health-deputy"]
    official = OfficialFactory(page=unit, head=True, name="دکتر کریمی", post="معاون بهداشت")
    OfficialFactory(page=unit, name="کارشناس بی‌ملاقات")
    OfficeHoursFactory(page=unit)
    page = client.get(f"/desk/meeting/?unit={unit.pk}").content.decode()
    assert "دکتر کریمی" in page and "کارشناس بی‌ملاقات" not in page
    assert "۰۷:۳۰" in page  # office hours in Persian digits
    data = citizen(
        unit=unit.pk, official=official.pk, preferred_days=["5", "6"], preferred_times="۹ تا ۱۱"
    )
    assert client.post("/desk/meeting/", data).status_code == 302
    meeting = ServiceRequest.objects.get()
    assert meeting.channel == RequestChannel.MEETING
    assert meeting.unit == unit and meeting.official == official
    assert "دکتر کریمی" in meeting.official_name
    assert meeting.preferred_days == "شنبه، یکشنبه" and meeting.preferred_times == "9 تا 11"


def test_unknown_channel_is_404(client, units):
    assert client.get("/desk/nothing/").status_code == 404


def test_submissions_are_throttled_per_client(client, units, settings):
    settings.DESK_SUBMIT_LIMIT = (2, 3600)
    data = citizen(unit=units["welfare-office"].pk)
    assert client.post("/desk/request/", data).status_code == 302
    assert client.post("/desk/request/", data).status_code == 302
    assert client.post("/desk/request/", data).status_code == 429
    assert ServiceRequest.objects.count() == 2
