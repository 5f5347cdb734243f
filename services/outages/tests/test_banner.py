"""The site-wide banner through the plugin contract."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from cms.plugins import registry
from services.outages import conf
from services.outages.banners import banners
from services.outages.enums import NoticeState
from services.outages.models import OutageNotice
from services.outages.timeline import post_update

from .factories import OutageNoticeFactory

pytestmark = pytest.mark.django_db


def keys(items):
    return [banner.key for banner in items]


def test_an_active_outage_is_a_strong_banner_with_a_link_and_jalali_time(client, home_page):
    notice = OutageNoticeFactory(
        title="قطعی سامانهٔ وام", starts_at=timezone.now() - dt.timedelta(minutes=30)
    )
    (banner,) = banners()
    assert banner.key == f"outage-{notice.pk}-active"
    assert banner.level == "critical" and banner.dismissible
    assert banner.url == f"/status/notices/{notice.pk}/"
    assert "قطعی کامل: قطعی سامانهٔ وام" in banner.message
    assert "۱۴۰" in banner.message and "ساعت" in banner.message  # Jalali year, Tehran time
    body = client.get("/").content.decode()
    assert f'data-banner-key="outage-{notice.pk}-active"' in body
    assert "site-banner--critical" in body


def test_the_english_banner_is_in_english_with_gregorian_dates(client, home_page):
    OutageNoticeFactory(title="قطعی", title_en="Loans down")
    body = client.get("/en/").content.decode()
    assert "Major outage: Loans down (since" in body
    assert "/en/status/notices/" in body


def test_maintenance_within_48_hours_is_a_calm_banner():
    soon = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(hours=30), title="به‌روزرسانی"
    )
    OutageNoticeFactory(maintenance=True, starts_at=timezone.now() + dt.timedelta(days=5))
    (banner,) = banners()
    assert banner.key == f"outage-{soon.pk}-upcoming" and banner.level == "info"
    # Published now, 30 hours before it starts: less than the 48 hours of notice promised.
    assert soon.is_urgent
    assert banner.message.startswith("نگه‌داری فوری: به‌روزرسانی")
    assert " تا " in banner.message


def test_maintenance_announced_in_time_is_planned_in_its_banner():
    notice = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(hours=30), title="به‌روزرسانی"
    )
    # Announced five days before it starts, well within the notice period.
    OutageNotice.objects.filter(pk=notice.pk).update(
        announced_at=timezone.now() - dt.timedelta(days=4), is_urgent=False
    )
    (banner,) = banners()
    assert banner.message.startswith("نگه‌داری برنامه‌ریزی‌شده: به‌روزرسانی")
    assert "فوری" not in banner.message


def test_maintenance_in_progress_shows_until_completed():
    notice = OutageNoticeFactory(maintenance=True, starts_at=timezone.now() - dt.timedelta(hours=1))
    (banner,) = banners()
    assert banner.key == f"outage-{notice.pk}-active" and banner.level == "info"
    assert banner.message.startswith("نگه‌داری در حال انجام")
    post_update(notice, user=None, state=NoticeState.COMPLETED, message="انجام شد.")
    assert banners() == []


def test_outages_come_before_maintenance():
    maintenance = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(hours=3)
    )
    outage = OutageNoticeFactory()
    assert keys(banners()) == [f"outage-{outage.pk}-active", f"outage-{maintenance.pk}-upcoming"]


def test_no_banner_for_drafts_resolved_notices_or_future_outages():
    OutageNoticeFactory(draft=True)
    OutageNoticeFactory(resolved=True)
    OutageNoticeFactory(starts_at=timezone.now() + dt.timedelta(hours=2))
    assert banners() == []


def test_a_new_notice_shows_at_once_although_the_banner_is_cached(django_assert_num_queries):
    assert banners() == []
    with django_assert_num_queries(0):
        assert banners() == []  # cached: no query on every page
    notice = OutageNoticeFactory(with_timeline=True)
    assert keys(banners()) == [f"outage-{notice.pk}-active"]
    post_update(notice, user=None, state=NoticeState.RESOLVED, message="برطرف شد.")
    assert banners() == []


def test_the_cache_never_lasts_more_than_a_minute(settings):
    settings.OUTAGES_CACHE_SECONDS = 3600
    assert conf.cache_seconds() == 60
    settings.OUTAGES_CACHE_SECONDS = 0
    assert conf.cache_seconds() == 0


def test_a_cached_list_still_follows_the_clock():
    notice = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(minutes=1)
    )
    now = timezone.now()
    assert keys(banners(now=now)) == [f"outage-{notice.pk}-upcoming"]
    assert keys(banners(now=now + dt.timedelta(minutes=2))) == [f"outage-{notice.pk}-active"]


def test_the_banner_comes_through_the_plugin_contract(rf):
    notice = OutageNoticeFactory()
    assert f"outage-{notice.pk}-active" in keys(registry.banners(rf.get("/")))


@override_settings(OUTAGES_BANNER_HOURS=6)
def test_the_banner_horizon_is_a_setting():
    OutageNoticeFactory(maintenance=True, starts_at=timezone.now() + dt.timedelta(hours=10))
    assert banners() == []
