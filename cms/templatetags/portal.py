"""Tags that put plugins' contributions and the language switcher into templates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page

from ..i18n import current_language
from ..plugins import registry

register = template.Library()


@register.inclusion_tag("components/banners.html", takes_context=True)
def plugin_banners(context):
    request = context.get("request")
    return {"banners": registry.banners(request) if request else []}


@register.simple_tag(takes_context=True)
def plugin_menu_entries(context):
    request = context.get("request")
    return registry.menu_entries(request) if request else []


@register.simple_tag(takes_context=True)
def plugin_home_tiles(context):
    request = context.get("request")
    return registry.home_tiles(request) if request else []


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages: the one language switcher.

    A Wagtail page links to its live translation or, where there is none, to that of
    its nearest ancestor, found in one query. A page that keeps its ancestors for the
    breadcrumbs (``get_breadcrumbs()``) shares them. Any other view links to the same
    path with the language prefix changed, without its query string (its values, a
    unit's id or a refused parameter, belong to this language's page).
    """
    request = context.get("request")
    page = context.get("page")
    current = current_language()
    others = [(code, name) for code, name in settings.LANGUAGES if code != current]
    if isinstance(page, Page):
        urls = _translated_page_urls(page, [code for code, _name in others], request)
    else:
        path = request.path if request is not None else "/"
        urls = {code: translate_url(path, code) for code, _name in others}
    links = [{"code": code, "name": name, "url": urls.get(code) or "/"} for code, name in others]
    return {"links": links, "current": current}


def _translated_page_urls(page, codes, request) -> dict:
    """language code -> URL of the page's (or its nearest ancestor's) live translation."""
    ancestors = (
        page.get_breadcrumbs()
        if hasattr(page, "get_breadcrumbs")
        else page.get_ancestors().filter(depth__gt=1)
    )
    keys = [page.translation_key, *(ancestor.translation_key for ancestor in reversed(ancestors))]
    found = {
        (translation.translation_key, translation.locale.language_code): translation
        for translation in Page.objects.filter(
            translation_key__in=keys, locale__language_code__in=codes
        )
        .live()
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "translation_key", "locale__language_code")
    }
    urls = {}
    for code in codes:
        translation = next((found[key, code] for key in keys if (key, code) in found), None)
        if translation is not None:
            urls[code] = translation.get_url(request)
    return urls
