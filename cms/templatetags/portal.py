"""Tags that put plugins' contributions and the language switcher into templates."""

from django import template
from django.urls import translate_url

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
    """Links to this page in the other languages.

    A Wagtail page links to its translation (or, where there is none, to the nearest
    ancestor that has one); any other view links to the same URL with the language
    prefix changed.
    """
    from django.conf import settings

    request = context.get("request")
    page = context.get("page")
    current = current_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = None
        if page is not None and hasattr(page, "get_translation_or_none"):
            url = _translated_page_url(page, code, request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url or "/"})
    return {"links": links, "current": current}


def _translated_page_url(page, language_code, request):
    from wagtail.models import Locale

    try:
        locale = Locale.objects.get_for_language(language_code)
    except Locale.DoesNotExist:
        return None
    for candidate in [page, *reversed(page.get_ancestors().specific())]:
        translation = candidate.get_translation_or_none(locale)
        if translation is not None and translation.live:
            return translation.get_url(request)
    return None
