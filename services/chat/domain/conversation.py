"""Messages: numbered, stored before anyone is told, read marks, typing."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from cms.attachments import atomic_with_files

from .. import conf
from ..enums import OPEN, ChatState, SenderKind
from ..models import ChatAttachment, ChatMessage, ChatSession
from . import events
from .common import check_official, clean_text, lock
from .errors import NotAllowed, TooMany, WrongState
from .presence import may_answer


def _claim_seq(session_id: int, kind: str, now, *, states=None, official_id=None):
    """Numbers the chat's next message and folds the chat's bookkeeping into the same
    statement (last activity; the citizen's sign of life; the first reply): one
    ``UPDATE ... RETURNING``. The UPDATE holds the row until the transaction ends, so two
    senders never get the same number (unique constraint as a backstop). With ``states``
    or ``official_id`` the chat must be in one of those states / answered by that
    official, else nothing changes and ``None`` comes back."""
    fields = {f.name: f for f in ChatSession._meta.concrete_fields}
    quote = connection.ops.quote_name

    def column(name):
        return quote(fields[name].column)

    def value(name, raw):
        return fields[name].get_db_prep_value(raw, connection)

    sets = [
        f"{column('last_seq')} = {column('last_seq')} + 1",
        f"{column('last_activity_at')} = %s",
    ]
    params = [value("last_activity_at", now)]
    if kind == SenderKind.CITIZEN:
        sets.append(f"{column('citizen_seen_at')} = %s")
        params.append(value("citizen_seen_at", now))
    elif kind == SenderKind.OFFICIAL:
        sets.append(f"{column('first_reply_at')} = COALESCE({column('first_reply_at')}, %s)")
        params.append(value("first_reply_at", now))
    where = [f"{column('id')} = %s"]
    params.append(session_id)
    if states:
        where.append(f"{column('state')} IN ({', '.join(['%s'] * len(states))})")
        params.extend(states)
    if official_id is not None:
        where.append(f"{column('official')} = %s")
        params.append(official_id)
    # Only quoted column names are formatted in; every value is a parameter.
    table, returning = quote(ChatSession._meta.db_table), column("last_seq")
    sql = f"UPDATE {table} SET {', '.join(sets)} WHERE {' AND '.join(where)} RETURNING {returning}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def _publish_message(session_id: int, message) -> None:
    if message.kind != SenderKind.NOTE:
        events.publish(
            [events.citizen_group(session_id)],
            {
                "type": "message",
                "chat": session_id,
                "message": events.message_frame(message, for_citizen=True),
            },
        )
    events.publish(
        [events.staff_group(session_id)],
        {
            "type": "message",
            "chat": session_id,
            "message": events.message_frame(message, for_citizen=False),
        },
    )


def _store(session_id, seq, kind, body, *, author, now, upload, file_kind, stored):
    message = ChatMessage.objects.create(
        session_id=session_id, seq=seq, kind=kind, author=author, body=body, created_at=now
    )
    if upload is not None:
        ChatAttachment(message=message, uploaded_at=now).store(upload, file_kind, stored=stored)
    else:
        # Known to have no file: building its frame asks the database nothing.
        ChatMessage.attachment.related.set_cached_value(message, None)
    _publish_message(session_id, message)
    return message


def check_message_rate(session_id: int, *, by_citizen: bool, now=None) -> None:
    """Refuses a message (or file) of one side of a chat when that side already stored
    ``CHAT_MESSAGES_PER_MINUTE`` in the last minute (its opening message included). It
    counts the chat's own stored messages, whatever carried them (socket or HTTP
    fallback, this process or another), so reconnecting or switching transport does not
    reset it. Called inside the sending transaction after the chat's row is claimed
    (``_claim_seq`` or ``lock``), so two senders of one chat are counted one after the
    other; a refusal rolls the claim back."""
    now = now or timezone.now()
    kinds = [SenderKind.CITIZEN] if by_citizen else [SenderKind.OFFICIAL, SenderKind.NOTE]
    recent = ChatMessage.objects.filter(
        session_id=session_id, kind__in=kinds, created_at__gt=now - timedelta(minutes=1)
    )
    if recent.count() >= conf.messages_per_minute():
        raise TooMany(gettext("Too many messages in a short time. Please wait a minute."))


def add_message(session, kind, body, *, author=None, now=None, upload=None, file_kind=None):
    """Stores one message (and its checked file) in a chat the caller holds; tells the
    sockets after the commit. Runs in its own transaction, files removed if anything
    fails."""
    now = now or timezone.now()

    def operation(stored):
        seq = _claim_seq(session.pk, kind, now)
        message = _store(
            session.pk,
            seq,
            kind,
            body,
            author=author,
            now=now,
            upload=upload,
            file_kind=file_kind,
            stored=stored,
        )
        if kind == SenderKind.OFFICIAL and session.first_reply_at is None:
            session.first_reply_at = now
        session.last_seq = seq
        return message

    return atomic_with_files(operation)


def system_message(session, body, now=None) -> ChatMessage:
    return add_message(session, SenderKind.SYSTEM, body, now=now)


def send_as_citizen(session_id, body, *, now=None, upload=None, file_kind=None) -> ChatMessage:
    """The citizen writes: while waiting (the official reads it on accepting) or active.
    One short transaction: numbering (with the state check and the citizen's sign of
    life folded in) and the insert; no lock taken beforehand, no chat loaded."""
    text = clean_text(body, required=upload is None)
    now = now or timezone.now()

    def operation(stored):
        seq = _claim_seq(session_id, SenderKind.CITIZEN, now, states=sorted(OPEN))
        if seq is None:
            raise WrongState()
        check_message_rate(session_id, by_citizen=True, now=now)
        return _store(
            session_id,
            seq,
            SenderKind.CITIZEN,
            text,
            author=None,
            now=now,
            upload=upload,
            file_kind=file_kind,
            stored=stored,
        )

    return atomic_with_files(operation)


def send_as_official(user, session_id, body, *, now=None, upload=None, file_kind=None):
    """The official answering the chat writes to the citizen: the chat must be active,
    theirs, and inside their fence."""
    text = clean_text(body, required=upload is None)
    now = now or timezone.now()

    def operation(stored):
        seq = _claim_seq(
            session_id, SenderKind.OFFICIAL, now, states=[ChatState.ACTIVE], official_id=user.pk
        )
        if seq is None:
            # Say why (the chat as it is now): outside the fence, not active, not theirs.
            session = ChatSession.objects.get(pk=session_id)
            check_official(user, session)
            if session.state != ChatState.ACTIVE:
                raise WrongState()
            raise NotAllowed()
        unit_id = ChatSession.objects.values_list("unit_id", flat=True).get(pk=session_id)
        if not may_answer(user, unit_id):
            raise NotAllowed()
        check_message_rate(session_id, by_citizen=False, now=now)
        return _store(
            session_id,
            seq,
            SenderKind.OFFICIAL,
            text,
            author=user,
            now=now,
            upload=upload,
            file_kind=file_kind,
            stored=stored,
        )

    return atomic_with_files(operation)


def add_note(user, session_id, body, *, now=None) -> ChatMessage:
    """An internal note: any official of the unit, in any state; never shown to the
    citizen (not in their frames, polls, transcript or SMS)."""
    text = clean_text(body)
    with transaction.atomic():
        session = lock(session_id)
        check_official(user, session)
        check_message_rate(session_id, by_citizen=False, now=now)
        return add_message(session, SenderKind.NOTE, text, author=user, now=now)


def messages_after(session, seq: int, *, for_citizen: bool, limit: int = 500):
    """Messages numbered after ``seq``, in order (what a resuming client missed)."""
    messages = ChatMessage.objects.filter(session=session).after(max(int(seq), 0))
    if for_citizen:
        messages = messages.for_citizen()
    return list(messages.select_related("author", "attachment").order_by("seq")[:limit])


def _mark(
    session,
    up_to: int,
    *,
    reader_is_citizen: bool,
    field: str,
    now=None,
    official_id=None,
    trusted=False,
):
    """Marks the other side's messages up to ``up_to`` as delivered or read (``session``:
    a chat or its id; ``official_id``: only if that official answers the chat)."""
    now = now or timezone.now()
    session_id = getattr(session, "pk", session)
    senders = (
        [SenderKind.OFFICIAL, SenderKind.SYSTEM] if reader_is_citizen else [SenderKind.CITIZEN]
    )
    up_to = int(up_to)
    filters = {f"{field}__isnull": True, "seq__lte": up_to, "kind__in": senders}
    changes = {field: now}
    if field == "read_at":
        # Read implies delivered; an earlier delivery time is kept.
        changes["delivered_at"] = Coalesce(F("delivered_at"), Value(now))
    messages = ChatMessage.objects.filter(session_id=session_id, **filters)
    if official_id is not None:
        messages = messages.filter(session__official_id=official_id)
    marked = messages.update(**changes)
    if marked:
        if not trusted:  # a number from a page: never beyond the chat's last message
            last_seq = ChatSession.objects.values_list("last_seq", flat=True).get(pk=session_id)
            up_to = min(up_to, last_seq)
        frame = {
            "type": "read" if field == "read_at" else "delivered",
            "chat": session_id,
            "seq": up_to,
            "by": "citizen" if reader_is_citizen else "official",
        }
        events.publish([events.citizen_group(session_id), events.staff_group(session_id)], frame)
    return marked


def mark_read(session, up_to: int, *, by_citizen: bool, now=None) -> int:
    return _mark(session, up_to, reader_is_citizen=by_citizen, field="read_at", now=now)


def mark_delivered(session, up_to: int, *, by_citizen: bool, now=None) -> int:
    return _mark(session, up_to, reader_is_citizen=by_citizen, field="delivered_at", now=now)


def mark_delivered_many(marks: dict, *, by_citizen: bool, official_id=None, now=None) -> int:
    """Delivery marks sockets gathered for a moment (chat id -> highest number a page
    received, numbers the server sent), written in one transaction, not one per frame."""
    now = now or timezone.now()
    marked = 0
    with transaction.atomic():
        for session_id, up_to in sorted(marks.items()):
            marked += _mark(
                session_id,
                up_to,
                reader_is_citizen=by_citizen,
                field="delivered_at",
                now=now,
                official_id=official_id,
                trusted=True,
            )
    return marked


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
