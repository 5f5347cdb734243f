"""Factories of the portal pages (wagtail-factories), for the tests and the demo content."""

import datetime as dt

import factory
import wagtail_factories
from wagtail.models import Collection

from sitepages.models import (
    NewsIndexPage,
    NewsPage,
    OfficeHours,
    Official,
    StandardPage,
    UnitContact,
    UnitIndexPage,
    UnitPage,
)

# Units the plugins' tests share, by slug (found again if a test made them already).
UNIT_TITLES = {
    "welfare-office": "اداره رفاه دانشجویان",
    "it-statistics": "مدیریت آمار و فناوری اطلاعات",
    "inspection-complaints": "مدیریت بازرسی و پاسخگویی به شکایات",
    "health-deputy": "معاونت بهداشت",
}


def add_page(parent, page_class, **fields):
    """A live, published child page of ``parent``."""
    page = page_class(live=True, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_units(home, slugs=tuple(UNIT_TITLES)):
    """Unit pages by slug under the "units" index, each made once."""
    index = UnitIndexPage.objects.filter(slug="units").first() or add_page(
        home, UnitIndexPage, title="واحدها", slug="units"
    )
    return {
        slug: UnitPage.objects.filter(slug=slug).first()
        or add_page(index, UnitPage, title=UNIT_TITLES.get(slug, slug), slug=slug)
        for slug in slugs
    }


class UnitIndexPageFactory(wagtail_factories.PageFactory):
    title = "واحدهای دانشگاه"
    slug = "units"
    show_in_menus = True

    class Meta:
        model = UnitIndexPage


class UnitPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"واحد آزمایشی {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")
    kind = "management"
    summary = "خلاصهٔ واحد آزمایشی"
    show_in_menus = True

    class Meta:
        model = UnitPage


class UnitContactFactory(factory.django.DjangoModelFactory):
    kind = "phone"
    value = factory.Sequence(lambda n: f"086-3368{n % 10000:04d}")

    class Meta:
        model = UnitContact

    class Params:
        email = factory.Trait(
            kind="email", value=factory.Sequence(lambda n: f"unit{n}@arakmu.ac.ir")
        )


class OfficeHoursFactory(factory.django.DjangoModelFactory):
    weekday = 5
    opens = dt.time(7, 30)
    closes = dt.time(14, 30)

    class Meta:
        model = OfficeHours


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=120, height=120, color="teal")


class OfficialFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"مسئول شمارهٔ {n}")
    post = "کارشناس"
    phone = "086-33686600"
    email = factory.Sequence(lambda n: f"official{n}@arakmu.ac.ir")

    class Meta:
        model = Official

    class Params:
        head = factory.Trait(post="مدیر", accepts_meetings=True, meeting_times="یکشنبه‌ها ۱۰ تا ۱۲")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "اطلاعیه‌ها"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"اطلاعیهٔ شمارهٔ {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "خلاصهٔ اطلاعیه"
    date = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=n % 300))

    class Meta:
        model = NewsPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"صفحهٔ {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    class Meta:
        model = StandardPage
