"""Unknown query parameters are a 400 on every public address (cms.querystring), seen
from the outside: every URL pattern of the site and every page type of the demo
content, in both languages, with a parameter nobody declared, and with the ones they
really read; malformed values; HEAD; the page cache on; the 400 page itself.

The demo content is loaded once for the module, inside a transaction that is rolled
back after its last test (each test runs in a savepoint of its own within it).
"""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from wagtail.models import Locale, get_page_models

pytestmark = pytest.mark.django_db

UNKNOWN = "utm_source"
PROJECT_APPS = ("sitepages", "sla", "services.")
# What a converter of a URL pattern is given: the middleware answers before the view
# looks anything up, so the values need not exist.
SAMPLES = {"int": "1", "slug": "sample", "str": "sample", "path": "sample", "uuid": None}
# The few regular-expression patterns the site has outside the page tree.
REGEX_SAMPLES = {"wagtaildocs_serve": "1/leaflet.pdf"}
# Served by the page tree (walked page by page below) or by the admins.
NOT_WALKED = {"wagtail_serve"}
OWNED_BY_ADMINS = ("admin/", "django-admin/", "media/")


def _clear_caches():
    for alias in ("default", "pages", "ratelimit"):
        caches[alias].clear()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _clear_caches()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            _clear_caches()  # Wagtail's site root paths, settings: not the next module's


@pytest.fixture(autouse=True)
def _fresh_cache(demo):
    _clear_caches()


def _route(pattern) -> str | None:
    """The path a pattern matches, with sample values for its converters."""
    if isinstance(pattern, RoutePattern):
        parts = re.split(r"<(?:(\w+):)?\w+>", str(pattern))
        # re.split leaves the text and the converters' names in turn.
        out = []
        for index, part in enumerate(parts):
            if index % 2 == 0:
                out.append(part)
            else:
                out.append(SAMPLES[part or "str"])
        return "".join(out)
    return None


def public_patterns():
    """(language prefix, path, view name) of every URL pattern outside the admins."""
    found = []

    def walk(patterns, prefix, i18n, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if isinstance(entry.pattern, LocalePrefixPattern):
                    walk(entry.url_patterns, prefix, True, namespace)
                    continue
                part = _route(entry.pattern)
                assert part is not None, f"a regular-expression include: {entry.pattern}"
                if (prefix + part).startswith(OWNED_BY_ADMINS):
                    continue
                inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + part, i18n, inner)
                continue
            assert isinstance(entry, URLPattern)
            name = f"{namespace}:{entry.name}".lstrip(":") if entry.name else str(entry.callback)
            if entry.name in NOT_WALKED:
                continue
            path = prefix + (
                REGEX_SAMPLES[entry.name]
                if isinstance(entry.pattern, RegexPattern)
                else _route(entry.pattern)
            )
            if path.startswith(OWNED_BY_ADMINS):
                continue
            found.extend((language, f"/{language}{path}", name) for language in ("", "en/"))
            if not i18n:
                found.pop()  # outside i18n_patterns: one address for both languages

    walk(get_resolver().url_patterns, "", False, "")
    return found


def project_page_models():
    return sorted(
        (m for m in get_page_models() if m.__module__.startswith(PROJECT_APPS)),
        key=lambda m: m._meta.label,
    )


@pytest.mark.parametrize(
    ("language", "address", "name"),
    public_patterns(),
    ids=[f"{a}" for _, a, _ in public_patterns()],
)
def test_every_public_url_pattern_refuses_an_unknown_parameter(client, language, address, name):
    response = client.get(f"{address}?{UNKNOWN}=newsletter")
    assert response.status_code == 400, name
    assert "no-store" in response["Cache-Control"]
    assert f"{UNKNOWN}" in response.content.decode()


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m._meta.label)
def test_every_page_type_answers_without_parameters_and_refuses_unknown_ones(
    client, model, language
):
    page = (
        model.objects.live()
        .public()
        .filter(locale=Locale.objects.get(language_code=language))
        .order_by("path")
        .first()
    )
    if page is None and language == "en":
        pytest.skip(f"the demo content has no English {model._meta.label}")
    assert page is not None, f"the demo content has no {model._meta.label}"
    url = page.get_url()
    assert client.get(url).status_code == 200
    refused = client.get(f"{url}?{UNKNOWN}=newsletter")
    assert refused.status_code == 400
    body = refused.content.decode()
    assert f'<html lang="{language}"' in body
    assert UNKNOWN in body


