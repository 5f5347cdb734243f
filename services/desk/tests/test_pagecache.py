"""The page cache (cms.pagecache) on the desk's pages: a form always carries the
visitor's own CSRF token, and a tracked request is never kept for anyone else."""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from cms.formatting import fa_digits

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def csrf_field(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_the_hub_is_cached_and_a_form_carries_each_visitors_own_token(client, units):
    client.get("/desk/")
    assert client.get("/desk/")[CACHED] == "hit"
    first, second = Client(), Client()
    one, two = first.get("/desk/request/"), second.get("/desk/request/")
    assert CACHED not in one and CACHED not in two
    assert csrf_field(one) != csrf_field(two)
    assert one.cookies["csrftoken"].value != two.cookies["csrftoken"].value
    # The token of the page is the one that lets this visitor send the form.
    strict = Client(enforce_csrf_checks=True)
    page = strict.get("/desk/request/")
    data = {"csrfmiddlewaretoken": csrf_field(page), "subject": ""}
    assert strict.post("/desk/request/", data).status_code == 200  # form errors, not 403
    assert CACHED not in strict.get("/desk/request/")


def test_a_tracked_request_is_never_served_from_the_cache(client, units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    client.post(
        "/track/", {"code": service_request.tracking_code, "mobile": service_request.mobile}
    )
    page = client.get("/track/request/")
    # Typed digits show in Persian on a Persian page.
    assert page.status_code == 200
    assert fa_digits(service_request.subject) in page.content.decode()
    assert CACHED not in page
    stranger = Client()
    response = stranger.get("/track/request/")
    assert CACHED not in response
    assert service_request.subject not in response.content.decode()
