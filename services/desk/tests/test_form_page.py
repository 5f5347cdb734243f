"""Editor-built service forms: their submissions become desk requests."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from services.desk.enums import RequestChannel
from services.desk.models import ServiceFormField, ServiceFormPage, ServiceRequest

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(home_page, units, service):
    page = ServiceFormPage(title="درخواست گواهی", slug="certificate", service=service)
    page.form_fields = [
        ServiceFormField(label="شمارهٔ دانشجویی", field_type="singleline", required=True),
        ServiceFormField(label="name", field_type="singleline", required=False),
        ServiceFormField(
            label="مقطع", field_type="dropdown", choices="کارشناسی\nکارشناسی ارشد", required=True
        ),
    ]
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_form_shows_fixed_fields_and_the_editors_questions(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "شمارهٔ دانشجویی" in body and 'name="mobile"' in body and 'name="attachments"' in body
    assert response["Cache-Control"].startswith("no-store")


def questions(page):
    return {field.label: f"q_{field.clean_name}" for field in page.form_fields.all()}


def test_a_submission_becomes_a_request_in_the_services_unit_queue(client, form_page, units):
    names = questions(form_page)
    response = client.post(
        form_page.url,
        {
            "name": "علی رضایی",
            "mobile": "09121234567",
            names["name"]: "نام در گواهی",
            names["شمارهٔ دانشجویی"]: "۴۰۱۲۳۴۵",
            names["مقطع"]: "کارشناسی",
            "attachments": [SimpleUploadedFile("a.pdf", PDF_BYTES)],
        },
    )
    form = getattr(response, "context", None) and response.context.get("form")
    assert response.status_code == 302, form.errors if form else response
    assert response["Location"] == "/desk/done/"
    service_request = ServiceRequest.objects.get()
    assert service_request.channel == RequestChannel.FORM
    assert service_request.form_page.pk == form_page.pk
    assert service_request.unit == units["welfare-office"]
    assert service_request.name == "علی رضایی"  # not replaced by the question "name"
    assert ["شمارهٔ دانشجویی", "4012345"] in service_request.form_data
    assert service_request.attachments.count() == 1
    assert "۴۰۱۲۳۴۵" not in service_request.body
    assert form_page.get_submissions().count() == 0  # only behind the desk's fence


def test_errors_keep_what_was_typed(client, form_page):
    names = questions(form_page)
    response = client.post(
        form_page.url, {"name": "علی", "mobile": "123", names["مقطع"]: "کارشناسی"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="علی"' in body and "شمارهٔ همراه معتبر" in body
    assert ServiceRequest.objects.count() == 0


def test_a_form_page_needs_a_service_or_a_unit(home_page):
    page = ServiceFormPage(title="بی‌واحد", slug="nowhere")
    with pytest.raises(ValidationError):
        page.clean()


def test_a_service_with_its_own_form_page_starts_there(form_page, service):
    from cms.plugins import registry

    assert registry.service_start_url(service) == form_page.url
