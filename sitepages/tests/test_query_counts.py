"""Public pages run a fixed number of queries however much content there is.

Each page is rendered with 10 and with 200 units, officials and announcements (more
than 20x the demo: the listing pages must stay under 80 KB), once
right after the menu cache was cleared (as publishing a page does: the menu is built
again) and once with the menu cached, and the counts must match.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sitepages.menu import MENU_UNITS, clear_menu_cache
from sitepages.models.units import OFFICIAL_PHOTO_SPEC, UNITS_PER_PAGE

from .factories import (
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OfficeHoursFactory,
    OfficialFactory,
    UnitContactFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
)

# 20, and 2 for the unit page's "open now": the working calendar's settings and its
# calendar days of the year (cms.working_calendar, the one source of working time).
MAX_QUERIES = 22
PAGE_SIZE_LIMIT = 80 * 1024
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


class Portal:
    """Grows the amount of content in place: units, officials of one unit, news."""

    def __init__(self, home):
        self.index = UnitIndexPageFactory(parent=home)
        self.news_index = NewsIndexPageFactory(parent=home)
        self.unit = UnitPageFactory(parent=self.index, title="مدیریت آزمایشی", slug="measured")
        UnitContactFactory(page=self.unit)
        UnitContactFactory(page=self.unit, email=True)
        for day in (5, 6, 0, 1, 2):
            OfficeHoursFactory(page=self.unit, weekday=day)
        UnitPageFactory(parent=self.unit, title="اداره زیرمجموعه", slug="sub-unit")
        self.images = [ImageFactory() for _ in range(3)]
        for image in self.images:
            image.get_rendition(OFFICIAL_PHOTO_SPEC)
        self.units = 1
        self.officials = 0
        self.news = 0

    def grow_to(self, count):
        while self.units < count:
            UnitPageFactory(parent=self.index)
            self.units += 1
        while self.officials < count:
            OfficialFactory(
                page=self.unit,
                photo=self.images[self.officials % len(self.images)],
                accepts_meetings=self.officials % 2 == 0,
            )
            self.officials += 1
        while self.news < count:
            news = NewsPageFactory(parent=self.news_index)
            news.tags.add("سلامت", f"برچسب {self.news % 7}")
            news.save()
            self.news += 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def measure(client, urls):
    # Process-wide caches (content types, Wagtail's site root paths) fill on the very
    # first request whatever the content; they are not what is measured here.
    client.get(urls[0])
    counts = {}
    for url in urls:
        # Plugins cache for a short while too (the outages banner, at most a minute):
        # fill those caches right before, so that only the menu is cold and the time
        # that building 200 items takes cannot change the count.
        client.get(url)
        clear_menu_cache()
        cold, _response = count_queries(client, url)
        warm, response = count_queries(client, url)
        counts[url] = (cold, warm)
    return counts, response


@pytest.mark.django_db
def test_home_unit_and_news_pages_run_the_same_queries_for_10_and_200_items(client, home_page):
    portal = Portal(home_page)
    urls = ["/", "/units/measured/", "/news/", "/units/"]

    portal.grow_to(10)
    small, _ = measure(client, urls)
    portal.grow_to(200)
    large, _ = measure(client, urls)

    assert small == large, f"10 items: {small}; 200 items: {large}"
    for url, (cold, warm) in large.items():
        assert cold <= MAX_QUERIES, f"{url} ran {cold} queries building the menu"
        assert warm <= MAX_QUERIES, f"{url} ran {warm} queries"

    # The 200 items are really on the pages, not skipped to keep the counts down.
    home = client.get("/").content.decode()
    # The menu is bounded: the first units, and "All units" with how many more there are.
    assert home.count('class="unit-menu-item') == MENU_UNITS + 1
    assert f"({200 - MENU_UNITS} واحد دیگر)".translate(PERSIAN) in home
    units = client.get("/units/").content.decode()
    assert units.count('class="card unit-card"') == UNITS_PER_PAGE
    assert "صفحهٔ ۱ از ۱۷" in units  # 200 units, twelve to a page
    unit = client.get("/units/measured/").content.decode()
    assert unit.count('class="official"') == 200
    assert unit.count('class="official-photo"') == 200  # photos, from renditions
    news = client.get("/news/").content.decode()
    assert news.count('class="news-item"') == 10  # ten to a page
    # 200 units and announcements, more than 20x the demo's: pages stay under 80 KB.
    for url in ("/", "/en/", "/units/", "/news/", "/search/?q=%D9%88%D8%A7%D9%85"):
        size = len(client.get(url).content)
        assert size < PAGE_SIZE_LIMIT, f"{url}: {size:,} bytes"
    assert "صفحهٔ ۱ از ۲۰" in news
