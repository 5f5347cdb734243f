"""The anonymous page cache: whole public pages, served before sessions and CSRF run.

Built on Django's cache framework (its backends, ``get_conditional_response``), not on
Django's ``UpdateCacheMiddleware``/``FetchFromCacheMiddleware`` pair nor wagtail-cache:
those key a page on the ``Vary`` headers of the response (so ``Vary: Cookie`` and
``Vary: Accept-Language`` splinter it per visitor), need the language before
``LocaleMiddleware`` has chosen it, and cache responses that set cookies. This one is
one class that sits right after whitenoise and is never wrong:

- only anonymous ``GET`` requests that carry no cookie but the CSRF one and no
  ``Authorization`` header are looked up or stored (a logged-in editor, a visitor
  with a tracking session, a pending message or a chosen language always gets a fresh
  page);
- the key is the scheme, host, language (from the URL: Persian at ``/``, English
  under ``/en/``) and full path with its query string;
- only ``200`` HTML responses are stored, and never one that sets a cookie (every page
  with a form does: ``{% csrf_token %}`` sends the visitor's CSRF cookie), that says
  ``Cache-Control: private/no-store/no-cache``, that varies on anything but cookies or
  the language, or that used the request's CSP nonce (a cached nonce would be the same
  for every visitor);
- every change that shows on pages calls :func:`purge_all` (the ``signals.py`` of each
  app connects its models with :func:`purge_on_change`): it replaces the cache's
  generation, so the next request of every worker renders afresh. A request that was
  rendering while the change happened stores its page under the old generation, where
  nothing reads it again;
- cached pages carry an ``ETag`` and answer ``If-None-Match`` with ``304``.

Time-driven changes (a scheduled notice that starts) show once the entry expires:
``PORTAL_PAGE_CACHE_SECONDS`` (60 by default; 0 switches the cache off).

The pages that are rendered anyway (for a visitor with a session, a page with a form, or
with the page cache off) reuse what every visitor sees alike through
:func:`cached_fragment` (the ``{% fragment %}`` tag of ``pagecache_tags``): the header's
links and unit menu, the footer, the home's latest news, the request's Wagtail ``Site``.
Fragments live in the default cache under the same generation, so every purge refreshes
them too, and for ``PORTAL_FRAGMENT_CACHE_SECONDS`` (60 by default; 0 switches them off)
at most. Nothing that differs between visitors (a form's CSRF token, a search query, a
banner, a message) is ever put in one.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_path

CACHE_ALIAS = "pages"
GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Page-Cache"


def cache_seconds() -> int:
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 60))


def fragment_seconds() -> int:
    return int(getattr(settings, "PORTAL_FRAGMENT_CACHE_SECONDS", 60))


def _cache():
    return caches[CACHE_ALIAS]


# The generation read once per request (by the middleware) and reused by its fragments;
# purge_all() forgets it, so a request that changes rows renders afresh after it.
_request_state = threading.local()


def _generation() -> str:
    remembered = getattr(_request_state, "generation", None)
    if remembered is not None:
        return remembered
    store = _cache()
    generation = store.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = store.get(GENERATION_KEY) or ""
    return generation


_MISSING = object()
# The fragments this process used last, unpickled (about half of an uncached page's time
# went to unpickling them again): the shared cache is asked only for
# the others (keys carry the generation, so a purge misses here as it does there).
RECENT_FRAGMENTS = 64
_recent: OrderedDict = OrderedDict()
_recent_lock = threading.Lock()


def cached_fragment(name: str, build, *vary_on, seconds: int | None = None):
    """``build()``, kept in the default cache under the page cache's generation and
    ``vary_on`` (which must name everything the value depends on besides the rows whose
    changes purge the cache: language, host, page...), for ``seconds`` at most (and never
    longer than ``PORTAL_FRAGMENT_CACHE_SECONDS``; 0 switches fragments off)."""
    seconds = min(fragment_seconds(), seconds) if seconds is not None else fragment_seconds()
    if seconds <= 0:
        return build()
    raw = "|".join(str(part) for part in vary_on)
    key = f"fragment:{_generation()}:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"
    now = time.monotonic()
    with _recent_lock:
        remembered = _recent.get(key)
        if remembered is not None and remembered[0] > now:
            _recent.move_to_end(key)
            return remembered[1]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout=seconds)
    with _recent_lock:
        # Kept here ``seconds`` from now at most: a value another worker stored may so
        # outlive its shared copy by that much, never a purge (the key would differ).
        _recent[key] = (now + seconds, value)
        while len(_recent) > RECENT_FRAGMENTS:
            _recent.popitem(last=False)
    return value


def prime_site(request) -> None:
    """Find the request's Wagtail ``Site`` once per generation and host instead of once
    per request (Wagtail's ``Site.find_for_request`` keeps its answer on the request)."""
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site") or fragment_seconds() <= 0:
        return  # without fragments Wagtail finds the site itself, if the view asks
    try:
        host, port = request._get_raw_host(), request.get_port()
    except Exception:  # a malformed Host header: Wagtail answers it itself
        return
    request._wagtail_site = cached_fragment(
        "site", lambda: Site._find_for_request(request), host, port
    )


def purge_all(**kwargs) -> None:
    """Forget every cached page, now and again when the current transaction commits
    (so a page rendered from the old rows before the commit is not kept). Accepts and
    ignores signal arguments, so it can be connected as a receiver."""
    _request_state.generation = None
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None))


def purge_on_change(*models, uid: str) -> None:
    """Purge the page cache whenever a row of one of ``models`` is saved or deleted."""
    for model in models:
        name = f"{model._meta.label_lower}"
        post_save.connect(purge_all, sender=model, dispatch_uid=f"pagecache-{uid}-save-{name}")
        post_delete.connect(purge_all, sender=model, dispatch_uid=f"pagecache-{uid}-delete-{name}")


def _may_use_cache(request) -> bool:
    if request.method != "GET" or not cache_seconds():
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _key(request, generation: str) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    raw = "|".join((request.scheme, host, language, request.get_full_path()))
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{generation}:{digest}"


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    # django-csp's lazy nonce is true only once a template asked for it.
    return not getattr(request, "csp_nonce", None)


def _etag(content: bytes) -> str:
    return f'"{hashlib.sha1(content, usedforsecurity=False).hexdigest()}"'


def _from_entry(entry) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_state.generation = None
        _request_state.generation = _generation()
        try:
            return self._respond(request)
        finally:
            _request_state.generation = None

    def _respond(self, request):
        # The health check answers for the database itself: nothing may query before it.
        if not request.path_info.startswith((*EXCLUDED_PREFIXES, "/healthz")):
            prime_site(request)
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request, _request_state.generation or _generation())
        if key is None:
            return self.get_response(request)
        entry = _cache().get(key)
        if entry is not None:
            response = _from_entry(entry)
            response[STATUS_HEADER] = "hit"
            return get_conditional_response(request, etag=entry["etag"], response=response)

        response = self.get_response(request)
        if not _storable(request, response):
            return response
        etag = _etag(response.content)
        response["ETag"] = etag
        if "Cache-Control" not in response:
            # Browsers may keep the page but ask again each time (and get a 304).
            patch_cache_control(response, no_cache=True)
        entry = {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name != STATUS_HEADER],
            "content": response.content,
            "etag": etag,
        }
        _cache().set(key, entry, timeout=cache_seconds())
        response[STATUS_HEADER] = "miss"
        return get_conditional_response(request, etag=etag, response=response)
