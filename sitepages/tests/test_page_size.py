"""Public pages stay under 80 KB of HTML however much content there is: the menu, the
unit index and the announcements are bounded, so doubling the units, their officials
and the announcements leaves every page the size it was (bench/grow.py measures the
same at 20x the demo content)."""

import pytest

from .factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OfficialFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
)

pytestmark = pytest.mark.django_db

LIMIT = 80 * 1024
URLS = ("/", "/en/", "/units/", "/news/", "/search/?q=%D9%88%D8%A7%D8%AD%D8%AF")


def add_content(index, news_index, top_units=14, sub_units=4, news=12):
    first = None
    for _ in range(top_units):
        unit = UnitPageFactory(parent=index)
        first = first or unit
        OfficialFactory(page=unit, head=True)
        for _ in range(sub_units):
            OfficialFactory(page=UnitPageFactory(parent=unit))
    for _ in range(news):
        NewsPageFactory(parent=news_index)
    return first


def sizes(client, urls):
    result = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        result[url] = len(response.content)
    return result


def test_pages_stay_under_80_kb_and_do_not_grow_with_the_content(client, home_page):
    index = UnitIndexPageFactory(parent=home_page)
    news_index = NewsIndexPageFactory(parent=home_page)
    unit = add_content(index, news_index)
    urls = (*URLS, unit.url)
    small = sizes(client, urls)
    add_content(index, news_index)
    add_content(index, news_index)
    grown = sizes(client, urls)
    for url in urls:
        assert grown[url] <= LIMIT, f"{url}: {grown[url]} bytes"
        # The same page at three times the content: at most a few changed figures.
        assert grown[url] <= small[url] * 1.05 + 512, f"{url}: {small[url]} -> {grown[url]}"
