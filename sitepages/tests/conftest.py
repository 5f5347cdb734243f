from io import StringIO

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """The menu lives in the cache; each test starts without it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(home_page):
    """The whole demo portal: units, officials, announcements, pages, groups, English."""
    from sitepages.demo_content import load_portal

    load_portal(stdout=StringIO())
    home_page.refresh_from_db()
    return home_page
