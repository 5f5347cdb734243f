"""The admin's menus on the back office's listings, decided once per user and minute.

Wagtail asks every menu item and search area whether to show itself (``is_shown``) on
every admin page:
about seven queries for a staff member (page, collection and site permissions, each
plugin's own test), the same answer page after page. On the listings of the back office
(:class:`~cms.backoffice.views.FencedIndexView` marks the request) which items a user
sees is kept in the back office's shared cache for ``SECONDS`` or until groups,
permissions or users change; a submenu asked twice in one request is decided once.

The menu only shows links: every view behind them checks its permissions itself, so an
entry shown or hidden a minute late never opens or closes a door.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import signals
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin.menu import Menu
from wagtail.admin.search import Search

from .shared_cache import Generation, store

SECONDS = 60
REQUEST_FLAG = "_backoffice_cached_menus"
GENERATION = Generation("admin-menus")

_installed = False


def menu_depends_on(*models) -> None:
    """Forget the kept menus when a row of one of ``models`` changes (e.g. a plugin's
    membership table that decides whether its menu is shown)."""
    for model in models:
        signals.post_save.connect(GENERATION.bump, sender=model, weak=False)
        signals.post_delete.connect(GENERATION.bump, sender=model, weak=False)


def _item_key(item) -> str:
    return f"{item.name}:{item.url}"


def _shown(request, registered, decide):
    """The items of ``registered`` shown to ``request.user``: decided by ``decide`` once
    per request, and kept between requests (``None`` when the request is not marked)."""
    user = getattr(request, "user", None)
    memo = getattr(request, REQUEST_FLAG, None)
    if memo is None or not getattr(user, "is_authenticated", False):
        return None
    names = "|".join(_item_key(item) for item in registered)
    name = hashlib.sha256(names.encode()).hexdigest()[:16]
    if name not in memo:
        key = f"{GENERATION.key()}:{user.pk}:{get_language()}:{name}"
        shown = store().get(key)
        if shown is None:
            items = decide()
            store().set(key, [_item_key(item) for item in items], SECONDS)
        else:
            wanted = set(shown)
            items = [item for item in registered if _item_key(item) in wanted]
        memo[name] = items
    return list(memo[name])


def _menu_items_for_request(menu: Menu, request, original):
    registered = menu.registered_menu_items
    items = _shown(request, registered, lambda: [i for i in registered if i.is_shown(request)])
    if items is None:
        return original(menu, request)
    if menu.construct_hook_name:
        for hook in hooks.get_hooks(menu.construct_hook_name):
            hook(request, items)
    return items


def _search_items_for_request(search: Search, request, original):
    registered = search.registered_search_areas
    items = _shown(request, registered, lambda: original(search, request))
    return original(search, request) if items is None else items


def install() -> None:
    """Decide menus through the cache on requests marked by :func:`use_kept_menus`."""
    global _installed  # noqa: PLW0603 - once per process
    if _installed:
        return
    _installed = True
    menu_items, search_items = Menu.menu_items_for_request, Search.search_items_for_request

    def menu_items_for_request(self, request):
        return _menu_items_for_request(self, request, menu_items)

    def search_items_for_request(self, request):
        return _search_items_for_request(self, request, search_items)

    Menu.menu_items_for_request = menu_items_for_request
    Search.search_items_for_request = search_items_for_request
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

    menu_depends_on(
        Group,
        Permission,
        get_user_model(),
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
    )
    for through in (
        get_user_model().groups.through,
        get_user_model().user_permissions.through,
        Group.permissions.through,
    ):
        signals.m2m_changed.connect(GENERATION.bump, sender=through, weak=False)


def use_kept_menus(request) -> None:
    setattr(request, REQUEST_FLAG, {})
