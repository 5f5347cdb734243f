"""Content-Security-Policy on every page: no foreign or un-nonce'd script, no framing."""

import re

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_allow_only_own_and_nonced_scripts_and_no_framing(client, home_page):
    response = client.get("/")
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    (nonce,) = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    # The one inline script of the page carries this response's nonce, and only it.
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert scripts and all(f'nonce="{nonce[7:-1]}"' in attrs for attrs in scripts)
    assert directives(client.get("/")) != policy  # a fresh nonce on every response


def test_the_admin_keeps_framing_refused_except_its_own_preview(client, home_page):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "r@example.ir", "x-Long-pass-1")
    client.force_login(admin)
    policy = directives(client.get("/admin/"))
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    preview = client.get(f"/admin/pages/{home_page.pk}/edit/preview/")
    assert directives(preview)["frame-ancestors"] == ["'self'"]
