"""Chromium opens the main admin and public pages under the Content-Security-Policy and
reports no violation (a blocked script, style, image or frame) on any of them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from .snapshots import built_once

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC = ["/", "/units/", "/news/", "/search/?q=وام", "/services/", "/sla/", "/desk/"]
PUBLIC += ["/track/", "/loans/", "/status/", "/en/"]


def watch(page):
    """Every CSP violation the page reports, from the console and from the DOM event."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def admin_urls():
    from sitepages.models import UnitPage
    from sla.models import Service

    unit = UnitPage.objects.live().order_by("path").first()
    service = Service.objects.order_by("pk").first()
    return [
        "/admin/",
        reverse("wagtailadmin_pages:edit", args=[unit.pk]),
        reverse("wagtailsnippets_sla_service:edit", args=[service.pk]),
        "/admin/desk/requests/",
        "/admin/loans/applications/",
    ]


def test_admin_and_public_pages_load_without_csp_violations(live_server, page_factory):
    built_once("load_demo", lambda: call_command("load_demo", stdout=StringIO()))
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("csp-root", "r@example.ir", "x-Long-1403")
    client = Client()
    client.force_login(admin)

    public = page_factory()
    violations = watch(public)
    for url in PUBLIC:
        response = public.goto(live_server.url + url)
        assert response.status == 200, url
        public.wait_for_load_state("networkidle")
    assert violations == [], violations

    staff = page_factory()
    staff.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    violations = watch(staff)
    for url in admin_urls():
        response = staff.goto(live_server.url + url)
        assert response.status == 200, url
        staff.wait_for_load_state("networkidle")
        # The admin's scripts ran: the sidebar was drawn by JavaScript.
        assert staff.locator("[data-wagtail-sidebar], #wagtail-sidebar, .sidebar").count() >= 1
    # The page editor's preview panel is framed by the admin itself.
    assert violations == [], violations
