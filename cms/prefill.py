"""Text a citizen typed on one service's page, handed to another service's form through
the session, never through a URL (access logs, browser history).

The shared session key is :data:`PREFILL_TEXT_KEY`: the page handing over stores the text
with :func:`store_text` (on a POST) and redirects; the receiving form reads it once with
:func:`take_text`, which also removes it. Neither service imports the other.
"""

from __future__ import annotations

from .text import drop_control_characters

PREFILL_TEXT_KEY = "portal-prefill-text"
MAX_LENGTH = 2000


def store_text(request, text: str) -> None:
    text = drop_control_characters(text or "").strip()[:MAX_LENGTH]
    if text:
        request.session[PREFILL_TEXT_KEY] = text
    else:
        request.session.pop(PREFILL_TEXT_KEY, None)


def take_text(request) -> str:
    """The handed-over text (empty when none), removed from the session."""
    text = request.session.pop(PREFILL_TEXT_KEY, "")
    return text if isinstance(text, str) else ""
