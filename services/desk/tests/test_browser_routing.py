"""Routing in Chromium: the same request sent from / and /en/ reaches the same staff
member's queue; a request to a unit without staff reaches its fallback (parent) queue."""

import re

import pytest
from wagtail.models import Locale

from cms.demo import ensure_translation
from sitepages.models import UnitPage

from .factories import DeskStaffFactory, add_page, make_units
from .test_browser import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def send(page, base, prefix, unit_label, subject):
    page.goto(f"{base}{prefix}/desk/request/")
    page.fill("#id_name", "Maryam Ahmadi")
    page.fill("#id_mobile", "09121234567")
    page.select_option("#id_unit", label=unit_label)
    page.fill("#id_subject", subject)
    page.fill("#id_body", "Please issue an enrolment certificate.")
    page.click(".desk-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/desk/done/$"))


def test_fa_and_en_requests_share_a_queue_and_unstaffed_units_fall_back(
    live_server, home_page, page_factory, screenshot, settings
):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    units = make_units(home_page)
    welfare = units["welfare-office"]
    ensure_translation(welfare, Locale.objects.get(language_code="en"), title="Welfare Office")
    dorms = add_page(welfare, UnitPage, title="دفتر خوابگاه‌ها", slug="dorms")
    staff = DeskStaffFactory(unit=welfare).user
    base = live_server.url

    citizen = page_factory()
    send(citizen, base, "", welfare.title, "گواهی اشتغال به تحصیل")
    send(citizen, base, "/en", "Welfare Office", "Enrolment certificate")
    send(citizen, base, "", "— " + dorms.title, "درخواست خوابگاه")

    admin = page_factory()
    login(admin, base, staff)
    admin.goto(base + "/admin/desk/requests/")
    queue = admin.locator("table.listing").inner_text()
    for subject in ("گواهی اشتغال به تحصیل", "Enrolment certificate", "درخواست خوابگاه"):
        assert subject in queue
    screenshot(admin, "desk-queue-fa-en-fallback")
