"""The plugin in the portal: contract, demo content, and the site without it."""

import datetime as dt
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.utils import timezone

from cms.plugins import registry
from services.outages.demo_content import MAINTENANCE_TITLE, OUTAGE_TITLE, load_outages
from services.outages.enums import NoticeKind, NoticeState
from services.outages.models import OutageNotice

BASE_DIR = Path(__file__).resolve().parents[3]


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


SWITCHED_OFF_SCRIPT = """
import django
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

django.setup()
setup_test_environment()
assert not apps.is_installed("services.outages"), "outages still installed"
call_command("migrate", verbosity=0, interactive=False)
call_command("check")
call_command("load_demo", verbosity=0)
client = Client()
for url in ("/", "/en/"):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    assert "/status/" not in body, url
    assert "data-banner-key=\\"outage-" not in body, url
assert client.get("/status/").status_code == 404
assert client.get("/status/feed/rss/").status_code == 404
print("OUTAGES-OFF-OK")
"""


def test_site_boots_migrates_and_renders_with_the_plugin_switched_off(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PORTAL_DISABLED_PLUGINS": "services.outages",
        "DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)  # a fresh SQLite file, whatever the suite runs on
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-c", SWITCHED_OFF_SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "OUTAGES-OFF-OK" in result.stdout, result.stderr[-3000:]
