"""The staff queue costs a fixed, small number of queries whatever the rows shown (no
query per row, per button or per filter), for a unit's staff and for a superuser; and
what the back office keeps between requests (a user's units, the filters' choices, the
menus) follows changes at once."""

import pytest
from django.core.cache import caches

from services.desk.enums import RequestStatus
from services.desk.models import DeskStaff
from sla.tests.factories import ServiceFactory

from .factories import DeskStaffFactory, ServiceRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/desk/requests/"
LISTINGS = {
    "first page": "",
    "second page": "?p=2",
    "status filter": "?status__exact=new",
    "service filter": None,  # filled in with the service's id
    "search": "?q=%D8%B4%D9%85%D8%A7%D8%B1%D9%87",  # «شماره», in every subject
}


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """The back office's shared cache as production has it (the unit-test settings
    switch it off), empty."""
    settings.CACHES = {
        **settings.CACHES,
        "backoffice": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "desk-queue-queries",
        },
    }
    caches["backoffice"].clear()
    yield
    caches["backoffice"].clear()


@pytest.fixture
def queue(units, welfare_staff):
    """60 welfare-office requests (more than a page) with services, assignees and
    statuses, and a few of another unit."""
    service = ServiceFactory(
        code="DORM-1", title="خوابگاه", responsible_unit=units["welfare-office"]
    )
    colleague = DeskStaffFactory(unit=units["welfare-office"]).user
    for number in range(60):
        ServiceRequestFactory(
            unit=units["welfare-office"],
            service=service if number % 2 else None,
            assigned_to=(welfare_staff, colleague, None)[number % 3],
            status=RequestStatus.NEW if number % 4 else RequestStatus.IN_PROGRESS,
        )
    for _ in range(3):
        ServiceRequestFactory(unit=units["it-statistics"], subject="مشکل رایانامه")
    return service


@pytest.mark.parametrize("who", ["unit staff", "superuser"])
def test_every_listing_page_runs_at_most_ten_queries(
    client, queue, welfare_staff, who, django_assert_max_num_queries
):
    user = welfare_staff if who == "unit staff" else UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    assert client.get(BASE).status_code == 200  # the session, the user's units, the menus
    listings = {**LISTINGS, "service filter": f"?service__id__exact={queue.pk}"}
    for name, query in listings.items():
        with django_assert_max_num_queries(10, info=name):
            response = client.get(BASE + query)
        assert response.status_code == 200, name
        body = response.content.decode()
        rows = body.count('name="ids"')
        assert rows == {"second page": 13 if who == "superuser" else 10}.get(name, rows)
        assert rows >= 10, name  # a page full of rows, each with its buttons
        # The fence holds: another unit's request is on none of the staff's pages.
        assert ("مشکل رایانامه" in body) == (
            who == "superuser" and name in ("first page", "status filter")
        )


def test_the_staff_see_a_change_of_their_units_at_once(client, queue, units, welfare_staff):
    client.force_login(welfare_staff)
    assert "درخواست شمارهٔ" in client.get(BASE).content.decode()
    DeskStaffFactory(user=welfare_staff, unit=units["it-statistics"])
    assert "مشکل رایانامه" in client.get(BASE).content.decode()
    DeskStaff.objects.filter(user=welfare_staff).delete()
    # Nothing of the units they left, although their units were kept between requests.
    response = client.get(BASE)
    assert response.status_code in (302, 403)
    assert "درخواست شمارهٔ" not in response.content.decode()


def test_a_new_service_is_offered_by_the_filter_at_once(client, queue, units, welfare_staff):
    client.force_login(welfare_staff)
    assert "خوابگاه" in client.get(BASE).content.decode()
    other = ServiceFactory(
        code="LOAN-2", title="وام ودیعه", responsible_unit=units["welfare-office"]
    )
    ServiceRequestFactory(unit=units["welfare-office"], service=other)
    assert "وام ودیعه" in client.get(BASE).content.decode()
