"""Messages: numbered, stored before anyone is told, read marks, typing."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.attachments import atomic_with_files

from ..enums import ChatState, SenderKind
from ..models import ChatAttachment, ChatMessage, ChatSession
from . import events
from .common import check_official, clean_text, lock
from .errors import NotAllowed, WrongState


def _next_seq(session_id: int) -> int:
    """The chat's next message number. The UPDATE holds the row until the transaction
    ends, so two senders never get the same number (unique constraint as a backstop)."""
    ChatSession.objects.filter(pk=session_id).update(last_seq=F("last_seq") + 1)
    return ChatSession.objects.values_list("last_seq", flat=True).get(pk=session_id)


def _publish_message(session, message) -> None:
    if message.kind != SenderKind.NOTE:
        events.publish(
            [events.citizen_group(session.pk)],
            {
                "type": "message",
                "chat": session.pk,
                "message": events.message_frame(message, for_citizen=True),
            },
        )
    events.publish(
        [events.staff_group(session.pk)],
        {
            "type": "message",
            "chat": session.pk,
            "message": events.message_frame(message, for_citizen=False),
        },
    )


def add_message(session, kind, body, *, author=None, now=None, upload=None, file_kind=None):
    """Stores one message (and its checked file) in the chat; tells the sockets after
    the commit. Runs in its own transaction, files removed if anything fails."""
    now = now or timezone.now()

    def operation(stored):
        seq = _next_seq(session.pk)
        message = ChatMessage.objects.create(
            session=session, seq=seq, kind=kind, author=author, body=body, created_at=now
        )
        if upload is not None:
            ChatAttachment(message=message, uploaded_at=now).store(upload, file_kind, stored=stored)
        changes = {"last_activity_at": now}
        if kind == SenderKind.OFFICIAL and session.first_reply_at is None:
            changes["first_reply_at"] = now
            session.first_reply_at = now
        ChatSession.objects.filter(pk=session.pk).update(**changes)
        session.last_seq = seq
        _publish_message(session, message)
        return message

    return atomic_with_files(operation)


def system_message(session, body, now=None) -> ChatMessage:
    return add_message(session, SenderKind.SYSTEM, body, now=now)


def send_as_citizen(session_id, body, *, now=None, upload=None, file_kind=None) -> ChatMessage:
    """The citizen writes: while waiting (the official reads it on accepting) or active."""
    text = clean_text(body, required=upload is None)
    with transaction.atomic():
        session = lock(session_id)
        if session.state not in (ChatState.WAITING, ChatState.ACTIVE):
            raise WrongState()
        return add_message(
            session, SenderKind.CITIZEN, text, now=now, upload=upload, file_kind=file_kind
        )


def send_as_official(user, session_id, body, *, now=None, upload=None, file_kind=None):
    """The official answering the chat writes to the citizen."""
    text = clean_text(body, required=upload is None)
    with transaction.atomic():
        session = lock(session_id)
        check_official(user, session)
        if session.state != ChatState.ACTIVE:
            raise WrongState()
        if session.official_id != user.pk:
            raise NotAllowed()
        return add_message(
            session,
            SenderKind.OFFICIAL,
            text,
            author=user,
            now=now,
            upload=upload,
            file_kind=file_kind,
        )


def add_note(user, session_id, body, *, now=None) -> ChatMessage:
    """An internal note: any official of the unit, in any state; never shown to the
    citizen (not in their frames, polls, transcript or SMS)."""
    text = clean_text(body)
    with transaction.atomic():
        session = lock(session_id)
        check_official(user, session)
        return add_message(session, SenderKind.NOTE, text, author=user, now=now)


def messages_after(session, seq: int, *, for_citizen: bool, limit: int = 500):
    """Messages numbered after ``seq``, in order (what a resuming client missed)."""
    messages = ChatMessage.objects.filter(session=session).after(max(int(seq), 0))
    if for_citizen:
        messages = messages.for_citizen()
    return list(messages.select_related("author", "attachment").order_by("seq")[:limit])


def _mark(session, up_to: int, *, reader_is_citizen: bool, field: str, now=None) -> int:
    """Marks the other side's messages up to ``up_to`` as delivered or read."""
    now = now or timezone.now()
    senders = (
        [SenderKind.OFFICIAL, SenderKind.SYSTEM] if reader_is_citizen else [SenderKind.CITIZEN]
    )
    up_to = min(int(up_to), session.last_seq)
    filters = {f"{field}__isnull": True, "seq__lte": up_to, "kind__in": senders}
    changes = {field: now}
    if field == "read_at":
        # Read implies delivered; an earlier delivery time is kept.
        changes["delivered_at"] = Coalesce(F("delivered_at"), Value(now))
    marked = ChatMessage.objects.filter(session=session, **filters).update(**changes)
    if marked:
        frame = {
            "type": "read" if field == "read_at" else "delivered",
            "chat": session.pk,
            "seq": up_to,
            "by": "citizen" if reader_is_citizen else "official",
        }
        events.publish([events.citizen_group(session.pk), events.staff_group(session.pk)], frame)
    return marked


def mark_read(session, up_to: int, *, by_citizen: bool, now=None) -> int:
    return _mark(session, up_to, reader_is_citizen=by_citizen, field="read_at", now=now)


def mark_delivered(session, up_to: int, *, by_citizen: bool, now=None) -> int:
    return _mark(session, up_to, reader_is_citizen=by_citizen, field="delivered_at", now=now)


# How long "is typing" lasts for a client that polls instead of listening.
TYPING_SECONDS = 5


def _typing_key(session, by_citizen: bool) -> str:
    return f"chat-typing:{session.pk}:{'citizen' if by_citizen else 'official'}"


def is_typing(session, *, by_citizen: bool) -> bool:
    return bool(cache.get(_typing_key(session, by_citizen)))


def typing(session, *, by_citizen: bool) -> None:
    """Someone is typing: told at once to the other side's sockets, and remembered a few
    seconds (in the cache, never in the database) for a side that polls."""
    if not session.is_open:
        return
    cache.set(_typing_key(session, by_citizen), True, TYPING_SECONDS)
    frame = {"type": "typing", "chat": session.pk, "by": "citizen" if by_citizen else "official"}
    target = events.staff_group(session.pk) if by_citizen else events.citizen_group(session.pk)
    events.publish([target], frame)
