"""The desk's public pages run a fixed number of queries however many units, services
and officials there are (as sitepages' query-count tests do for the core pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitepages.tests.factories import OfficialFactory, UnitPageFactory

pytestmark = pytest.mark.django_db

URLS = ("/desk/", "/desk/request/", "/desk/letter/", "/desk/complaint/", "/track/")


def counts(client):
    result = {}
    for url in URLS:
        client.get(url)  # per-process caches (site, menu, banner) filled first
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        result[url] = len(queries)
    return result


def test_the_desk_pages_cost_the_same_for_few_and_many_units_and_services(client, units):
    from sla.tests.factories import ServiceFactory

    ServiceFactory(code="FEW-1", responsible_unit=units["welfare-office"])
    few = counts(client)
    parent = units["welfare-office"].get_parent()
    for number in range(30):
        unit = UnitPageFactory(parent=parent, title=f"واحد افزوده {number}")
        OfficialFactory(page=unit, accepts_meetings=True)
        ServiceFactory(code=f"MANY-{number}", responsible_unit=unit)
    many = counts(client)
    assert many == few, f"few: {few}; many: {many}"
    assert max(many.values()) <= 20
