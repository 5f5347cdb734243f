"""The public catalog at /services/ and each service's card."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sla.enums import Channel, TimeUnit
from sla.models import Service

from .factories import ServiceFactory, make_catalog, make_sla_index, make_statement


@pytest.fixture
def only_test_plugin(monkeypatch):
    """Only cms.tests.testplugin reports figures, whatever other plugins are installed."""
    from django.urls import get_resolver

    from cms.plugins import registry

    # The root URLconf asks the registry for the plugins' URLs once per process: build
    # it with every plugin before narrowing the registry, or the worker's later tests
    # would run without the plugins' addresses.
    assert get_resolver().url_patterns
    plugins = [plugin for plugin in registry.plugins() if plugin.label == "testplugin"]
    monkeypatch.setattr(registry, "plugins", lambda: plugins)
    return plugins


@pytest.fixture
def catalog_site(home_page, units):
    catalog = make_catalog(home_page, intro="<p>همهٔ خدمات دانشگاه</p>")
    return units, catalog


@pytest.mark.django_db
def test_catalog_groups_services_by_unit(client, catalog_site):
    units, _catalog = catalog_site
    ServiceFactory(code="LOAN-01", title="وام دانشجویی", responsible_unit=units["welfare-office"])
    ServiceFactory(code="IT-01", title="پست الکترونیک", responsible_unit=units["it-statistics"])
    ServiceFactory(
        code="HID-01", title="خدمت پیش‌نویس", responsible_unit=units["it-statistics"], draft=True
    )
    response = client.get("/services/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "اداره رفاه دانشجویان" in html
    assert "مدیریت آمار و فناوری اطلاعات" in html
    assert "/services/LOAN-01/" in html
    assert "خدمت پیش‌نویس" not in html
    assert "رایگان" in html and "Free of charge" not in html


@pytest.mark.django_db
def test_filter_by_unit_includes_its_sub_units(client, catalog_site):
    units, _catalog = catalog_site
    ServiceFactory(code="LOAN-01", title="وام دانشجویی", responsible_unit=units["welfare-office"])
    ServiceFactory(code="IT-01", title="پست الکترونیک", responsible_unit=units["it-statistics"])
    html = client.get("/services/", {"unit": "welfare-office"}).content.decode()
    assert "/services/LOAN-01/" in html and "/services/IT-01/" not in html
    html = client.get("/services/", {"unit": "student-cultural-affairs"}).content.decode()
    assert "/services/LOAN-01/" in html and "/services/IT-01/" not in html
    html = client.get("/services/", {"unit": "it-statistics"}).content.decode()
    assert "/services/LOAN-01/" not in html and "/services/IT-01/" in html


@pytest.mark.django_db
def test_filter_by_channel_and_search(client, catalog_site):
    units, _catalog = catalog_site
    ServiceFactory(
        code="LOAN-01",
        title="درخواست وام‌های دانشجویی",
        responsible_unit=units["welfare-office"],
        channels=[Channel.WEB, Channel.IN_PERSON],
    )
    ServiceFactory(
        code="IT-02",
        title="پشتیبانی فنی",
        responsible_unit=units["it-statistics"],
        channels=[Channel.PHONE],
    )
    html = client.get("/services/", {"channel": "phone"}).content.decode()
    assert "/services/IT-02/" in html and "/services/LOAN-01/" not in html
    # Arabic letters, ZWNJ as a space and any case still find the service.
    html = client.get("/services/", {"q": "وام هاي"}).content.decode()
    assert "/services/LOAN-01/" in html and "/services/IT-02/" not in html
    html = client.get("/services/", {"q": "loan-01"}).content.decode()
    assert "/services/LOAN-01/" in html


@pytest.mark.django_db
def test_service_card_shows_fee_in_persian_digits_and_the_promised_time(
    client, catalog_site, only_test_plugin
):
    units, _catalog = catalog_site
    ServiceFactory(
        code="HLT-01",
        title="کارت بهداشت",
        responsible_unit=units["health-deputy"],
        is_free=False,
        fee=1_200_000,
        fee_notes="هزینهٔ دوره جداگانه است.",
        response_target_value=3,
        response_target_unit=TimeUnit.WORKING_DAYS,
        required_documents="کارت ملی\nعکس",
        start_url="https://example.org/start",
    )
    response = client.get("/services/HLT-01/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "۱٬۲۰۰٬۰۰۰" in html
    assert "۳" in html.split("response-target")[1][:80]
    assert "هزینهٔ دوره جداگانه است." in html
    assert "<li>عکس</li>" in html
    assert 'href="https://example.org/start"' in html
    # Codes are found whatever the case.
    assert client.get("/services/hlt-01/").status_code == 200
    assert client.get("/services/NOPE-1/").status_code == 404


@pytest.mark.django_db
def test_card_without_figures_says_no_data_yet(client, catalog_site, only_test_plugin):
    units, _catalog = catalog_site
    ServiceFactory(code="IT-01", responsible_unit=units["it-statistics"])
    html = client.get("/services/IT-01/").content.decode()
    assert "figures-none" in html
    assert "هنوز داده‌ای نیست" in html


@pytest.mark.django_db
def test_a_metric_without_a_value_says_no_data_yet(client, catalog_site, monkeypatch):
    from cms.plugins import SLAMetric, registry

    units, _catalog = catalog_site
    ServiceFactory(code="IT-01", responsible_unit=units["it-statistics"])
    metrics = [
        SLAMetric("availability", "دسترس‌پذیری", 99.2, "%", target=99),
        SLAMetric("answered_in_time", "پاسخ به‌موقع", None, "%", target=95),
    ]
    monkeypatch.setattr(registry, "sla_metrics", lambda code, start, end: metrics)
    html = client.get("/services/IT-01/").content.decode()
    assert "۹۹٫۲٪" in html
    assert "figure-value--none" in html
    assert "figures-none" not in html


@pytest.mark.django_db
def test_card_shows_the_plugins_figures_and_its_start_button(
    client, catalog_site, only_test_plugin
):
    """cms.tests.testplugin reports 97.5% answered in time (target 95) for TEST-1."""
    units, _catalog = catalog_site
    ServiceFactory(code="TEST-1", responsible_unit=units["it-statistics"], start_url="/elsewhere/")
    html = client.get("/services/TEST-1/").content.decode()
    assert "پاسخ به‌موقع" in html
    assert "۹۷٫۵٪" in html
    assert "۹۵٪" in html
    assert "figure--met" in html
    assert "figures-none" not in html
    # The plugin's form wins over the editor's fallback link.
    assert 'href="/testplugin/"' in html
    assert 'href="/elsewhere/"' not in html


@pytest.mark.django_db
def test_closed_service_has_no_start_button(client, catalog_site):
    units, _catalog = catalog_site
    ServiceFactory(code="TEST-1", responsible_unit=units["it-statistics"], is_open=False)
    html = client.get("/services/TEST-1/").content.decode()
    assert "button--start" not in html
    assert "service-closed" in html


@pytest.mark.django_db
def test_card_links_its_statement_and_shows_validity(client, catalog_site, home_page):
    units, _catalog = catalog_site
    index = make_sla_index(home_page)
    statement = make_statement(index)
    ServiceFactory(
        code="LOAN-01", responsible_unit=units["welfare-office"], sla_statement=statement
    )
    html = client.get("/services/LOAN-01/").content.decode()
    assert "/sla/student-loans/" in html
    assert "validity--expired" in html


@pytest.mark.django_db
def test_renamed_unit_is_found_by_its_new_name(client, catalog_site):
    units, _catalog = catalog_site
    ServiceFactory(code="IT-01", responsible_unit=units["it-statistics"])
    unit = units["it-statistics"]
    unit.title = "مدیریت فناوری اطلاعات و ارتباطات"
    unit.save_revision().publish()
    html = client.get("/services/", {"q": "ارتباطات"}).content.decode()
    assert "/services/IT-01/" in html


@pytest.mark.django_db
def test_get_absolute_url_is_the_card(catalog_site):
    units, _catalog = catalog_site
    service = ServiceFactory(code="LOAN-01", responsible_unit=units["welfare-office"])
    assert service.get_absolute_url() == "/services/LOAN-01/"
    assert list(units["welfare-office"].services.live()) == [service]


@pytest.mark.django_db
def test_english_catalog_uses_english_titles(client, catalog_site):
    from wagtail.models import Locale

    from cms.demo import ensure_translation

    units, catalog = catalog_site
    ensure_translation(catalog, Locale.objects.get(language_code="en"), title="Service catalog")
    ServiceFactory(
        code="LOAN-01",
        title="وام دانشجویی",
        title_en="Student loans",
        responsible_unit=units["welfare-office"],
        paid=True,
    )
    with translation.override("en"):
        html = client.get("/en/services/").content.decode()
        card = client.get("/en/services/LOAN-01/").content.decode()
    assert "Student loans" in html
    assert "/en/services/LOAN-01/" in html
    assert "1,200,000 Rials" in card
    assert "5 working days" in card


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_catalog_runs_a_fixed_number_of_queries(client, catalog_site):
    units, _catalog = catalog_site
    ServiceFactory(code="A-1", responsible_unit=units["welfare-office"])
    client.get("/services/")  # warm caches (site root paths, catalog URL)
    few = _count_queries(client, "/services/")
    for number, unit in enumerate(list(units.values()) * 3):
        ServiceFactory(code=f"B-{number}", responsible_unit=unit, paid=True)
    many = _count_queries(client, "/services/")
    assert many == few
    assert Service.objects.count() == 13


@pytest.mark.django_db
def test_statement_page_runs_a_fixed_number_of_queries(client, catalog_site, home_page):
    units, _catalog = catalog_site
    statement = make_statement(make_sla_index(home_page))
    ServiceFactory(code="A-1", responsible_unit=units["welfare-office"], sla_statement=statement)
    client.get("/sla/student-loans/")
    few = _count_queries(client, "/sla/student-loans/")
    for number in range(8):
        ServiceFactory(
            code=f"B-{number}", responsible_unit=units["it-statistics"], sla_statement=statement
        )
    assert _count_queries(client, "/sla/student-loans/") == few
