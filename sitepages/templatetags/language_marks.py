"""Persian text on English pages says it is Persian, and editors' English wins there.

``{{ value|fa_marked }}`` wraps text that holds Persian letters in
``<span lang="fa" dir="rtl">`` on pages that are not Persian, so screen readers switch
voice and the text runs right to left; on Persian pages it is the text, escaped.
``{{ settings|localized:"address" }}`` gives the ``address_en`` field on English pages
when editors filled it, else the Persian ``address``.
``{{ value|fa_text }}`` shows the digits of typed text in Persian on Persian pages
(«اتاق 214» reads «اتاق ۲۱۴»; the stored value stays as typed), except inside Latin
words and codes (G2B, IT-01, an address or email).
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from cms.i18n import is_persian

register = template.Library()

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06ff]")
# A Latin word or code (letters with digits, dots, dashes...) or a bare run of digits.
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9_.@/:-]*[A-Za-z][A-Za-z0-9_.@/:-]*|[0-9]+")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@register.filter
def fa_marked(value):
    if value is None:
        return ""
    text = conditional_escape(value)
    if is_persian() or not PERSIAN_LETTERS.search(str(value)):
        return text
    return format_html('<span lang="fa" dir="rtl">{}</span>', text)


@register.filter
def localized(obj, name):
    """``obj.<name>_en`` on English pages when it is filled, else ``obj.<name>``."""
    if not is_persian():
        english = getattr(obj, f"{name}_en", "")
        if english:
            return english
    return getattr(obj, name, "")


def _persian_digits(match) -> str:
    token = match.group()
    return token.translate(_TO_PERSIAN) if token.isdigit() else token


@register.filter
def fa_text(value):
    """Typed text with Persian digits on Persian pages, Latin words and codes kept."""
    if value is None:
        return ""
    if not is_persian():
        return value
    converted = _LATIN_TOKEN.sub(_persian_digits, str(value))
    # Escaped HTML (linebreaksbr's <br>) holds no digits to change: it stays safe.
    return mark_safe(converted) if isinstance(value, SafeString) else converted  # noqa: S308
