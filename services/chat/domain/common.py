"""Helpers every domain module shares: locking a chat, moving it, checking text."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext

from cms.text import normalize_text
from cms.transitions import TransitionNotAllowed

from .. import conf
from ..enums import CHAT_WORKFLOW
from ..models import ChatSession, ChatTransition
from . import events
from .errors import InvalidInput, NotAllowed, WrongState
from .presence import may_answer


def lock(session_id: int) -> ChatSession:
    """The chat, locked for the rest of the transaction (state read afresh)."""
    return (
        # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of an outer
        # join (a waiting chat has no official yet).
        ChatSession.objects.select_for_update(of=("self",))
        .select_related("unit", "official")
        .get(pk=session_id)
    )


def move(session, target, *, actor, user=None, note="", now=None) -> ChatTransition:
    """Moves a LOCKED chat to ``target`` if the table allows ``actor`` to; records it."""
    try:
        CHAT_WORKFLOW.check(session.state, target, actor)
    except TransitionNotAllowed as refusal:
        raise WrongState() from refusal
    current = session.state
    session.state = target
    return ChatTransition.objects.create(
        session=session,
        from_state=current,
        to_state=target,
        actor=actor,
        user=user,
        note=note,
        at=now or timezone.now(),
    )


def clean_text(body, *, required=True) -> str:
    """Plain text, letters normalised, within the length limit."""
    if not isinstance(body, str):
        raise InvalidInput()
    text = normalize_text(body).replace("\x00", "").strip()
    if required and not text:
        raise InvalidInput(gettext("Write a message first."))
    if len(text) > conf.max_message_length():
        raise InvalidInput(
            gettext("A message may be at most %(limit)s characters long.")
            % {"limit": conf.max_message_length()}
        )
    return text


def check_official(user, session) -> None:
    """The fence: only officials of the chat's unit (and superusers) touch it."""
    if not may_answer(user, session.unit_id):
        raise NotAllowed()


def publish_state(session, queue=None) -> None:
    """Tells both sides and the unit's consoles what state the chat is in now."""
    events.publish(
        [events.citizen_group(session.pk)],
        {"type": "state", **events.session_frame(session, for_citizen=True, queue=queue)},
    )
    staff = {"type": "state", **events.session_frame(session, for_citizen=False)}
    events.publish(
        [
            events.staff_group(session.pk),
            events.unit_group(session.unit_id),
            *([events.user_group(session.official_id)] if session.official_id else []),
        ],
        staff,
    )
