"""The demo content: services on the sitepages units and the customer's statement."""

import datetime as dt
from io import StringIO

import pytest

from sla.demo_content import SERVICES, load_sla
from sla.models import Service, ServiceCatalogPage, SLAStatementPage

from .factories import make_units


def test_demo_without_units_creates_no_services_and_does_not_crash(home_page):
    out = StringIO()
    load_sla(out)
    assert Service.objects.count() == 0
    assert "no unit page" in out.getvalue()
    assert ServiceCatalogPage.objects.filter(slug="services").count() == 2  # fa and en


def test_demo_loads_services_and_the_published_statement_idempotently(client, home_page):
    units = {slug for spec in SERVICES for slug in [spec["unit"]]}
    tree = {"student-cultural-affairs": None, "welfare-office": "student-cultural-affairs"}
    tree.update({slug: None for slug in units if slug not in tree})
    make_units(home_page, tree)
    load_sla(StringIO())
    load_sla(StringIO())
    assert Service.objects.count() == len(SERVICES) >= 10
    assert Service.objects.filter(is_free=True).exists()
    assert Service.objects.filter(is_free=False, fee__gt=0).exists()
    loan = Service.objects.get(code="LOAN-01")
    assert loan.responsible_unit.slug == "welfare-office"
    statement = SLAStatementPage.objects.get()
    assert statement.live
    assert statement.valid_until == dt.date(2022, 3, 20)
    assert loan.sla_statement_id == statement.pk
    assert client.get("/sla/").status_code == 200
    assert client.get(statement.url).status_code == 200
    assert client.get("/services/LOAN-01/").status_code == 200
    assert client.get("/en/services/").status_code == 200


@pytest.mark.django_db
def test_demo_with_the_sitepages_demo_units(home_page):
    """When the sitepages engineer's demo units exist, every service finds its unit."""
    pytest.importorskip("sitepages.demo_units")
    from cms.demo import registered_loaders

    loaders = [
        loader for loader in registered_loaders() if loader.__module__.startswith("sitepages")
    ]
    for loader in loaders:
        loader(StringIO())
    load_sla(StringIO())
    from sitepages.models import UnitPage

    expected = sum(1 for spec in SERVICES if UnitPage.objects.filter(slug=spec["unit"]).exists())
    assert Service.objects.count() == expected
