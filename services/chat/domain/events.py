"""What the domain tells the sockets after a change, and to whom.

Every change is published after its transaction commits (a rolled-back change tells no
one) to Channels groups; the consumers relay the events as frames (``PROTOCOL.md``).
Groups:

``chat-<id>-citizen``   the citizen's sockets of one chat (never sees notes);
``chat-<id>-staff``     officials' sockets that opened the chat (sees everything);
``chat-unit-<id>``      officials' sockets of a unit (the waiting list, presence);
``chat-user-<id>``      one official's sockets (chats given to them, their presence).
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils.translation import gettext

from cms.formatting import jtime
from cms.tracking import format_tracking_code

from ..enums import SenderKind

logger = logging.getLogger(__name__)

# The type of every event the groups carry; the consumers turn it into a frame.
EVENT_TYPE = "chat.event"


def citizen_group(session_id: int) -> str:
    return f"chat-{session_id}-citizen"


def staff_group(session_id: int) -> str:
    return f"chat-{session_id}-staff"


def unit_group(unit_id: int) -> str:
    return f"chat-unit-{unit_id}"


def user_group(user_id: int) -> str:
    return f"chat-user-{user_id}"


def _send(groups, frame) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for group in groups:
        try:
            async_to_sync(layer.group_send)(group, event(frame))
        except Exception:
            # A broken layer must not undo what was saved; clients resume from the database.
            logger.exception("Could not publish %s to %s", frame.get("type"), group)


# A socket's domain call collects what it publishes instead of sending it from the
# database thread: the socket sends it from the event loop once the call returned, so
# the one thread that runs the process's database work never waits on the channel layer.
_outboxes = threading.local()


@contextmanager
def collect(outbox: list):
    """Within the block, committed events are appended to ``outbox`` as
    ``(groups, frame)`` pairs instead of being sent (the caller sends them)."""
    previous = getattr(_outboxes, "current", None)
    _outboxes.current = outbox
    try:
        yield outbox
    finally:
        _outboxes.current = previous


def publish(groups, frame) -> None:
    """Sends ``frame`` to ``groups`` once the current transaction commits (a rolled-back
    change tells no one)."""
    groups = list(groups)
    outbox = getattr(_outboxes, "current", None)
    if outbox is not None:
        transaction.on_commit(lambda: outbox.append((groups, frame)))
    else:
        transaction.on_commit(lambda: _send(groups, frame))


def event(frame: dict) -> dict:
    """The channel layer's event carrying ``frame``."""
    return {"type": EVENT_TYPE, "frame": frame}


def official_display_name(user) -> str:
    """What the citizen sees of an official: first name, else a neutral word."""
    if user is None:
        return gettext("Official")
    return user.first_name or gettext("Official")


def message_frame(message, *, for_citizen: bool) -> dict:
    data = {
        "seq": message.seq,
        "kind": message.kind,
        "body": message.body,
        "at": message.created_at.isoformat(),
        "time": jtime(message.created_at),
        "delivered": message.delivered_at is not None,
        "read": message.read_at is not None,
        "author": "",
        "attachment": None,
    }
    if message.kind == SenderKind.OFFICIAL:
        data["author"] = official_display_name(message.author)
    elif message.kind == SenderKind.NOTE and not for_citizen:
        author = message.author
        data["author"] = (author.get_full_name() or author.get_username()) if author else ""
    # hasattr: a message without a file raises RelatedObjectDoesNotExist (an AttributeError).
    if hasattr(message, "attachment"):
        attachment = message.attachment
        data["attachment"] = {
            "id": attachment.pk,
            "name": attachment.download_name,
            "size": attachment.size_display,
        }
    return data


def session_frame(session, *, for_citizen: bool, queue=None) -> dict:
    """The chat's state as a client shows it (``queue``: position and wait, if waiting)."""
    data = {
        "chat": session.pk,
        "state": session.state,
        "state_label": str(session.get_state_display()),
        "last_seq": session.last_seq,
        "official": official_display_name(session.official) if session.official_id else "",
        "rateable": session.is_rateable,
        "rated": session.rating is not None,
        "queue": queue,
    }
    if not session.is_open:
        data["tracking_code"] = format_tracking_code(session.tracking_code)
    if not for_citizen:
        data.update(
            name=session.name,
            unit=session.unit_id,
            unit_title=session.unit.title,
            official_id=session.official_id,
            created_at=session.created_at.isoformat(),
            converted_code=session.converted_code,
        )
    return data
