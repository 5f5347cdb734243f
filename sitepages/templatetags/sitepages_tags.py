from django import template
from django.utils.translation import get_language
from wagtail.models import Locale, Site

register = template.Library()


@register.filter
def university_name(portal_settings):
    return portal_settings.display_name(get_language() or "fa")


def _localized_root(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    root = _localized_root(request)
    if root is None:
        return "/"
    return root.get_url(request) or "/"


@register.simple_tag(takes_context=True)
def unit_menu_items(context):
    """The pages editors put in the menu (``show_in_menus``) under the home page."""
    request = context.get("request")
    root = _localized_root(request)
    if root is None:
        return []
    current = context.get("page")
    items = []
    for page in root.get_children().live().in_menu().filter(locale=Locale.get_active()):
        items.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "active": current is not None and current.path.startswith(page.path),
            }
        )
    return items
