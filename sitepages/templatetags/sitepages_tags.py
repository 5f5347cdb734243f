from django import template

from cms.i18n import current_language

from ..enums import SocialNetwork
from ..menu import get_menu
from ..models.unit_details import dialable

register = template.Library()


@register.filter
def university_name(portal_settings):
    return portal_settings.display_name(current_language())


@register.filter
def tel_href(number):
    """``tel:`` link for a phone number typed with any digits, dashes or spaces."""
    return f"tel:{dialable(number)}" if number else ""


@register.filter
def social_network_name(value):
    try:
        return SocialNetwork(value).label
    except ValueError:
        return value


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the active language ("/" or "/en/"), from the cached menu."""
    request = context.get("request")
    menu = get_menu(request)
    return menu.get("home_url") or "/"


@register.simple_tag(takes_context=True)
def search_url(context):
    return home_url(context) + "search/"


def _mark_active(items, current_path):
    marked = []
    for item in items:
        children = _mark_active(item.get("children", []), current_path)
        active = bool(current_path) and current_path.startswith(item["path"])
        current = bool(current_path) and current_path == item["path"]
        marked.append({**item, "children": children, "active": active, "current": current})
    return marked


@register.simple_tag(takes_context=True)
def unit_menu_items(context):
    """The units for the horizontal menu (with ``children`` for sub-units), the unit
    index (``index``) and the home's pages in the menu (``pages``), each item marked
    ``active`` when the current page is it or below it. Costs no query once cached."""
    request = context.get("request")
    menu = get_menu(request)
    page = context.get("page")
    current_path = getattr(page, "path", "") or ""
    index = menu.get("index")
    return {
        "units": _mark_active(menu.get("units", []), current_path),
        "more_units": menu.get("more_units", 0),
        "index": _mark_active([index], current_path)[0] if index else None,
        "pages": _mark_active(menu.get("pages", []), current_path),
    }


@register.inclusion_tag("sitepages/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    page = page or context.get("page")
    request = context.get("request")
    crumbs = []
    if page is not None and hasattr(page, "get_breadcrumbs"):
        crumbs = [
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in page.get_breadcrumbs()
        ]
    return {"crumbs": crumbs, "current": page}
