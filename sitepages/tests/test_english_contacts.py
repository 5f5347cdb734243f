"""English pages: the site settings and unit contacts in English where editors gave it,
and whatever stays Persian marked ``lang="fa" dir="rtl"``."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import Site

from sitepages.models import PortalSettings, UnitContact

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_footer_and_unit_contacts_speak_english_or_mark_persian(client, portal):
    footer = soup(client, "/en/").find("footer")
    text = footer.get_text(" ", strip=True)
    assert "Alam-ol-Hoda Street" in text and "Saturday to Wednesday" in text
    assert footer.find("a", string="Ministry of Health and Medical Education") is not None
    # Without an English title, a link keeps the page's Persian title, marked Persian.
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_links[0].value["title_en"] = ""
    settings.address_en = ""
    settings.save()
    cache.clear()
    footer = soup(client, "/en/").find("footer")
    marked = footer.find_all(attrs={"lang": "fa"})
    assert all(element.get("dir") == "rtl" for element in marked)
    marked_texts = [element.get_text(strip=True) for element in marked]
    assert any("اراک" in text for text in marked_texts)  # the Persian address
    assert "واحدهای دانشگاه" in marked_texts
    # The Persian pages show the Persian text, unmarked.
    footer = soup(client, "/").find("footer")
    assert not footer.find_all(attrs={"lang": "fa"})
    assert "اراک، میدان بسیج" in footer.get_text()

    # A unit's contacts: the English label where given, the Persian one marked.
    contact = (
        UnitContact.objects.filter(label__gt="", page__locale__language_code="en")
        .order_by("pk")
        .first()
    )
    contact.label_en = "Deputy's office"
    contact.save()
    cache.clear()
    body = soup(client, contact.page.url)
    assert body.find("dt", string="Deputy's office") is not None
    for label in body.select(".contact-list dt span[lang]"):
        assert label["lang"] == "fa" and label["dir"] == "rtl"
