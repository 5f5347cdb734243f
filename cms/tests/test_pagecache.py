"""The anonymous page cache is never wrong (cms.pagecache).

What a visitor would notice: a change an editor publishes, a new site setting, the
other language, an editor's own view of the site, and the page's script policy.
"""

import base64
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import path
from wagtail.models import Site

from sitepages.models import PortalSettings
from sitepages.tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

CACHED = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_the_second_anonymous_visit_is_served_from_the_cache_with_an_etag(client, home_page):
    first = client.get("/")
    second = client.get("/")
    assert first[CACHED] == "miss" and second[CACHED] == "hit"
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert "no-cache" in second["Cache-Control"]  # browsers ask again, and get a 304
    again = client.get("/", headers={"if-none-match": second["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_a_published_change_shows_on_the_next_visit(client, home_page):
    client.get("/")
    assert client.get("/")[CACHED] == "hit"
    home_page.title = "درگاه تازهٔ دانشگاه"
    home_page.save_revision().publish()
    response = client.get("/")
    assert response[CACHED] == "miss"
    assert "درگاه تازهٔ دانشگاه" in response.content.decode()


def test_an_unpublished_page_leaves_the_cache(client, home_page):
    news = StandardPageFactory(parent=home_page, title="دربارهٔ دانشگاه", slug="about")
    url = news.url
    assert client.get(url).status_code == 200
    assert client.get(url)[CACHED] == "hit"
    news.unpublish()
    assert client.get(url).status_code == 404


def test_a_changed_site_setting_shows_on_cached_pages(client, home_page):
    client.get("/")
    settings_row = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.address = "خیابان آزمون، پلاک ۹۹"
    settings_row.save()
    assert "خیابان آزمون، پلاک ۹۹" in client.get("/").content.decode()


def test_each_language_has_its_own_page_whatever_the_browser_asks(client, home_page):
    english = client.get("/en/")
    persian = client.get("/", headers={"accept-language": "en"})
    assert 'lang="en"' in english.content.decode()
    assert 'lang="fa"' in persian.content.decode()
    assert client.get("/", headers={"accept-language": "en"})[CACHED] == "hit"
    assert 'lang="fa"' in client.get("/").content.decode()
    assert 'lang="en"' in client.get("/en/").content.decode()


def test_a_logged_in_editor_gets_a_fresh_page_that_is_never_kept(client, home_page):
    client.get("/")  # an anonymous visit fills the cache
    editor = get_user_model().objects.create_superuser("editor", "e@example.ir", "x-Long-pass-1")
    client.force_login(editor)
    # A change made without the signals of a publish (as a script would): the editor
    # sees it at once, because the editor's pages never come from the cache.
    type(home_page).objects.filter(pk=home_page.pk).update(title="عنوان پیش از انتشار")
    response = client.get("/")
    assert CACHED not in response
    assert "عنوان پیش از انتشار" in response.content.decode()
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/")
    assert anonymous[CACHED] == "hit"  # the editor's page did not replace the visitor's
    assert "عنوان پیش از انتشار" not in anonymous.content.decode()


def test_a_visitor_with_a_language_or_session_cookie_is_not_served_from_the_cache(
    client, home_page
):
    client.get("/")
    client.cookies["sessionid"] = "whatever"
    assert CACHED not in client.get("/")


def test_cached_pages_carry_no_nonce_and_their_inline_script_matches_the_policy(client, home_page):
    client.get("/")
    response = client.get("/")
    assert response[CACHED] == "hit"
    policy = response["Content-Security-Policy"]
    assert "'nonce-" not in policy
    body = re.search(r"<script>(.*?)</script>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy


def nonced_page(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>', content_type="text/html")


def page_setting_a_cookie(request):
    response = HttpResponse("<p>hello</p>", content_type="text/html")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [path("nonced/", nonced_page), path("cookie/", page_setting_a_cookie)]


@pytest.mark.urls(__name__)
def test_a_page_that_uses_a_nonce_or_sets_a_cookie_is_not_kept(client):
    # A later visitor must never be handed a nonce that was sent to someone else.
    first, second = client.get("/nonced/"), client.get("/nonced/")
    assert CACHED not in first and CACHED not in second
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]
    assert first.content != second.content
    client.cookies.clear()
    assert CACHED not in client.get("/cookie/")
    client.cookies.clear()
    assert "seen" in client.get("/cookie/").cookies


def test_posts_are_never_cached(client, home_page):
    assert CACHED not in client.post("/")
    assert CACHED not in client.post("/")
