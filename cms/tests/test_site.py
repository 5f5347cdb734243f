import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError
from wagtail.models import Page

from cms.demo import DEMO_PASSWORD_DEFAULT as DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_home_page_is_persian_right_to_left(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fa" dir="rtl">'
    body = response.content.decode()
    assert "رفتن به محتوا" in body  # the skip link, from the Persian catalogue
    assert "دانشگاه علوم پزشکی اراک" in body
    assert "Vazirmatn-Variable" in body


def test_english_is_second_language_under_en(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="en" dir="ltr">'
    assert "Arak University of Medical Sciences" in response.content.decode()


def test_persian_needs_no_prefix_whatever_the_browser_prefers(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fa" dir="rtl">'


def test_language_switcher_keeps_the_page(client, home_page):
    fa_body = client.get("/").content.decode()
    assert 'href="/en/" hreflang="en"' in fa_body
    en_body = client.get("/en/").content.decode()
    assert 'href="/" hreflang="fa"' in en_body


def test_language_switcher_on_a_plugin_page_keeps_the_path(client, home_page):
    body = client.get("/testplugin/").content.decode()
    assert 'href="/en/testplugin/" hreflang="en"' in body


def test_footer_shows_contacts_from_site_settings(client, home_page):
    body = client.get("/").content.decode()
    assert 'href="tel:08633690000"' in body
    assert 'href="mailto:info@arakmu.ac.ir"' in body
    assert "۰۸۶-۳۳۶۹۰۰۰۰" in body


def test_missing_page_gives_persian_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert html_tag(response) == '<html lang="fa" dir="rtl">'
    assert "صفحه پیدا نشد" in body


def test_server_error_gives_persian_500_without_traceback(client, home_page, settings):
    client.raise_request_exception = False
    with mock.patch(
        "sitepages.models.HomePage.serve", side_effect=RuntimeError("secret internals")
    ):
        response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "خطایی در سرور رخ داد" in body
    assert "secret internals" not in body
    assert "Traceback" not in body


def test_healthz_answers_200_when_database_is_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_database_is_unreachable(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_wagtail_admin_speaks_persian_by_default(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<html[^>]*lang="fa"[^>]*dir="rtl"', body)
    assert "داشبورد" in body and "Dashboard" not in body


def test_load_demo_twice_duplicates_nothing(home_page, settings, monkeypatch):
    """On a development machine (DEBUG on, no DEMO_PASSWORD) every demo account takes the
    demo password, whichever part of the demo made it (the password is hashed once)."""
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.DEBUG = True
    counts_before = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    first = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == first >= counts_before
    accounts = get_user_model().objects.exclude(username="admin")
    assert accounts.count() >= 15
    assert {user.username for user in accounts if user.check_password(DEMO_PASSWORD)} == {
        user.username for user in accounts
    }
    assert not any(user.check_password(DEMO_PASSWORD + "x") for user in accounts)


def test_ensure_admin_uses_admin_password(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-strong-demo-password")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("a-strong-demo-password")
    assert "a-strong-demo-password" not in out.getvalue()


def test_ensure_admin_generates_and_prints_password_once(monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = re.search(r"password is: (\S+)", out.getvalue()).group(1)
    assert get_user_model().objects.get(username="admin").check_password(password)
    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
