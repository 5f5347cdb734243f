"""Absolute links in emails and text messages, from one configured base URL.

Every link a citizen, a student or a member of staff receives (desk tracking, outage
subscription confirm/unsubscribe, SLA expiry warnings, Wagtail's own admin emails) is
built here from ``PORTAL_BASE_URL``, never from the request's Host header, which anyone
can forge. Production refuses to start without it (``cms.settings.production``); in
development it falls back to the default Wagtail site's root URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def validate_base_url(url: str) -> str:
    """``url`` without its trailing slash, or ImproperlyConfigured when it is no base URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must be the portal's public address, e.g. "
            f"https://portal.example.ac.ir (got {url!r})."
        )
    if parts.query or parts.fragment or parts.path not in {"", "/"}:
        raise ImproperlyConfigured(
            "PORTAL_BASE_URL is a scheme and a host (and a port), without a path or query."
        )
    return f"{parts.scheme}://{parts.netloc}"


def base_url() -> str:
    """The portal's public address, without a trailing slash."""
    configured = getattr(settings, "PORTAL_BASE_URL", "")
    if configured:
        return validate_base_url(configured)
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "http://localhost"
    return site.root_url.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse`` or a page's URL) as an absolute link on the portal."""
    if not path.startswith("/"):
        path = f"/{path}"
    return f"{base_url()}{path}"
