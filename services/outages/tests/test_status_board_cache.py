"""The status page reuses its board for the rest of the minute, never past a change: a
published notice shows at once, and an announced maintenance moves to "happening now"
the moment it starts (services.outages.status.current_board)."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.utils import timezone

from .factories import OutageNoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments(settings):
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def happening_now(body):
    section = body.split('id="active-heading"', 1)
    return section[1].split("</section>", 1)[0] if len(section) == 2 else ""


def test_a_published_outage_shows_on_the_status_page_at_once(client, home_page):
    client.get("/status/")
    notice = OutageNoticeFactory(title="قطعی سامانهٔ آموزش")
    assert "قطعی سامانهٔ آموزش" in happening_now(client.get("/status/").content.decode())
    notice.unpublish()
    assert "قطعی سامانهٔ آموزش" not in client.get("/status/").content.decode()


def test_an_announced_maintenance_is_happening_now_the_moment_it_starts(
    client, home_page, monkeypatch
):
    start = (timezone.now() + dt.timedelta(hours=3)).replace(second=30, microsecond=0)
    OutageNoticeFactory(title="به‌روزرسانی سامانه", maintenance=True, starts_at=start)
    monkeypatch.setattr(timezone, "now", lambda: start - dt.timedelta(seconds=20))
    before = client.get("/status/").content.decode()
    assert "به‌روزرسانی سامانه" in before and "به‌روزرسانی سامانه" not in happening_now(before)
    # The same minute, ten seconds after the start: the board is built again.
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(seconds=10))
    assert "به‌روزرسانی سامانه" in happening_now(client.get("/status/").content.decode())
