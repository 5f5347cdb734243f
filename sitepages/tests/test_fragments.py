"""Pages rendered for a visitor reuse the parts every visitor sees alike (the header's
links and unit menu, the footer, the home's news), kept per page-cache generation
(cms.pagecache.cached_fragment), and are never wrong for it: an edit shows on the next
page, each page marks itself, each visitor sees their own search words, a page made
private is closed at once."""

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction, Site

from sitepages.models import PortalSettings

from .factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments(settings):
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def in_menu(home_page, title, slug):
    page = StandardPageFactory(parent=home_page, title=title, slug=slug, show_in_menus=True)
    page.save_revision().publish()
    return page


def test_a_page_published_into_the_menu_shows_in_the_header_of_every_page_at_once(
    client, home_page
):
    about = in_menu(home_page, "دربارهٔ دانشگاه", "about")
    assert "دربارهٔ دانشگاه" in client.get("/").content.decode()
    assert "دربارهٔ دانشگاه" in client.get(about.url).content.decode()
    about.title = "معرفی دانشگاه"
    about.save_revision().publish()
    for url in ("/", about.url):
        body = client.get(url).content.decode()
        assert "معرفی دانشگاه" in body and "دربارهٔ دانشگاه" not in body, url


def test_each_page_marks_itself_current_in_the_header(client, home_page):
    about = in_menu(home_page, "دربارهٔ دانشگاه", "about")
    contact = in_menu(home_page, "تماس با ما", "contact")
    client.get(about.url)
    body = client.get(contact.url).content.decode()
    assert f'href="{contact.url}" aria-current="page"' in body
    assert f'href="{about.url}" aria-current="page"' not in body


def test_each_visitor_sees_their_own_search_words(client, home_page):
    client.get("/search/?q=%D9%88%D8%A7%D9%85")  # وام
    body = client.get("/search/?q=%D8%AE%D9%88%D8%A7%D8%A8%DA%AF%D8%A7%D9%87").content.decode()
    assert 'value="خوابگاه"' in body and 'value="وام"' not in body


def test_a_changed_footer_setting_shows_at_once(client, home_page):
    client.get("/")
    row = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    row.address = "خیابان آزمون، پلاک ۹۹"
    row.save()
    assert "خیابان آزمون، پلاک ۹۹" in client.get("/").content.decode()


def test_a_new_announcement_shows_on_the_home_at_once(client, home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    assert "آغاز ثبت‌نام وام" not in client.get("/").content.decode()
    news = NewsPageFactory(parent=index, title="آغاز ثبت‌نام وام", slug="loan-news")
    news.save_revision().publish()
    assert "آغاز ثبت‌نام وام" in client.get("/").content.decode()


def test_a_page_made_private_is_closed_at_once(client, home_page):
    about = StandardPageFactory(parent=home_page, title="گزارش داخلی", slug="internal")
    assert client.get(about.url).status_code == 200
    assert client.get(about.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_each_language_has_its_own_header(client, home_page):
    client.get("/")
    english = client.get("/en/").content.decode()
    assert 'aria-label="Units of the university"' in english
    assert 'aria-label="Units of the university"' not in client.get("/").content.decode()
