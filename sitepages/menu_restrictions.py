"""The paths of pages with view restrictions, cached with the menu.

Apart from ``menu.py`` so that unit pages (``models/units.py``) can hide restricted
sub-units without importing the menu, which itself imports the unit models.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import PageViewRestriction

CACHE_KEY = "sitepages:menu:restricted"
CACHE_TIMEOUT = 60 * 60 * 24  # a day, as a safety net; signals clear it on change


def restricted_paths() -> tuple[str, ...]:
    """Paths of pages with view restrictions: what they and their descendants hide.
    One query, then none until a page is published, moved or deleted."""
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(CACHE_KEY, paths, CACHE_TIMEOUT)
    return paths


def clear_restricted_paths() -> None:
    cache.delete(CACHE_KEY)
