"""Content-Security-Policy on every page: no foreign script, inline ones only by hash or nonce, no framing."""

import base64
import hashlib
import re

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_allow_only_own_and_hashed_or_nonced_scripts_and_no_framing(client, home_page):
    response = client.get("/")
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    # Every inline script of the page is allowed by its hash in the policy, or by this
    # response's nonce; a page that uses no nonce sends none (so it can be cached).
    hashes = {v[8:-1] for v in policy["script-src"] if v.startswith("'sha256-")}
    nonces = {v[7:-1] for v in policy["script-src"] if v.startswith("'nonce-")}
    scripts = re.findall(
        r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", response.content.decode(), re.S
    )
    assert scripts
    for attrs, body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert digest in hashes or any(f'nonce="{nonce}"' in attrs for nonce in nonces)
    assert not nonces or directives(client.get("/")) != policy  # never a nonce twice


def test_the_admin_keeps_framing_refused_except_its_own_preview(client, home_page):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "r@example.ir", "x-Long-pass-1")
    client.force_login(admin)
    policy = directives(client.get("/admin/"))
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    preview = client.get(f"/admin/pages/{home_page.pk}/edit/preview/")
    assert directives(preview)["frame-ancestors"] == ["'self'"]
