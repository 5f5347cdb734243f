"""The chat a citizen's browser session holds: an id and a token, never in the URL.

Shared by the HTTP views (polling, pages) and the citizen's socket, which reads the same
Django session through Channels' session middleware.
"""

from __future__ import annotations

import hmac

from .models import ChatSession

SESSION_KEY = "chat"


def hold(session, chat: ChatSession) -> None:
    """Puts the chat in the (Django) session."""
    session[SESSION_KEY] = {"id": chat.pk, "token": chat.citizen_token}


def release(session) -> None:
    session.pop(SESSION_KEY, None)


def held_chat(session) -> ChatSession | None:
    """The chat this browser session holds, if its token still matches."""
    data = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(data, dict):
        return None
    chat_id, token = data.get("id"), data.get("token")
    if not isinstance(chat_id, int) or not isinstance(token, str):
        return None
    chat = ChatSession.objects.select_related("unit", "official").filter(pk=chat_id).first()
    if chat is None or chat.anonymised_at is not None:
        return None
    if not hmac.compare_digest(chat.citizen_token.encode(), token.encode()):
        return None
    return chat
