"""WCAG 2.2 AA in a real Chromium: axe-core and computed contrast on every public page.

One live server, one browser a test, the demo content loaded once a run (copied back for
the second test on SQLite: cms/tests/snapshots.py). Every public page
is opened at 1280 px and at 360 px (no sideways scrolling on the phone), every public
form after a failed submit (its error summary on screen), and the request and loan
application a visitor follows with a tracking code. A page fails on any serious or
critical axe violation and on any text below the WCAG contrast minimum by computed
colours (axe skips much Persian text). The main Persian pages may show no Latin digit
outside content marked Latin (codes with ``dir="ltr"``), and the English pages no
Persian letter outside ``lang="fa"``.
"""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .a11y_checks import axe_problems, contrast_problems, latin_digits, unmarked_persian
from .snapshots import built_once

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (1280, 360)
OPEN_DISCLOSURES = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
FORMS = [
    "/desk/request/",
    "/desk/complaint/",
    "/desk/letter/",
    "/desk/meeting/",
    "/track/",
    "/loans/track/",
    "/status/subscribe/",
    "/en/desk/complaint/",
    "/en/track/",
]
ENGLISH = ["/en/", "/en/services/", "/en/status/", "/en/desk/", "/en/loans/", "/en/units/"]
ENGLISH += ["/en/news/", "/en/sla/", "/en/track/", "/en/loans/track/"]


@pytest.fixture
def demo(db, settings, monkeypatch):
    """The demo portal, and the pages and codes the tests open (read before the browser
    starts: see services/outages/tests/test_browser.py). The test run's own plugin
    (cms/tests/testplugin) keeps its tile, menu entry and banner to itself here: its
    placeholder texts are not the portal's."""
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    test_plugin = type(apps.get_app_config("testplugin"))
    for method in ("get_home_tiles", "get_menu_entries", "get_banners"):
        monkeypatch.setattr(test_plugin, method, lambda self, request: [])
    built_once("load_demo", lambda: call_command("load_demo", stdout=StringIO()))
    cache.clear()
    page_model = apps.get_model("wagtailcore", "Page")
    service = apps.get_model("sla", "Service").objects.live().order_by("code").first()
    request = apps.get_model("desk", "ServiceRequest").objects.order_by("pk").first()
    application = apps.get_model("loans", "LoanApplication").objects.order_by("pk").first()
    live = page_model.objects.live().filter(locale__language_code="fa")
    first = {
        kind: live.filter(content_type__model=kind).order_by("path").first().url
        for kind in ("unitpage", "newspage", "slastatementpage", "standardpage")
    }
    persian = ["/", "/services/", service.get_absolute_url(), "/status/", "/desk/", "/loans/"]
    persian += ["/units/", first["unitpage"], "/news/", first["newspage"], "/sla/"]
    persian += [first["slastatementpage"], first["standardpage"], "/search/?q=وام", "/track/"]
    persian += ["/loans/track/", "/status/subscribe/"]
    return {
        "persian": persian,
        "request": (request.tracking_code, request.mobile),
        "application": (application.tracking_code, application.national_code),
    }


def check(page, problems, label, language):
    page.evaluate(OPEN_DISCLOSURES)
    found = [f"axe: {problem}" for problem in axe_problems(page)]
    found += [f"contrast: {problem}" for problem in contrast_problems(page)]
    if language == "fa":
        found += [f"Latin digit: {problem}" for problem in latin_digits(page)]
    else:
        found += [f"Persian without lang: {problem}" for problem in unmarked_persian(page)]
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"scrolls sideways: {scroll} px wide at {width} px")
    if found:
        problems[f"{label} at {width} px"] = found


def report(problems):
    return "\n".join(f"{where}:\n  " + "\n  ".join(found[:15]) for where, found in problems.items())


def test_every_public_page_in_both_languages_and_widths(live_server, demo, page_factory):
    problems = {}
    for width in WIDTHS:
        page = page_factory(width=width, height=900)
        for url in demo["persian"] + ENGLISH:
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            check(page, problems, url, "en" if url.startswith("/en/") else "fa")
    assert not problems, report(problems)


def test_forms_after_a_failed_submit_and_the_tracked_pages(live_server, demo, page_factory):
    problems = {}
    base = live_server.url
    for width in WIDTHS:
        page = page_factory(width=width, height=900)
        page.goto(base + "/loans/")
        loan_form = page.locator("main a[href*='/loans/apply/']").first.get_attribute("href")
        for url in [*FORMS, loan_form]:
            page.goto(base + url)
            if url == "/desk/meeting/":
                # The unit first: its officials' form follows (the list submits on change).
                page.select_option("#id_pick_unit", index=1)
                page.wait_for_url(re.compile(r".*[?&]unit=\d+"))
            page.locator("main form[method=post] button[type=submit]").first.click()
            try:
                page.wait_for_selector("#error-summary", timeout=10_000)
            except PlaywrightTimeout:
                problems[f"{url} at {width} px"] = ["no error summary after a failed submit"]
                continue
            check(page, problems, f"{url} after a failed submit", url[1:3])

    page = page_factory(width=360, height=900)
    code, mobile = demo["request"]
    page.goto(base + "/track/")
    page.fill("#id_code", code)
    page.fill("#id_mobile", mobile)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_url(base + "/track/request/")
    check(page, problems, "/track/request/", "fa")

    code, national_code = demo["application"]
    page.goto(base + "/loans/track/")
    page.fill("#id_code", code)
    page.fill("#id_national_code", national_code)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_url(base + "/loans/track/application/")
    check(page, problems, "/loans/track/application/", "fa")
    page.set_viewport_size({"width": 1280, "height": 900})
    check(page, problems, "/loans/track/application/", "fa")
    assert not problems, report(problems)
