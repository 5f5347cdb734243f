"""The tracking session: which submission a citizen opened with its tracking code and a
second factor (mobile number, national code), kept in the session, never in a URL.

Shared by every plugin whose users follow a submission up without an account.
"""

from __future__ import annotations

import functools
import hmac
import time
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

NO_STORE = "no-store, no-cache, must-revalidate, max-age=0, private"


def private(view):
    """Personal data: never stored by the browser or a proxy."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = never_cache(view)(request, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response

    return wrapped


def second_factor_matches(stored: str | None, given: str | None, placeholder: str) -> bool:
    """Compare in constant time, and compare even when there is no such code, so that
    a wrong code and a wrong second factor take the same path."""
    matches = hmac.compare_digest((stored or placeholder).encode(), (given or "").encode())
    return matches and stored is not None


class TrackingSession:
    """One plugin's tracking session, under ``key``, ending after ``max_age()`` seconds
    without a visit."""

    def __init__(self, key: str, max_age: Callable[[], int]):
        self.key = key
        self.max_age = max_age

    def open(self, request, obj) -> None:
        # A new session key once the submission is opened: a session id planted before
        # (session fixation) does not gain access to it.
        request.session.cycle_key()
        request.session[self.key] = {"id": obj.pk, "seen": int(time.time())}

    def close(self, request) -> None:
        """Forget the opened submission (the citizen closes it on a shared device)."""
        request.session.pop(self.key, None)

    def current(self, request, queryset):
        """The submission this session opened (from ``queryset``), or None."""
        data = request.session.get(self.key)
        if not data:
            return None
        if time.time() - data.get("seen", 0) > self.max_age():
            request.session.pop(self.key, None)
            return None
        data["seen"] = int(time.time())
        request.session[self.key] = data
        return queryset.filter(pk=data["id"]).first()

    def required(self, queryset: Callable, lookup_url: str, deny_kwargs: tuple[str, ...] = ()):
        """Decorator: the view gets the opened submission as its second argument; without
        one, a page visit goes to the lookup form and a POST or a file is refused."""

        def decorator(view):
            @functools.wraps(view)
            def wrapped(request, *args, **kwargs):
                obj = self.current(request, queryset())
                if obj is None:
                    if request.method == "POST" or any(name in kwargs for name in deny_kwargs):
                        raise PermissionDenied
                    return redirect(lookup_url)
                return view(request, obj, *args, **kwargs)

            return private(wrapped)

        return decorator
