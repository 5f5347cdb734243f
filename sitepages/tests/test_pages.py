from io import StringIO

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase

from sitepages.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
    UnitIndexPage,
    UnitPage,
)

from .factories import StandardPageFactory


class PageTreeRules(WagtailPageTestCase):
    def test_where_pages_may_go(self):
        self.assertAllowedParentPageTypes(UnitPage, {UnitIndexPage, UnitPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(UnitIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(UnitIndexPage, {UnitPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage, UnitPage})


@pytest.mark.django_db
def test_standard_page_renders_every_block(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="راهنمای ارتباط",
        slug="guide",
        body=[
            ("heading", {"text": "پنج راه ارتباط", "level": "h2"}),
            ("paragraph", RichText("<p>از منوی افقی واحد را انتخاب کنید.</p>")),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["راه", "پیگیری"], ["تلفن", "ندارد"]],
                },
            ),
            (
                "accordion",
                {
                    "title": "پرسش‌های پرتکرار",
                    "items": [
                        {"question": "کد رهگیری چیست؟", "answer": RichText("<p>کدی یکتا.</p>")}
                    ],
                },
            ),
        ],
    )
    html = client.get("/guide/").content.decode()
    assert "<h2>پنج راه ارتباط</h2>" in html
    assert "از منوی افقی واحد را انتخاب کنید." in html
    assert "<th" in html and "پیگیری" in html
    assert "<details" in html and "کد رهگیری چیست؟" in html


@pytest.mark.django_db
def test_demo_content_is_complete_and_loads_twice_without_duplicates(client, portal):
    from sitepages.demo_content import load_portal

    counts = (Page.objects.count(), UnitPage.objects.count(), NewsPage.objects.count())
    load_portal(stdout=StringIO())
    assert (Page.objects.count(), UnitPage.objects.count(), NewsPage.objects.count()) == counts

    fa_units = UnitPage.objects.filter(locale__language_code="fa")
    slugs = set(fa_units.values_list("slug", flat=True))
    assert {
        "student-cultural-affairs",
        "welfare-office",
        "it-statistics",
        "health-deputy",
        "treatment-deputy",
        "education-deputy",
        "research-deputy",
        "development-deputy",
        "food-drug-deputy",
        "public-relations",
        "inspection-complaints",
        "medicine-faculty",
    } <= slugs
    for unit in fa_units:
        assert unit.officials.filter(accepts_meetings=True).exists(), unit.slug
        assert unit.contacts.filter(kind="phone").exists(), unit.slug
    assert NewsPage.objects.live().count() >= 6
    for url in ["/", "/units/", "/news/", "/en/", "/en/units/", "/about/"]:
        assert client.get(url).status_code == 200, url
    welfare = client.get("/units/student-cultural-affairs/welfare-office/").content.decode()
    assert "اداره رفاه دانشجویی" in welfare
    english = client.get("/en/units/it-statistics/").content.decode()
    assert "Statistics and IT Management" in english and 'lang="en"' in english
    assert 'hreflang="fa"' in english  # a link back to the Persian page

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/units/it-statistics/" in sitemap and "/en/units/" in sitemap


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
