"""A short-lived cache of what every public page asks: the notices for the banner.

Every key carries a version number that any change to a notice bumps, so a new outage
shows on the next request in the process that saved it. Other processes (or hosts, with
a local-memory cache) see it when their copy expires: at most
:func:`services.outages.conf.cache_seconds` later, never more than a minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from . import conf

VERSION_KEY = "outages:version"


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_version() -> None:
    """Forget every cached answer (called whenever a notice or its timeline changes)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def cached(name: str, build: Callable[[], Any]) -> Any:
    timeout = conf.cache_seconds()
    if not timeout:
        return build()
    key = f"outages:{name}:{current_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value
