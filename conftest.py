"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"
CHROMIUM_CANDIDATES = [
    os.environ.get("CHROMIUM_PATH", ""),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_SERIALIZED_CONTENTS = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the migrated data (Wagtail's root page, locales, collections) of each test
    database, for browser tests to restore; see ``_restore_migrated_data``."""
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            _SERIALIZED_CONTENTS[alias] = _content_types_first(contents)


def _content_types_first(contents):
    """The same copy with content types first: signal handlers that run while the rest
    loads look content types up, and would create missing ones under other ids."""
    import json

    objects = json.loads(contents)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture(autouse=True)
def _restore_migrated_data(request):
    """Browser tests run on flushed transactional databases, and Django restores the
    data that migrations created (serialized_rollback) only through the connection
    object that carries the serialized copy. Once Playwright runs an event loop in this
    thread, Django hands out other connection objects, so give them the copy too before
    the database fixture sets the test up."""
    if request.node.get_closest_marker("browser") is None:
        return
    from django.db import connections

    for alias, contents in _SERIALIZED_CONTENTS.items():
        connections[alias]._test_serialized_contents = contents
    request.getfixturevalue("transactional_db")


def _used_transactional_db(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test the database is flushed: put back what migrations
    created (Wagtail's root page, locales, collections, content types) at once, so the
    next test finds the database as every other test does, whatever order the tests
    run in (pytest-xdist sends files to workers in any order)."""
    yield
    # After the last test the test databases are gone already: nothing to restore.
    if nextitem is None or not _SERIALIZED_CONTENTS or not _used_transactional_db(item):
        return
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        _restore_if_flushed()


def _restore_if_flushed():
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connections
    from wagtail.models import Page

    for alias, contents in _SERIALIZED_CONTENTS.items():
        if Page.objects.using(alias).filter(depth=1).exists():
            continue
        connection = connections[alias]
        # A flush that ran post_migrate re-created content types, permissions and the
        # groups apps make there, with other ids: clear them, then load the copy.
        call_command(
            "flush",
            database=alias,
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(contents)
        # The copy came with its primary keys: move sequences past them (PostgreSQL).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _persian_by_default():
    """Every test starts in the site's first language: a request to an /en/ page leaves
    English active in the thread, which would leak into whatever test runs next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files of a test go to its own folder, never to the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def home_page(db):
    """The demo home page (Persian) with its English translation, as the site root."""
    from io import StringIO

    from sitepages.demo_content import load_home
    from sitepages.models import HomePage

    load_home(stdout=StringIO())
    return HomePage.objects.get(depth=2, locale__language_code="fa")


def _chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and shutil.which(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright.

    Outside CI the browser tests skip when there is no Chromium; in CI (CI=true) a
    missing Chromium is an error, so the browser tests cannot silently vanish.
    """
    path = _chromium_path()
    if path is None:
        message = "No Chromium at /usr/bin/chromium: apt-get install -y chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made
    # by the test around it are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page_factory(browser):
    """Opens browser pages (desktop by default, or a phone-sized viewport)."""
    contexts = []

    def open_page(width=1280, height=900, locale="fa-IR"):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale=locale, is_mobile=width < 500
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Saves a screenshot under test-artifacts/screenshots/ and returns its path."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name, full_page=True):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
