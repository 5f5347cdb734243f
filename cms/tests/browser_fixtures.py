"""The browser tests' fixtures (``@pytest.mark.browser``, run apart by ``make browser``):
a headless Debian Chromium through Playwright, its pages, and screenshots. A plugin of
the root conftest.py (``pytest_plugins``)."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
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


def _chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and shutil.which(candidate):
            return candidate
    return None


@pytest.fixture
def browser(monkeypatch):
    """A headless Debian Chromium driven by Playwright, for one browser test.

    Browser tests run apart, in the browser run (``make browser``: ``-m browser`` with
    ``cms.settings.e2e``). Outside CI they skip when there is no Chromium; in CI
    (CI=true) a missing Chromium is an error, so the browser tests cannot silently vanish.

    Playwright's sync API keeps an asyncio event loop marked as running in the test's
    thread while it is open. Django then refuses the test's own ORM calls unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set (as Playwright's and pytest-django's documentation
    say), and gives that code other connection objects than the ones pytest-django set
    the test database up with. So the browser lives for one test only: it starts after
    pytest-django has prepared the database (autouse fixtures come first) and is gone
    before the database is flushed and its migrated data put back (teardown runs in
    reverse), and the variable is set only while it is open.
    """
    from django.conf import settings

    if not getattr(settings, "PORTAL_E2E", False):
        pytest.fail(
            "Browser tests run in their own run: make browser "
            "(pytest -m browser --ds=cms.settings.e2e)"
        )
    path = _chromium_path()
    if path is None:
        message = "No Chromium at /usr/bin/chromium: apt-get install -y chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
            # The connections the test's code opened while the loop ran.
            connections.close_all()


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
