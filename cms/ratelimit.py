"""Per-client throttling, and caps per destination, on a cache every worker shares.

A fixed window per (scope, client): the first hit of a window creates the counter with
the window as its timeout, later hits increment it. The counters live in the cache
alias ``ratelimit`` (Redis when ``REDIS_URL`` is set, else the database cache table that
``migrate`` creates), so two workers or two hosts count together. The client is its
address (:mod:`cms.client_address`: a proxy's header only from a trusted proxy), hashed.

Besides the client, messages are capped per destination: :func:`destination_allowed`
says whether one more text message or email may go to a mobile number or an address
(``PORTAL_SMS_DESTINATION_LIMIT``, ``PORTAL_EMAIL_DESTINATION_LIMIT``), so that many
clients cannot flood one person's phone or mailbox.

    from cms.ratelimit import ratelimit

    @ratelimit("track-lookup", limit=10, period=600)
    def lookup(request): ...

or, inside a view, ``if not hit(request, "desk-submit", 5, 3600): ...``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .client_address import client_address

logger = logging.getLogger(__name__)

CACHE_ALIAS = "ratelimit"
DEFAULT_DESTINATION_LIMIT = (5, 3600)


def _cache():
    return caches[CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def client_id(request) -> str:
    return _digest(client_address(request) or "unknown")


def _key(scope: str, client: str, period: int) -> str:
    window = int(time.time() // period)
    return f"ratelimit:{scope}:{client}:{window}"


def is_enabled() -> bool:
    return getattr(settings, "PORTAL_RATELIMIT_ENABLED", True)


def _count(key: str, period: int) -> int:
    cache = _cache()
    if cache.add(key, 1, timeout=period):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this hit opens a new window.
        cache.set(key, 1, timeout=period)
        return 1


def hit(request, scope: str, limit: int, period: int) -> bool:
    """Counts one hit; ``True`` while the client is within ``limit`` hits per window."""
    if not is_enabled():
        return True
    return _count(_key(scope, client_id(request), period), period) <= limit


def hit_key(scope: str, key: str, limit: int, period: int) -> bool:
    """:func:`hit` for a client named by something else than a request (a mobile number,
    a WebSocket's address): counts one hit for ``key`` (stored only as a hash)."""
    if not is_enabled():
        return True
    return _count(_key(scope, _digest(str(key).strip().lower()), period), period) <= limit


def key_within(scope: str, key: str, limit: int, period: int) -> bool:
    """Whether ``key`` had fewer than ``limit`` hits (:func:`hit_key`) in this window,
    without counting one."""
    if not is_enabled():
        return True
    return _cache().get(_key(scope, _digest(str(key).strip().lower()), period), 0) < limit


def remaining(request, scope: str, limit: int, period: int) -> int:
    """Hits left in the current window (without counting one)."""
    count = _cache().get(_key(scope, client_id(request), period), 0)
    return max(0, limit - count)


def reset(request, scope: str, period: int) -> None:
    _cache().delete(_key(scope, client_id(request), period))


def destination_limit(kind: str) -> tuple[int, int]:
    """(messages, seconds) one destination may receive from public forms."""
    name = {"sms": "PORTAL_SMS_DESTINATION_LIMIT", "email": "PORTAL_EMAIL_DESTINATION_LIMIT"}
    return getattr(settings, name[kind], DEFAULT_DESTINATION_LIMIT)


def destination_allowed(kind: str, destination: str) -> bool:
    """Counts one message of ``kind`` (``"sms"`` or ``"email"``) to ``destination``;
    ``False`` once that destination had its share of this window. The destination is
    normalised by the caller and stored only as a hash."""
    if not is_enabled() or not destination:
        return True
    limit, period = destination_limit(kind)
    key = _key(f"to-{kind}", _digest(destination.strip().lower()), period)
    allowed = _count(key, period) <= limit
    if not allowed:
        logger.warning("Held back a %s to a destination that reached its cap", kind)
    return allowed


def too_many_requests(request, period: int):
    response = render(
        request,
        "cms/too_many_requests.html",
        {"message": _("Too many attempts. Please wait a few minutes and try again.")},
        status=429,
    )
    response["Retry-After"] = str(period)
    response["Cache-Control"] = "no-store, private"
    return response


def ratelimit(scope: str, limit: int, period: int, methods=("POST",)):
    """Decorator: answers 429 once a client passes ``limit`` requests per ``period``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and not hit(request, scope, limit, period):
                return too_many_requests(request, period)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