def _real_addresses():
    """The parameters every page and view really reads, with the answer a visitor gets."""
    from services.desk.forms.public import meeting_units_of_language
    from sitepages.models import UnitPage
    from sla.models import Service

    service = Service.objects.live().for_catalog().first()
    rows = [("/sitemap.xml?p=1", 200), ("/i18n/setlang/?next=/en/", 302)]
    for prefix, language in (("", "fa"), ("/en", "en")):
        unit = UnitPage.objects.live().filter(locale__language_code=language).first()
        meeting_unit = meeting_units_of_language().filter(locale__language_code=language).first()
        rows += [
            (f"{prefix}/search/?q=وام&page=1", 200),
            (f"{prefix}/units/?page=1", 200),
            (f"{prefix}/news/?tag=اطلاعیه&page=1", 200),
            (f"{prefix}/services/?q=وام&unit={unit.slug}&channel=web&page=1", 200),
            (f"{prefix}/status/?page=1", 200),
            (f"{prefix}/desk/request/?service={service.code}", 200),
            (f"{prefix}/chat/api/poll/?after=0", 403),  # no chat open in this browser
            (f"{prefix}/_util/login/?next=/", 200),
        ]
        # The demo's officials who receive citizens are on Persian unit pages only.
        if language == "fa" or meeting_unit is not None:
            rows.append((f"{prefix}/desk/meeting/?unit={meeting_unit.pk}", 200))
    return rows


def test_the_parameters_pages_and_views_really_read_are_understood(client):
    expected = dict(_real_addresses())  # before any request switches the thread's language
    answers = {address: client.get(address).status_code for address in expected}
    assert answers == expected


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("page=abc", "شمارهٔ صفحه"),
        ("page=-1", "شمارهٔ صفحه"),
        ("page=0", "شمارهٔ صفحه"),
        ("page=1.5", "شمارهٔ صفحه"),
        ("page=1234567890", "شمارهٔ صفحه"),
        ("page=1&page=2", "بیش از یک بار"),
        ("tag=a&tag=b", "بیش از یک بار"),
        ("page=1&x=2", "نمی‌شناسد"),
    ],
)
def test_malformed_values_of_known_parameters_are_a_persian_400(client, query, says):
    response = client.get(f"/news/?{query}")
    assert response.status_code == 400
    assert says in response.content.decode()


@pytest.mark.parametrize("address", ["/units/", "/news/", "/services/", "/status/"])
def test_a_page_number_past_the_end_shows_the_last_page(client, address):
    past = client.get(f"{address}?page=999999")
    assert past.status_code == 200
    assert 'rel="next"' not in past.content.decode()  # the last page: nothing after it
    persian_digits = client.get(f"{address}?page=۱")
    assert persian_digits.status_code == 200


def test_a_unit_that_does_not_exist_is_a_400_on_the_meeting_form(client):
    assert client.get("/desk/meeting/?unit=999999").status_code == 400


def test_head_requests_are_checked_like_get(client):
    assert client.head("/news/").status_code == 200
    assert client.head(f"/news/?{UNKNOWN}=x").status_code == 400
    assert client.head(f"/desk/?{UNKNOWN}=x").status_code == 400


def test_the_persian_400_page_names_the_parameter_and_links_home(client):
    response = client.get("/news/?ref=twitter")
    body = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fa" dir="rtl">' in body
    assert "«ref»" in body and "این نشانی پارامترهایی دارد" in body
    assert '<a href="/news/">' in body  # the same page without the parameters
    assert '<a class="button" href="/">' in body
    assert "{{" not in body and "%(" not in body


def test_the_english_400_page_is_in_english(client):
    response = client.get("/en/desk/?ref=twitter")
    body = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="en" dir="ltr">' in body
    assert "This address has parameters this page does not understand: “ref”." in body
    assert '<a class="button" href="/en/">' in body


@pytest.mark.parametrize("address", ["/en/desk/?ref=twitter", "/en/?ref=twitter"])
def test_the_other_language_link_of_a_400_page_leads_to_a_working_page(client, address):
    """The switcher drops the refused parameter instead of leading to another 400."""
    body = client.get(address).content.decode()
    persian = re.search(r'class="language-link" href="([^"]*)" hreflang="fa"', body).group(1)
    assert "ref=" not in persian
    assert client.get(persian).status_code == 200


def test_a_parameter_name_is_shown_escaped(client):
    body = client.get("/?%3Cscript%3Ealert(1)%3C/script%3E=1").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body


def test_the_page_cache_never_answers_an_unknown_parameter(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    assert client.get("/news/").status_code == 200
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    for _ in range(2):
        refused = client.get(f"/news/?{UNKNOWN}=x")
        assert refused.status_code == 400 and "X-Page-Cache" not in refused
    assert client.get("/news/?page=1").status_code == 200
    assert client.get("/news/?page=1")["X-Page-Cache"] == "hit"
    assert client.get("/news/?page=abc").status_code == 400
    assert client.get("/news/?page=abc").status_code == 400


def test_previews_of_every_page_type_still_render(client):
    admin = get_user_model().objects.create_superuser("preview-admin", "p@example.ir", "x")
    client.force_login(admin)
    for model in project_page_models():
        page = model.objects.order_by("path").first()
        response = client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert response.status_code == 200, model._meta.label


def test_a_request_for_another_host_is_still_a_400_not_a_500(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example.ac.ir"]
    client.raise_request_exception = False
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400


def test_the_walk_covers_the_plugins_public_addresses():
    walked = {name for _, _, name in public_patterns()}
    for expected in ("desk:hub", "desk_track:lookup", "loans:index", "outages:index"):
        assert expected in walked
    assert {"chat:hub", "chat:api_poll", "robots_txt", "sitemap", "healthz"} <= walked
    assert len(project_page_models()) >= 10
