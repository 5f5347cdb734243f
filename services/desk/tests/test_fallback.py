"""No request without a handler: unstaffed units fall back to the parent unit's staff,
then to the triage unit's; the dashboard warns about units without staff or manager."""

import pytest
from django.core import mail

from services.desk.models import ServiceRequest
from sitepages.models import UnitPage

from .factories import DeskStaffFactory, ServiceRequestFactory, UserFactory, add_page

pytestmark = pytest.mark.django_db

QUEUE = "/admin/desk/requests/"


def citizen(unit):
    return {
        "name": "مریم احمدی",
        "mobile": "09121234567",
        "email": "maryam@example.com",
        "subject": "درخواست خوابگاه",
        "body": "لطفاً خوابگاه متأهلین را بررسی کنید.",
        "unit": unit.pk,
    }


@pytest.fixture
def dorm_office(units):
    """A sub-unit of the welfare office, without desk staff of its own."""
    return add_page(units["welfare-office"], UnitPage, title="دفتر خوابگاه‌ها", slug="dorms")


def queue_of(client, user):
    client.force_login(user)
    response = client.get(QUEUE)
    assert response.status_code == 200
    return response.content.decode()


def test_a_request_to_an_unstaffed_sub_unit_reaches_the_parent_units_staff(
    client, units, dorm_office, welfare_staff, it_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/request/", citizen(dorm_office))
    service_request = ServiceRequest.objects.get()
    assert service_request.unit == dorm_office
    assert any(welfare_staff.email in m.to for m in mail.outbox)
    assert not any(it_staff.email in m.to for m in mail.outbox)
    assert service_request.subject in queue_of(client, welfare_staff)
    assert service_request.subject not in queue_of(client, it_staff)
    inspect = client.get(f"/admin/desk/requests/inspect/{service_request.pk}/")
    assert inspect.status_code == 404  # it_staff is still logged in
    client.force_login(welfare_staff)
    assert client.get(f"/admin/desk/requests/inspect/{service_request.pk}/").status_code == 200
    # The parent unit's staff can take it.
    response = client.post(
        f"/admin/desk/requests/assign/{service_request.pk}/", {"assignee": welfare_staff.pk}
    )
    service_request.refresh_from_db()
    assert service_request.assigned_to == welfare_staff, response


def test_a_unit_without_staff_or_staffed_parent_goes_to_the_triage_queue(
    client, units, settings, inspection_staff, it_staff, django_capture_on_commit_callbacks
):
    settings.DESK_TRIAGE_UNIT_SLUG = "inspection-complaints"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/request/", citizen(units["health-deputy"]))
    service_request = ServiceRequest.objects.get()
    assert any(inspection_staff.email in m.to for m in mail.outbox)
    assert service_request.subject in queue_of(client, inspection_staff)
    assert service_request.subject not in queue_of(client, it_staff)
    assert list(ServiceRequest.objects.visible_to(inspection_staff)) == [service_request]
    assert not ServiceRequest.objects.visible_to(it_staff).exists()


def test_a_staffed_unit_keeps_its_requests_from_the_triage_unit(
    client, units, settings, inspection_staff, it_staff
):
    settings.DESK_TRIAGE_UNIT_SLUG = "inspection-complaints"
    own = ServiceRequestFactory(unit=units["it-statistics"], subject="رایانامه")
    assert own.subject not in queue_of(client, inspection_staff)
    assert own.subject in queue_of(client, it_staff)


def test_overdue_request_of_an_unstaffed_unit_is_escalated_to_the_triage_manager(units, settings):
    from services.desk.escalation import escalate_overdue

    settings.DESK_TRIAGE_UNIT_SLUG = "inspection-complaints"
    manager = DeskStaffFactory(unit=units["inspection-complaints"], manager=True).user
    ServiceRequestFactory(unit=units["health-deputy"], overdue=True)
    assert escalate_overdue() == 1
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_dashboard_warns_about_units_that_receive_requests_without_staff_or_manager(
    client, units, welfare_staff
):
    from sla.tests.factories import ServiceFactory

    ServiceFactory(code="HLT-01", responsible_unit=units["health-deputy"])
    ServiceFactory(code="DORM-09", responsible_unit=units["welfare-office"])
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    body = client.get("/admin/").content.decode()
    assert "desk-understaffed-units" in body
    panel = body[body.index("desk-understaffed-units") :]
    assert units["health-deputy"].title in panel  # no staff at all
    assert units["welfare-office"].title in panel  # staff, but no manager
    assert "واحدهای بدون کارمند میز خدمت یا مدیر" in body
    DeskStaffFactory(unit=units["health-deputy"], manager=True)
    DeskStaffFactory(unit=units["welfare-office"], manager=True)
    assert "desk-understaffed-units" not in client.get("/admin/").content.decode()
    # Desk staff do not see the panel.
    client.force_login(welfare_staff)
    assert "desk-understaffed-units" not in client.get("/admin/").content.decode()
