"""Persian text on English pages says it is Persian, and editors' English wins there.

``{{ value|fa_marked }}`` wraps text that holds Persian letters in
``<span lang="fa" dir="rtl">`` on pages that are not Persian, so screen readers switch
voice and the text runs right to left; on Persian pages it is the text, escaped.
``{{ settings|localized:"address" }}`` gives the ``address_en`` field on English pages
when editors filled it, else the Persian ``address``.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06ff]")


def is_persian_page() -> bool:
    return (get_language() or "fa").startswith("fa")


@register.filter
def fa_marked(value):
    if value is None:
        return ""
    text = conditional_escape(value)
    if is_persian_page() or not PERSIAN_LETTERS.search(str(value)):
        return text
    return format_html('<span lang="fa" dir="rtl">{}</span>', text)


@register.filter
def localized(obj, name):
    """``obj.<name>_en`` on English pages when it is filled, else ``obj.<name>``."""
    if not is_persian_page():
        english = getattr(obj, f"{name}_en", "")
        if english:
            return english
    return getattr(obj, name, "")
