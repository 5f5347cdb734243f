"""A new outage banner shows on every cached page at once (cms.pagecache)."""

import pytest
from django.core.cache import caches

from services.outages.enums import NoticeState

from .factories import OutageNoticeFactory

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"
# (The status page carries the subscription form, so a CSRF cookie: never cached.)
PAGES = ("/", "/en/")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_a_published_outage_shows_on_every_cached_page_and_leaves_when_resolved(client, home_page):
    for url in PAGES:
        client.get(url)
        assert client.get(url)[CACHED] == "hit"
    notice = OutageNoticeFactory(title="قطعی سامانهٔ آموزش", title_en="Education system down")
    for url in PAGES:
        body = client.get(url).content.decode()
        assert f'data-banner-key="outage-{notice.pk}-active"' in body, url
    notice.state = NoticeState.RESOLVED
    notice.ended_at = notice.starts_at
    notice.save()
    for url in PAGES:
        assert (
            f'data-banner-key="outage-{notice.pk}-active"' not in client.get(url).content.decode()
        )


def test_an_unpublished_notice_leaves_the_cached_pages(client, home_page):
    notice = OutageNoticeFactory(title="قطعی شبکه")
    assert f"outage-{notice.pk}-active" in client.get("/").content.decode()
    assert client.get("/")[CACHED] == "hit"
    notice.unpublish()
    assert f"outage-{notice.pk}-active" not in client.get("/").content.decode()
