"""The horizontal unit menu and the site's top-level pages, cached per site and language.

Building the menu costs a few queries however many units there are; serving it from
the cache costs none. Publishing, unpublishing, moving or deleting any page clears it
(see ``signals.py``), so editors see their change on the next request.

The menu stays small however many units there are: the first
``SITEPAGES_MENU_UNITS`` top-level units in the tree's order (editors order them), each
with its first ``SITEPAGES_MENU_SUB_UNITS`` direct sub-units; a unit with more says so
and links to its own page, and "All units" leads to the unit index, which lists them all.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import F, Q, Subquery
from wagtail.models import Page, Site

from cms.i18n import current_language

from .menu_restrictions import clear_restricted_paths, restricted_paths
from .models.units import UnitIndexPage, UnitPage

CACHE_TIMEOUT = 60 * 60 * 24  # a day, as a safety net; signals clear it on change
MENU_UNITS = getattr(settings, "SITEPAGES_MENU_UNITS", 12)
MENU_SUB_UNITS = getattr(settings, "SITEPAGES_MENU_SUB_UNITS", 8)
EMPTY_MENU = {
    "home_url": "/",
    "units": [],
    "more_units": 0,
    "index": None,
    "pages": [],
    "restricted": (),
}


def _cache_key(site_id: int, language: str) -> str:
    return f"sitepages:menu:{site_id}:{language}"


def clear_menu_cache():
    keys = [
        _cache_key(site_id, code)
        for site_id in Site.objects.values_list("id", flat=True)
        for code, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)
    clear_restricted_paths()


def _menu_pages(site, language):
    """The localized home, its live children and the live units below it, in one query.

    The home is the site root's translation into ``language`` (found by a subquery on
    its translation key); the unit menu's own titles come from a join on UnitPage.
    """
    translation_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
    homes = Page.objects.filter(
        translation_key=Subquery(translation_key), locale__language_code=language
    ).live()
    unit_type = ContentType.objects.get_for_model(UnitPage)
    return list(
        Page.objects.live()
        .annotate(
            home_path=Subquery(homes.values("path")[:1]),
            home_depth=Subquery(homes.values("depth")[:1]),
            menu_label=F("unitpage__menu_title"),
        )
        .filter(path__startswith=F("home_path"), depth__lte=F("home_depth") + 3)
        .filter(Q(depth=F("home_depth")) | Q(depth=F("home_depth") + 1) | Q(content_type=unit_type))
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type_id")
    )


def _item(page, request):
    return {
        "id": page.pk,
        "title": getattr(page, "menu_label", "") or page.title,
        "full_title": page.title,
        "url": page.get_url(request),
        "path": page.path,
        "children": [],
        "more": 0,
    }


def build_menu(site, language, request=None) -> dict:
    """``{"home_url", "units", "index", "pages", "restricted"}``: the unit tree (two
    levels) under the unit index of the localized home, that index, the home's own
    pages that are in the menu, and the paths of pages with view restrictions. Plain
    dicts, so that any cache backend can keep them.

    Two queries whatever the number of units (three for a language with no home).
    """
    restricted = restricted_paths()
    rows = _menu_pages(site, language)
    if not rows and language != settings.LANGUAGE_CODE:
        rows = _menu_pages(site, settings.LANGUAGE_CODE)
    rows = [page for page in rows if not (restricted and page.path.startswith(restricted))]
    if not rows:
        return {**EMPTY_MENU, "restricted": restricted}
    home, rows = rows[0], rows[1:]
    index_type = ContentType.objects.get_for_model(UnitIndexPage)
    unit_type = ContentType.objects.get_for_model(UnitPage)
    children = [page for page in rows if page.depth == home.depth + 1]
    pages = [_item(page, request) for page in children if page.show_in_menus]
    index = next((page for page in children if page.content_type_id == index_type.pk), None)
    units = []
    more_units = 0
    if index is not None:
        by_path = {}
        for page in rows:
            if (
                page.content_type_id != unit_type.pk
                or not page.show_in_menus
                or not page.path.startswith(index.path)
                or page.depth > index.depth + 2
            ):
                continue
            if page.depth == index.depth + 1:
                if len(units) < MENU_UNITS:
                    units.append(_item(page, request))
                    by_path[page.path] = units[-1]
                else:
                    more_units += 1
                continue
            parent = by_path.get(page.path[: -page.steplen])
            if parent is None:
                continue
            if len(parent["children"]) < MENU_SUB_UNITS:
                parent["children"].append(_item(page, request))
            else:
                parent["more"] += 1
    return {
        "home_url": home.get_url(request) or "/",
        "units": units,
        "more_units": more_units,
        "index": _item(index, request) if index is not None else None,
        "pages": pages,
        "restricted": restricted,
    }


def get_menu(request) -> dict:
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return EMPTY_MENU
    language = current_language()
    key = _cache_key(site.pk, language)
    menu = cache.get(key)
    if menu is None:
        menu = build_menu(site, language, request)
        cache.set(key, menu, CACHE_TIMEOUT)
    return menu
