"""The catalog stays small however many services there are: one page at a time."""

import pytest

from sla.catalog import SERVICES_PER_PAGE

from .factories import ServiceFactory, make_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded_catalog(home_page, units):
    make_catalog(home_page)
    for number in range(SERVICES_PER_PAGE + 5):
        unit = units["welfare-office"] if number % 2 else units["it-statistics"]
        ServiceFactory(code=f"S-{number:03d}", title=f"خدمت {number:03d}", responsible_unit=unit)
    return units


def test_the_catalog_shows_one_page_of_services_and_links_the_next(client, crowded_catalog):
    first = client.get("/services/").content.decode()
    assert first.count('<li class="service-item') == SERVICES_PER_PAGE
    assert "صفحهٔ ۱ از ۲" in first
    assert "۳۵ خدمت" in first  # the count is of all services, not of the page
    second = client.get("/services/?page=2").content.decode()
    assert second.count('<li class="service-item') == 5
    assert 'rel="prev"' in second


def test_filters_are_kept_on_the_pagination_links(client, crowded_catalog):
    response = client.get("/services/?q=%D8%AE%D8%AF%D9%85%D8%AA&channel=web")
    body = response.content.decode()
    assert 'href="?q=%D8%AE%D8%AF%D9%85%D8%AA&amp;channel=web&amp;page=2"' in body


def test_a_page_number_out_of_range_shows_the_last_page_and_not_a_number_is_a_400(
    client, crowded_catalog
):
    assert client.get("/services/?page=99").content.decode().count('<li class="service-item') == 5
    assert client.get("/services/?page=x").status_code == 400  # cms.querystring
