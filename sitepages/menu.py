"""The horizontal unit menu and the site's top-level pages, cached per site and language.

Building the menu costs a few queries however many units there are; serving it from
the cache costs none. Publishing, unpublishing, moving or deleting any page clears it
(see ``signals.py``), so editors see their change on the next request.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page, Site

CACHE_TIMEOUT = 60 * 60 * 24  # a day, as a safety net; signals clear it on change


def _cache_key(site_id: int, language: str) -> str:
    return f"sitepages:menu:{site_id}:{language}"


def current_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def clear_menu_cache():
    keys = [
        _cache_key(site_id, code)
        for site_id in Site.objects.values_list("id", flat=True)
        for code, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)


def _localized_home(site, language):
    root = site.root_page
    if root.locale.language_code == language:
        return root
    translated = (
        Page.objects.filter(translation_key=root.translation_key, locale__language_code=language)
        .live()
        .first()
    )
    return translated or root


def _item(page, request):
    return {
        "id": page.pk,
        "title": getattr(page, "menu_title", "") or page.title,
        "full_title": page.title,
        "url": page.get_url(request),
        "path": page.path,
        "children": [],
    }


def build_menu(site, language, request=None) -> dict:
    """``{"units": [...], "index": {...}, "pages": [...]}``: the unit tree (two levels)
    under the first unit index of the localized home, that index, and the home's own
    pages that are in the menu. Plain dicts, so that any cache backend can keep them."""
    from .models import UnitIndexPage, UnitPage

    home = _localized_home(site, language)
    pages = [
        _item(page, request)
        for page in home.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")
    ]
    index = UnitIndexPage.objects.descendant_of(home).live().order_by("path").first()
    if index is None and home.pk != site.root_page_id:
        index = UnitIndexPage.objects.descendant_of(site.root_page).live().order_by("path").first()
    units = []
    if index is not None:
        by_path = {}
        for page in (
            UnitPage.objects.descendant_of(index)
            .filter(depth__lte=index.depth + 2)
            .live()
            .public()
            .in_menu()
            .order_by("path")
            .only("id", "title", "menu_title", "url_path", "path", "depth")
        ):
            item = _item(page, request)
            if page.depth == index.depth + 1:
                units.append(item)
                by_path[page.path] = item
            else:
                parent = by_path.get(page.path[: -page.steplen])
                if parent is not None:
                    parent["children"].append(item)
    return {
        "home_url": home.get_url(request) or "/",
        "units": units,
        "index": _item(index, request) if index is not None else None,
        "pages": pages,
    }


def get_menu(request) -> dict:
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"home_url": "/", "units": [], "index": None, "pages": []}
    language = current_language()
    key = _cache_key(site.pk, language)
    menu = cache.get(key)
    if menu is None:
        menu = build_menu(site, language, request)
        cache.set(key, menu, CACHE_TIMEOUT)
    return menu
