"""A request started from a service's card ("start" button, ``?service=CODE``) belongs to
that service without the citizen picking it, so the service's figures count it."""

import pytest

from services.desk.models import ServiceRequest
from sla.tests.factories import ServiceFactory

from .test_public import citizen

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_service_locked_and_asks_for_no_unit(client, service):
    body = client.get("/desk/request/?service=DORM-09").content.decode()
    service_block = body.split('id="field-service"')[1].split("</select>")[0]
    assert "disabled" in service_block and "خوابگاه متأهلین" in service_block
    assert 'value=""' not in service_block  # no "no particular service" choice
    assert "شناسنامهٔ همین خدمت" in body
    assert 'id="field-unit"' not in body


def test_a_request_from_the_start_button_is_linked_to_the_service(client, units, service):
    response = client.post("/desk/request/?service=DORM-09", citizen())
    assert response.status_code == 302, response.content.decode()[:2000]
    service_request = ServiceRequest.objects.get()
    assert service_request.service == service
    assert service_request.unit == units["welfare-office"]
    assert ServiceRequest.objects.for_service("DORM-09").count() == 1


def test_a_forged_service_or_unit_does_not_unlink_it(client, units, service):
    other = ServiceFactory(code="IT-07", responsible_unit=units["it-statistics"])
    data = citizen(service=other.pk, unit=units["it-statistics"].pk)
    response = client.post("/en/desk/request/?service=DORM-09", data)
    assert response.status_code == 302
    service_request = ServiceRequest.objects.get()
    assert service_request.service == service
    assert service_request.unit == units["welfare-office"]


def test_without_the_start_button_the_service_stays_optional(client, units, service):
    body = client.get("/desk/request/").content.decode()
    assert 'id="field-unit"' in body
    response = client.post("/desk/request/", citizen(unit=units["it-statistics"].pk))
    assert response.status_code == 302
    assert ServiceRequest.objects.get().service is None
