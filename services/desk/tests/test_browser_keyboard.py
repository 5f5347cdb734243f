"""Keyboard only: a complaint with a file after one failed attempt. Focus lands on the
error summary, each of its links takes focus to its field, the form is fixed and sent."""

import pytest

from services.desk.models import ServiceRequest

from .conftest import PDF_BYTES
from .factories import make_units

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ACTIVE = "(() => { const e = document.activeElement; return e.id || e.getAttribute('href') || e.tagName; })()"
VALUES = {
    "id_mobile": "09121234567",
    "id_subject": "شکایت از قطعی سامانه",
    "id_body": "سامانه در روز انتخاب واحد سه بار قطع شد.",
}


def tab_to(page, wanted, key="Tab", limit=80):
    for _ in range(limit):
        if page.evaluate(ACTIVE) == wanted:
            return
        page.keyboard.press(key)
    raise AssertionError(
        f"{wanted} is not reachable with {key}: focus is on {page.evaluate(ACTIVE)}"
    )


def test_a_complaint_with_a_file_is_fixed_from_the_error_summary_with_the_keyboard(
    live_server, home_page, page_factory, screenshot, settings
):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    make_units(home_page)
    page = page_factory()
    page.goto(live_server.url + "/desk/complaint/")
    tab_to(page, "id_name")
    page.keyboard.type("مریم احمدی")
    page.keyboard.press("Enter")  # sends the form with most fields empty

    page.wait_for_selector("#error-summary")
    assert page.evaluate(ACTIVE) == "error-summary"  # focus moved to the summary
    assert "مشکلی وجود دارد" in page.locator("#error-summary").inner_text()
    screenshot(page, "desk-complaint-error-summary")
    links = page.locator("#error-summary a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert {"#id_mobile", "#id_concerned_unit", "#id_subject", "#id_body"} <= set(links)

    # Forward from the summary to its first link, then back to each next one with Shift+Tab.
    page.keyboard.press("Tab")
    for index, href in enumerate(links):
        if index:
            tab_to(page, href, key="Shift+Tab")
        assert page.evaluate(ACTIVE) == href
        page.keyboard.press("Enter")
        assert page.evaluate(ACTIVE) == href[1:]  # the link put focus on its field
        described = page.get_attribute(href, "aria-describedby") or ""
        assert f"{href[1:]}_error" in described.split()
        if href == "#id_concerned_unit":
            page.keyboard.press("ArrowDown")
            assert page.input_value(href)
        else:
            page.keyboard.press("Control+A")
            page.keyboard.type(VALUES[href[1:]])

    tab_to(page, "id_attachments")
    page.set_input_files(
        "#id_attachments",
        files=[{"name": "گزارش.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.keyboard.press("Tab")
    tab_to(page, "BUTTON")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/desk/done/")
    complaint = ServiceRequest.objects.get()
    assert complaint.subject == VALUES["id_subject"]
    assert complaint.attachments.count() == 1
