"""Chat text as HTML: escaped, line breaks kept, links clickable and isolated."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

URL = re.compile(r"https?://[^\s<>\"']+")


@register.filter
def chat_linkify(text: str):
    """Plain text in, safe HTML out: every URL a link with ``rel="noopener nofollow"``."""
    parts = []
    last = 0
    for match in URL.finditer(text or ""):
        parts.append(escape(text[last : match.start()]))
        url = escape(match.group(0))
        parts.append(f'<a href="{url}" rel="noopener nofollow" target="_blank" dir="ltr">{url}</a>')
        last = match.end()
    parts.append(escape((text or "")[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - escaped above
