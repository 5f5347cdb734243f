"""The public pages whose content grows with the catalog stay under 80 KB of HTML at 20
times the demo's size (300 services over 240 units, each service under an SLA
statement): the status page, the catalog, the desk's request and meeting forms
(bench/grow.py measures the same, with render times)."""

import datetime as dt

import pytest
from django.utils import timezone

from sitepages.models import UnitPage
from sitepages.tests.factories import OfficialFactory
from sla.factories import ServiceFactory, make_catalog, make_sla_index, make_statement, make_units

pytestmark = pytest.mark.django_db

LIMIT = 80 * 1024
URLS = ("/status/", "/services/", "/desk/request/", "/desk/complaint/", "/desk/meeting/")


def test_pages_that_list_units_or_services_stay_under_80_kb_at_20x(client, home_page):
    units = make_units(home_page)
    index = units["welfare-office"].get_parent().get_parent()
    all_units = list(units.values())
    for number in range(240 - len(all_units)):
        unit = index.add_child(
            instance=UnitPage(title=f"واحد آزمایشی شمارهٔ {number}", slug=f"unit-{number}")
        )
        OfficialFactory(page=unit, accepts_meetings=True)
        all_units.append(unit)
    make_catalog(home_page)
    today = timezone.localdate()
    statement = make_statement(
        make_sla_index(home_page),
        valid_from=today - dt.timedelta(days=100),
        valid_until=today + dt.timedelta(days=200),
    )
    for number in range(300):
        ServiceFactory(
            title=f"خدمت آزمایشی با عنوان بلند شمارهٔ {number}",
            responsible_unit=all_units[number % len(all_units)],
            sla_statement=statement,
        )
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) <= LIMIT, f"{url}: {len(response.content)} bytes"
