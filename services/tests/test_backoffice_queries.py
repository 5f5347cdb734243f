"""The staff queue at scale: a fixed number of queries whatever the number of requests,
one count for the page, the fence as ``unit_id IN (...)`` without DISTINCT."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("services.desk"), reason="services.desk is switched off"
    ),
]


def _list(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/desk/requests/")
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_queue_costs_the_same_for_5_or_30_requests_and_counts_once(client, home_page):
    from services.desk.tests.factories import DeskStaffFactory, ServiceRequestFactory, make_units

    units = make_units(home_page)
    staff = DeskStaffFactory(unit=units["welfare-office"]).user
    ServiceRequestFactory.create_batch(5, unit=units["welfare-office"])
    ServiceRequestFactory.create_batch(3, unit=units["it-statistics"])
    client.force_login(staff)
    _list(client)  # warm caches (site, locale, menus)
    few = _list(client)
    ServiceRequestFactory.create_batch(25, unit=units["welfare-office"])
    many = _list(client)
    assert len(many) == len(few)
    request_table = "desk_servicerequest"
    counts = [sql for sql in many if "COUNT(" in sql.upper() and request_table in sql]
    assert len(counts) == 1, counts
    listing = [sql for sql in many if request_table in sql and "LIMIT" in sql.upper()]
    assert listing and not any("DISTINCT" in sql.upper() for sql in listing)
