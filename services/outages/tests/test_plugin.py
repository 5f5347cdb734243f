"""The plugin in the portal: contract and demo content (the site without it:
cms/tests/test_plugins_switched_off.py)."""

import datetime as dt
from io import StringIO

import pytest
from django.utils import timezone

from cms.plugins import registry
from services.outages.demo_content import MAINTENANCE_TITLE, OUTAGE_TITLE, load_outages
from services.outages.enums import NoticeKind, NoticeState
from services.outages.models import OutageNotice


def test_the_plugin_is_registered_with_its_urls():
    plugin = registry.get("outages")
    assert plugin is not None and plugin.url_prefix == "status"
    assert ("status", "services.outages.urls", "outages") in registry.url_modules()


@pytest.mark.django_db
def test_menu_entry_and_home_tile(client, home_page):
    body = client.get("/").content.decode()
    assert 'href="/status/"' in body and "وضعیت خدمات" in body


@pytest.mark.django_db
def test_demo_content_is_loaded_once(home_page, service):
    load_outages(stdout=StringIO())
    load_outages(stdout=StringIO())
    outage = OutageNotice.objects.get(title=OUTAGE_TITLE)
    maintenance = OutageNotice.objects.get(title=MAINTENANCE_TITLE)
    assert OutageNotice.objects.count() == 2
    now = timezone.now()
    # A resolved outage last month, with its timeline, on a catalog service.
    assert outage.kind == NoticeKind.OUTAGE and outage.state == NoticeState.RESOLVED
    assert outage.live and outage.ended_at < now - dt.timedelta(days=20)
    assert list(outage.services.all()) == [service] and not outage.whole_portal
    assert [u.state for u in outage.timeline()] == ["investigating", "identified", "resolved"]
    # A planned maintenance next week, announced well ahead.
    assert maintenance.kind == NoticeKind.MAINTENANCE and maintenance.live
    assert dt.timedelta(days=6) < maintenance.starts_at - now < dt.timedelta(days=8)
    assert not maintenance.is_urgent
    # Nobody is emailed about demo news.
    assert not OutageNotice.objects.filter(updates__notified_at__isnull=True).exists()


@pytest.mark.django_db
def test_demo_content_without_a_catalog_is_about_the_whole_portal():
    load_outages(stdout=StringIO())
    assert OutageNotice.objects.get(title=OUTAGE_TITLE).whole_portal
