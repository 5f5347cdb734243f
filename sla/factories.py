"""Factories and page builders of the service catalog, for the tests and the demo content."""

import datetime as dt

import factory

from sitepages.models import UnitIndexPage, UnitPage
from sla.enums import Channel, ServiceType, TimeUnit
from sla.models import Service, ServiceCatalogPage, SLAIndexPage, SLAStatementPage


def add_page(parent, page_class, *, publish=True, **fields):
    page = page_class(live=publish, **fields)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def make_units(home, tree=None):
    """Unit pages by slug: {"welfare-office": UnitPage, ...}; ``tree`` maps child to parent."""
    tree = tree or {
        "student-cultural-affairs": None,
        "welfare-office": "student-cultural-affairs",
        "it-statistics": None,
        "health-deputy": None,
    }
    titles = {
        "student-cultural-affairs": "معاونت دانشجویی و فرهنگی",
        "welfare-office": "اداره رفاه دانشجویان",
        "it-statistics": "مدیریت آمار و فناوری اطلاعات",
        "health-deputy": "معاونت بهداشت",
    }
    index = add_page(home, UnitIndexPage, title="واحدها", slug="units")
    units = {}
    for slug, parent_slug in tree.items():
        parent = units[parent_slug] if parent_slug else index
        units[slug] = add_page(parent, UnitPage, title=titles.get(slug, slug), slug=slug)
    return units


def make_catalog(home, **fields):
    fields.setdefault("title", "فهرست خدمات")
    return add_page(home, ServiceCatalogPage, slug="services", **fields)


def make_sla_index(home, **fields):
    fields.setdefault("title", "توافق‌نامه‌های سطح خدمت")
    return add_page(home, SLAIndexPage, slug="sla", **fields)


def make_statement(index, valid_until=dt.date(2022, 3, 20), publish=True, **fields):
    fields.setdefault("title", "توافق‌نامه سطح خدمت وام دانشجویی")
    fields.setdefault("slug", "student-loans")
    return add_page(index, SLAStatementPage, valid_until=valid_until, publish=publish, **fields)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    code = factory.Sequence(lambda n: f"SRV-{n:03d}")
    title = factory.Sequence(lambda n: f"خدمت آزمایشی {n}")
    service_type = ServiceType.G2C
    audience = factory.LazyFunction(lambda: ["citizens"])
    channels = factory.LazyFunction(lambda: [Channel.WEB])
    is_free = True
    fee = None
    response_target_value = 5
    response_target_unit = TimeUnit.WORKING_DAYS
    live = True

    class Params:
        paid = factory.Trait(is_free=False, fee=1_200_000)
        draft = factory.Trait(live=False)
