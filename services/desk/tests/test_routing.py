"""Routing: a request reaches the unit's staff whatever the language of the form."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from wagtail.models import Locale

from cms.demo import ensure_translation
from services.desk.models import ServiceRequest
from sitepages.models import Official

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/desk/requests/"


@pytest.fixture
def english(units):
    en = Locale.objects.get(language_code="en")
    return {
        slug: ensure_translation(unit, en, title=f"{slug} (en)") for slug, unit in units.items()
    }


def citizen(**extra):
    return {
        "name": "Maryam Ahmadi",
        "mobile": "09121234567",
        "email": "maryam@example.com",
        "subject": "Enrolment certificate",
        "body": "Please issue an enrolment certificate.",
        **extra,
    }


def offered_units(client, url, field="unit"):
    form = client.get(url).context["form"]
    return {unit.pk for unit in form.fields[field].queryset}


def test_each_form_offers_the_units_of_its_own_language_once(client, units, english):
    persian = {unit.pk for unit in units.values()}
    translated = {unit.pk for unit in english.values()}
    assert persian <= offered_units(client, "/desk/request/")
    assert not translated & offered_units(client, "/desk/request/")
    assert not translated & offered_units(client, "/desk/complaint/", "concerned_unit")
    assert translated <= offered_units(client, "/en/desk/request/")
    assert not persian & offered_units(client, "/en/desk/letter/")
    body = client.get("/desk/request/").content.decode()
    assert "welfare-office (en)" not in body


def test_meeting_form_lists_each_official_once_in_the_page_language(client, units, english):
    Official.objects.create(
        page=units["health-deputy"], name="دکتر رضایی", post="معاون", accepts_meetings=True
    )
    en_page = english["health-deputy"]
    Official.objects.create(page=en_page, name="Dr Rezaei", post="Deputy", accepts_meetings=True)
    fa_body = client.get(f"/desk/meeting/?unit={units['health-deputy'].pk}").content.decode()
    en_body = client.get(f"/en/desk/meeting/?unit={en_page.pk}").content.decode()
    # A unit of the other language is not offered on the page: a 400, not its officials.
    assert client.get(f"/desk/meeting/?unit={en_page.pk}").status_code == 400
    assert "دکتر رضایی" in fa_body and "Dr Rezaei" not in fa_body
    assert "Dr Rezaei" in en_body and "دکتر رضایی" not in en_body


def test_the_same_request_from_fa_and_en_lands_in_the_same_staff_queue(
    client, units, english, welfare_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fa = client.post("/desk/request/", citizen(unit=units["welfare-office"].pk))
        en = client.post("/en/desk/request/", citizen(unit=english["welfare-office"].pk))
    assert fa.status_code == en.status_code == 302
    requests = ServiceRequest.objects.order_by("pk")
    assert [r.unit_id for r in requests] == [units["welfare-office"].pk] * 2
    assert [r.language for r in requests] == ["fa", "en"]
    # The unit's staff member was emailed about both, and sees both in the queue.
    staff_mails = [m for m in mail.outbox if welfare_staff.email in m.to]
    assert len(staff_mails) == 2
    client.force_login(welfare_staff)
    body = client.get(QUEUE).content.decode()
    for service_request in requests:
        assert service_request.subject in body or service_request.formatted_code in body
    assert ServiceRequest.objects.visible_to(welfare_staff).count() == 2


def test_a_complaint_from_en_is_about_the_canonical_unit(
    client, units, english, inspection_staff, django_capture_on_commit_callbacks
):
    data = citizen(concerned_unit=english["it-statistics"].pk)
    response = client.post("/en/desk/complaint/", data)
    assert response.status_code == 302
    complaint = ServiceRequest.objects.get()
    assert complaint.unit == units["inspection-complaints"]
    assert complaint.concerned_unit == units["it-statistics"]


def test_migration_moves_requests_from_translated_units_to_their_canonical_page(units, english):
    stranded = ServiceRequestFactory(
        unit=english["welfare-office"], concerned_unit=english["it-statistics"]
    )
    at_home = ServiceRequestFactory(unit=units["health-deputy"])
    migration = importlib.import_module("services.desk.migrations.0004_requests_on_canonical_units")
    migration.to_canonical(apps, None)
    stranded.refresh_from_db()
    at_home.refresh_from_db()
    assert stranded.unit == units["welfare-office"]
    assert stranded.concerned_unit == units["it-statistics"]
    assert at_home.unit == units["health-deputy"]
