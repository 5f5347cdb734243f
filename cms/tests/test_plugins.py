"""The plugin contract, proven with the test-only plugin cms.tests.testplugin."""

import pytest
from django.apps import apps
from django.utils import timezone

from cms.plugins import registry


def test_plugins_are_discovered_from_installed_apps():
    labels = [plugin.label for plugin in registry.plugins()]
    assert "testplugin" in labels
    # Core apps are not plugins.
    assert not {"cms", "sitepages", "sla"} & set(labels)


@pytest.mark.django_db
def test_plugin_urls_are_mounted_under_its_prefix_in_both_languages(client, home_page):
    fa = client.get("/testplugin/")
    assert fa.status_code == 200
    assert '<html lang="fa" dir="rtl">' in fa.content.decode()
    en = client.get("/en/testplugin/")
    assert en.status_code == 200
    assert '<html lang="en" dir="ltr">' in en.content.decode()


@pytest.mark.django_db
def test_home_tile_menu_entry_and_banner_show_on_pages(client, home_page):
    body = client.get("/").content.decode()
    assert "کاشی آزمایشی" in body  # home tile
    assert "پیوند آزمایشی" in body  # header menu entry
    assert 'data-banner-key="test-1"' in body and "اطلاعیهٔ آزمایشی" in body
    # The banner is site-wide: a plugin's own page and the 404 page show it too.
    assert "اطلاعیهٔ آزمایشی" in client.get("/testplugin/").content.decode()
    assert "اطلاعیهٔ آزمایشی" in client.get("/missing/").content.decode()


@pytest.mark.django_db
def test_sla_metrics_come_from_plugins(caplog):
    now = timezone.now()
    start = now - timezone.timedelta(days=30)
    metrics = registry.sla_metrics("TEST-1", start, now)
    assert ("answered_in_time", 97.5, True) in [(m.key, m.value, m.is_met) for m in metrics]
    # The other plugins measure from their own data: none for a service they never saw.
    unknown = registry.sla_metrics("OTHER", start, now)
    assert unknown and all(metric.value is None for metric in unknown)
    # Every plugin answered; none was skipped for failing.
    assert "failed in get_sla_metrics" not in caplog.text


def test_service_start_url_comes_from_the_plugin_that_delivers_it():
    class Service:
        code = "TEST-1"

    # Every test starts in Persian: the Persian URL.
    assert registry.service_start_url(Service()) == "/testplugin/"
    Service.code = "NOBODY"
    assert registry.service_start_url(Service()) is None


def test_backup_datasets_name_models_and_file_fields():
    datasets = registry.backup_datasets()
    dataset = next(d for d in datasets if d.model == "testplugin.TicketFile")
    assert dataset.get_model() is apps.get_model("testplugin", "TicketFile")
    assert dataset.file_fields == ("file",)


@pytest.mark.django_db
def test_plugins_contribute_their_part_of_setup_portal():
    from io import StringIO

    from django.contrib.auth.models import Group

    out = StringIO()
    registry.setup_portal(out)
    assert Group.objects.filter(name="Test plugin staff").exists()
    assert "- plugin testplugin" in out.getvalue()


@pytest.mark.django_db
def test_a_failing_plugin_is_skipped_not_fatal(client, home_page, monkeypatch, caplog):
    plugin = registry.get("testplugin")

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(plugin, "get_banners", broken)
    response = client.get("/")
    assert response.status_code == 200
    assert "اطلاعیهٔ آزمایشی" not in response.content.decode()
    assert "Plugin testplugin failed in get_banners" in caplog.text


@pytest.mark.django_db
def test_extra_url_prefixes_of_a_plugin_are_mounted_in_both_languages(
    client, home_page, monkeypatch, settings
):
    import importlib.util
    import sys

    from django.urls import clear_url_caches, reverse
    from django.utils import translation

    plugin = registry.get("testplugin")
    monkeypatch.setattr(
        plugin, "extra_url_prefixes", {"test-extra": "cms.tests.testplugin.urls"}, raising=False
    )
    assert ("test-extra", "cms.tests.testplugin.urls", "testplugin_test-extra") in (
        registry.url_modules()
    )
    # A fresh copy of the root urls, built with the extra prefix in place.
    spec = importlib.util.find_spec("cms.urls")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "cms_urls_with_extra", module)
    settings.ROOT_URLCONF = "cms_urls_with_extra"
    clear_url_caches()
    try:
        assert client.get("/test-extra/").status_code == 200
        assert client.get("/en/test-extra/").status_code == 200
        with translation.override("fa"):
            assert reverse("testplugin_test-extra:index") == "/test-extra/"
            assert reverse("testplugin:index") == "/testplugin/"
    finally:
        clear_url_caches()
