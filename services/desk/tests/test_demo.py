"""The desk's demo content: every status, several units, some overdue; idempotent."""

from io import StringIO

import pytest

from services.desk.demo_content import load_desk
from services.desk.enums import RequestStatus
from services.desk.models import DeskStaff, ServiceFormPage, ServiceRequest, StatusChange

pytestmark = pytest.mark.django_db


def test_demo_requests_cover_every_status_and_are_not_duplicated(home_page):
    from sitepages.demo_content import load_portal
    from sla.demo_content import load_sla

    load_portal(stdout=StringIO())
    load_sla(stdout=StringIO())
    load_desk(stdout=StringIO())
    counts = (
        ServiceRequest.objects.count(),
        StatusChange.objects.count(),
        DeskStaff.objects.count(),
        ServiceFormPage.objects.count(),
    )
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert ServiceRequest.objects.values("unit").distinct().count() >= 3
    assert ServiceRequest.objects.overdue().count() >= 2
    # Every unit that answers a service or a form has desk staff and a manager.
    from services.desk.panels import understaffed_units

    assert [row["unit"].slug for row in understaffed_units()] == []
    load_desk(stdout=StringIO())
    assert counts == (
        ServiceRequest.objects.count(),
        StatusChange.objects.count(),
        DeskStaff.objects.count(),
        ServiceFormPage.objects.count(),
    )


def test_without_units_the_demo_is_skipped(db):
    out = StringIO()
    load_desk(stdout=out)
    assert "skipped" in out.getvalue()
    assert ServiceRequest.objects.count() == 0
