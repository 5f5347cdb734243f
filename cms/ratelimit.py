"""Per-client throttling on the cache (local memory embedded, Redis grown up).

A fixed window per (scope, client): the first hit of a window creates the counter with
the window as its timeout, later hits increment it. Cheap, and shared by every process
when the cache is Redis. The client is the remote address; behind a proxy set
``PORTAL_CLIENT_IP_HEADER`` (e.g. ``HTTP_X_REAL_IP``) to the header the proxy sets.

    from cms.ratelimit import ratelimit

    @ratelimit("track-lookup", limit=10, period=600)
    def lookup(request): ...

or, inside a view, ``if not hit(request, "desk-submit", 5, 3600): ...``.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def client_id(request) -> str:
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    address = ""
    if header:
        # The proxy's own header: the last address it appended is the one it saw.
        address = request.META.get(header, "").split(",")[-1].strip()
    address = address or request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _key(scope: str, client: str, period: int) -> str:
    window = int(time.time() // period)
    return f"ratelimit:{scope}:{client}:{window}"


def is_enabled() -> bool:
    return getattr(settings, "PORTAL_RATELIMIT_ENABLED", True)


def hit(request, scope: str, limit: int, period: int) -> bool:
    """Counts one hit; ``True`` while the client is within ``limit`` hits per window."""
    if not is_enabled():
        return True
    key = _key(scope, client_id(request), period)
    if cache.add(key, 1, timeout=period):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            # The counter expired between add and incr: this hit opens a new window.
            cache.set(key, 1, timeout=period)
            count = 1
    return count <= limit


def remaining(request, scope: str, limit: int, period: int) -> int:
    """Hits left in the current window (without counting one)."""
    count = cache.get(_key(scope, client_id(request), period), 0)
    return max(0, limit - count)


def reset(request, scope: str, period: int) -> None:
    cache.delete(_key(scope, client_id(request), period))


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
