import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone

from .factories import NewsIndexPageFactory, NewsPageFactory


def parse(content):
    return ET.fromstring(content)  # noqa: S314 - the portal's own feed, not untrusted input


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.mark.django_db
def test_news_list_is_paginated_with_jalali_dates_and_tags(client, news_index):
    for n in range(12):
        news = NewsPageFactory(parent=news_index, date=dt.date(2025, 3, 21) - dt.timedelta(days=n))
        news.tags.add("سلامت" if n % 2 else "آموزش")
        news.save()
    first = client.get("/news/").content.decode()
    assert first.count('class="news-item"') == 10
    assert "۱ فروردین ۱۴۰۴" in first  # 2025-03-21, the newest, first
    assert "صفحهٔ ۱ از ۲" in first
    second = client.get("/news/", {"page": 2}).content.decode()
    assert second.count('class="news-item"') == 2
    tagged = client.get("/news/", {"tag": "سلامت"}).content.decode()
    assert tagged.count('class="news-item"') == 6


@pytest.mark.django_db
def test_rss_and_atom_feeds_list_live_announcements(client, news_index):
    NewsPageFactory(parent=news_index, title="اطلاعیهٔ منتشرشده", slug="live")
    NewsPageFactory(parent=news_index, title="پیش‌نویس", slug="draft", live=False)

    rss = client.get("/news/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    titles = [item.findtext("title") for item in parse(rss.content).iter("item")]
    assert titles == ["اطلاعیهٔ منتشرشده"]

    atom = client.get("/news/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = parse(atom.content).findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["اطلاعیهٔ منتشرشده"]
    assert 'type="application/rss+xml"' in client.get("/news/").content.decode()


@pytest.mark.django_db
def test_scheduled_publishing_and_expiry(client, news_index):
    news = NewsPageFactory(parent=news_index, title="اطلاعیهٔ زمان‌بندی‌شده", slug="later", live=False)
    news.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = news.save_revision()
    revision.publish()  # with go_live_at in the future this only schedules it
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    assert "اطلاعیهٔ زمان‌بندی‌شده" not in client.get("/").content.decode()

    # An hour passes (as far as the scheduler can tell).
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    news.refresh_from_db()
    assert news.live
    assert "اطلاعیهٔ زمان‌بندی‌شده" in client.get("/").content.decode()

    news.expire_at = timezone.now() - dt.timedelta(minutes=1)
    news.save()
    # Hidden as soon as it expires, before the scheduler runs...
    assert "اطلاعیهٔ زمان‌بندی‌شده" not in client.get("/news/rss/").content.decode()
    call_command("publish_scheduled")
    news.refresh_from_db()
    assert not news.live and news.expired  # ...and unpublished when it does
