"""The staff protocol's frames done over HTTP: what the console sends on its socket
(``PROTOCOL.md``, "Official → server") can also be POSTed here, and a poll returns the
frames the socket would have pushed (the waiting list, presence, the opened chats' new
messages). The same domain API does the work, so the fence, states and limits are the
socket's."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from sitepages.models import UnitPage

from .. import domain
from ..domain import events
from ..enums import ViewAction
from ..models import ChatSession, ChatViewLog

MAX_OPEN = 20


class BadFrame(Exception):
    """A frame the protocol does not know, or with fields of the wrong type."""


def _int(frame, name, *, required=True):
    value = frame.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadFrame(name)
    return value


def _text(frame, name, *, limit=None):
    value = frame.get(name, "")
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        raise BadFrame(name)
    return value


def visible_chat(user, chat_id) -> ChatSession:
    """A chat of the user's units, or NotAllowed (the same answer whether it exists)."""
    session = (
        ChatSession.objects.visible_to(user)
        .select_related("unit", "official")
        .filter(pk=chat_id)
        .first()
    )
    if session is None:
        raise domain.NotAllowed()
    return session


def state_frame(session) -> dict:
    queue = domain.queue_info(session)
    return {
        "type": "state",
        **events.session_frame(
            session, for_citizen=False, queue=queue.as_dict() if queue else None
        ),
    }


def messages_frame(session, after: int) -> dict:
    items = domain.messages_after(session, after, for_citizen=False)
    citizen_seqs = [m.seq for m in items if m.from_citizen]
    if citizen_seqs and session.official_id:
        domain.mark_delivered(session, max(citizen_seqs), by_citizen=False)
    return {
        "type": "messages",
        "chat": session.pk,
        "items": [events.message_frame(m, for_citizen=False) for m in items],
    }


def welcome_frame(user) -> dict:
    official = domain.official_for(user)
    unit_ids = domain.unit_ids_of(user)
    online = domain.online_counts()
    units = UnitPage.objects.filter(pk__in=unit_ids).order_by("title")
    waiting = (
        ChatSession.objects.waiting()
        .filter(unit_id__in=unit_ids)
        .select_related("unit", "official")
        .order_by("created_at", "pk")
    )
    active = (
        ChatSession.objects.active()
        .filter(official=user)
        .select_related("unit", "official")
        .order_by("accepted_at", "pk")
    )
    return {
        "type": "welcome",
        "user": user.pk,
        "availability": official.availability,
        "online": official.is_online(),
        "capacity": official.capacity,
        "load": domain.active_load(user),
        "units": [{"id": u.pk, "title": u.title, "online": online.get(u.pk, 0)} for u in units],
        "waiting": [state_frame(s) for s in waiting],
        "active": [state_frame(s) for s in active],
    }


def open_chat(user, chat_id: int, after: int, *, log: bool) -> list[dict]:
    session = visible_chat(user, chat_id)
    if log:
        ChatViewLog.objects.create(session=session, user=user, action=ViewAction.OPEN)
    return [state_frame(session), messages_frame(session, after)]


def _transfer(user, frame, chat_id):
    reason = _text(frame, "reason", limit=300)
    if "unit" in frame:
        unit = UnitPage.objects.filter(pk=_int(frame, "unit")).first()
        if unit is None:
            raise domain.InvalidInput(gettext("This unit does not answer chats."))
        return domain.transfer_to_unit(user, chat_id, unit, reason)
    colleague = get_user_model().objects.filter(pk=_int(frame, "user"), is_active=True).first()
    if colleague is None:
        raise domain.NotAllowed(gettext("This colleague does not answer this unit's chats."))
    return domain.transfer_to_official(user, chat_id, colleague, reason)


def dispatch(user, frame: dict) -> list[dict]:
    """Does what one frame asks; returns the frames that answer it. Refusals come back
    as ``error`` frames; a malformed frame raises :class:`BadFrame`."""
    kind = frame.get("type")
    ref = frame.get("ref")
    if ref is not None and (not isinstance(ref, str) or len(ref) > 64):
        raise BadFrame("ref")
    try:
        return _do(user, kind, frame)
    except domain.ChatError as error:
        answer = {"type": "error", "code": error.code, "message": str(error.message)}
        if ref is not None:
            answer["ref"] = ref
        if isinstance(frame.get("chat"), int):
            answer["chat"] = frame["chat"]
        return [answer, welcome_frame(user)]


def _do(user, kind, frame) -> list[dict]:
    if kind in ("hello", "ping"):
        domain.heartbeat(user)
        return [welcome_frame(user)]
    if kind == "presence":
        domain.set_availability(user, _text(frame, "availability"))
        return [welcome_frame(user)]
    if kind == "capacity":
        domain.set_capacity(user, _int(frame, "capacity"))
        return [welcome_frame(user)]
    if kind not in CHAT_FRAMES:
        raise BadFrame("type")
    chat_id = _int(frame, "chat")
    if kind == "open":
        return open_chat(user, chat_id, _int(frame, "last_seq", required=False) or 0, log=True)
    if kind == "close":
        visible_chat(user, chat_id)
        return []
    if kind in ("message", "note"):
        body = _text(frame, "body")
        if kind == "message":
            message = domain.send_as_official(user, chat_id, body)
        else:
            message = domain.add_note(user, chat_id, body)
        answer = {"type": "ack", "seq": message.seq, "chat": chat_id}
        if frame.get("ref") is not None:
            answer["ref"] = frame["ref"]
        return [
            answer,
            {
                "type": "message",
                "chat": chat_id,
                "message": events.message_frame(message, for_citizen=False),
            },
        ]
    session = visible_chat(user, chat_id)
    if kind == "typing":
        domain.typing(session, by_citizen=False)
        return []
    if kind == "read":
        domain.mark_read(session, _int(frame, "seq"), by_citizen=False)
        return []
    if kind == "accept":
        session = domain.accept(user, chat_id)
        return [state_frame(session), messages_frame(session, 0), welcome_frame(user)]
    if kind == "transfer":
        session = _transfer(user, frame, chat_id)
    elif kind == "end":
        session = domain.end(chat_id, user=user)
    else:  # convert
        session = domain.convert(chat_id, user=user)
    session = visible_chat(user, chat_id) if session is None else session
    return [state_frame(session), welcome_frame(user)]


CHAT_FRAMES = {
    "open",
    "close",
    "accept",
    "message",
    "note",
    "typing",
    "read",
    "transfer",
    "end",
    "convert",
}


def parse_open(value: str) -> list[tuple[int, int]]:
    """``"12:5,13:0"`` → ``[(12, 5), (13, 0)]``; anything else raises BadFrame."""
    pairs = []
    for part in filter(None, value.split(",")):
        chat, _sep, seq = part.partition(":")
        if not (chat.isascii() and chat.isdigit() and seq.isascii() and seq.isdigit()):
            raise BadFrame("open")
        pairs.append((int(chat), int(seq)))
    if len(pairs) > MAX_OPEN:
        raise BadFrame("open")
    return pairs


def poll(user, opened: list[tuple[int, int]]) -> list[dict]:
    domain.heartbeat(user)
    frames = [welcome_frame(user)]
    for chat_id, after in opened:
        try:
            frames.extend(open_chat(user, chat_id, after, log=False))
        except domain.ChatError as error:
            frames.append(
                {
                    "type": "error",
                    "code": error.code,
                    "message": str(error.message),
                    "chat": chat_id,
                }
            )
    return frames
