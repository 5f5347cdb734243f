"""A chat from start to end: start, accept, transfer, end, abandon, convert, rate."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from cms import ratelimit
from cms.plugins import HandOver, registry
from cms.tracking import format_tracking_code, new_tracking_code, normalize_tracking_code
from cms.tracking_session import second_factor_matches
from cms.validators import normalize_mobile, validate_mobile

from .. import conf
from ..enums import RATEABLE, Actor, ChatState, SenderKind
from ..models import ChatMembership, ChatSession, ChatTransfer
from . import events, presence
from .common import check_official, clean_text, lock, move, publish_state
from .conversation import add_message, system_message
from .errors import (
    AtCapacity,
    InvalidInput,
    NoHandover,
    NotAllowed,
    NotAvailable,
    TooMany,
    WrongState,
)
from .notify import send_closing_sms
from .queue import info as queue_info
from .units import canonical_unit, chat_unit_ids


def start(*, unit, name, mobile, body, language="fa", client_address=None, now=None):
    """A citizen starts a chat with a unit; their first message is message 1. Limits:
    open chats per address, chats per mobile per window."""
    now = now or timezone.now()
    unit = canonical_unit(unit)
    if unit is None or unit.pk not in chat_unit_ids():
        raise InvalidInput(gettext("This unit does not answer chats."))
    text = clean_text(body)
    name = clean_text(name)[:150]
    mobile = normalize_mobile(mobile or "")
    try:
        validate_mobile(mobile)
    except ValidationError as error:
        raise InvalidInput(error.messages[0]) from error
    if client_address:
        open_here = ChatSession.objects.open().filter(client_address=client_address).count()
        if open_here >= conf.open_chats_per_address():
            raise TooMany(gettext("You already have open chats. Please end one first."))
    count, period = conf.start_limit()
    if not ratelimit.hit_key("chat-start-mobile", mobile, count, period):
        raise TooMany()
    with transaction.atomic():
        session = ChatSession.objects.create(
            tracking_code=new_tracking_code(
                lambda code: ChatSession.objects.filter(tracking_code=code).exists()
            ),
            unit=unit,
            name=name,
            mobile=mobile,
            language=language,
            client_address=client_address or None,
            created_at=now,
            last_activity_at=now,
            citizen_seen_at=now,
        )
        add_message(session, SenderKind.CITIZEN, text, now=now)
        queue = queue_info(session)
        events.publish(
            [events.unit_group(unit.pk)],
            {
                "type": "waiting",
                **events.session_frame(session, for_citizen=False),
                "queue": queue.as_dict() if queue else None,
            },
        )
    return session


def accept(user, session_id, now=None):
    """An official of the chat's unit takes it: available, below capacity, and first."""
    now = now or timezone.now()
    with transaction.atomic():
        session = lock(session_id)
        check_official(user, session)
        if session.state != ChatState.WAITING:
            raise WrongState(gettext("Another official has already accepted this chat."))
        official = presence.official_for(user)
        if not official.is_online(now):
            raise NotAvailable()
        if presence.active_load(user) >= official.capacity:
            raise AtCapacity()
        move(session, ChatState.ACTIVE, actor=Actor.OFFICIAL, user=user, now=now)
        session.official = user
        session.accepted_at = session.accepted_at or now
        session.last_activity_at = now
        session.save(update_fields=["state", "official", "accepted_at", "last_activity_at"])
        with override(session.language):
            system_message(
                session,
                gettext("%(name)s joined the chat.") % {"name": events.official_display_name(user)},
                now=now,
            )
        publish_state(session)
        _publish_queue_moved(session.unit_id)
    return session


def _publish_queue_moved(unit_id: int) -> None:
    """Everyone still waiting in the unit moved up: tell each their new place."""
    for waiting in ChatSession.objects.waiting().filter(unit_id=unit_id).select_related("unit"):
        queue = queue_info(waiting)
        events.publish(
            [events.citizen_group(waiting.pk)],
            {"type": "queue", "chat": waiting.pk, "queue": queue.as_dict() if queue else None},
        )


def _close(session, target, *, actor, user=None, now=None, note="") -> None:
    now = now or timezone.now()
    was_waiting = session.state == ChatState.WAITING
    move(session, target, actor=actor, user=user, now=now, note=note)
    session.ended_at = now
    session.ended_by = actor
    session.last_activity_at = now
    session.save(update_fields=["state", "ended_at", "ended_by", "last_activity_at"])
    publish_state(session)
    if session.accepted_at is not None or target == ChatState.CONVERTED:
        # Someone talked to them (or a request holds it): the code is worth a message.
        send_closing_sms(session)
    if was_waiting:
        _publish_queue_moved(session.unit_id)


def end(session_id, *, by_citizen=False, user=None, now=None):
    """Ends the chat (the citizen, its official or a colleague of the unit)."""
    with transaction.atomic():
        session = lock(session_id)
        if by_citizen:
            actor = Actor.CITIZEN
            if session.state == ChatState.WAITING:
                _close(session, ChatState.ABANDONED, actor=actor, now=now)
                return session
        else:
            check_official(user, session)
            actor = Actor.OFFICIAL
        with override(session.language):
            system_message(session, gettext("The chat has ended."), now=now)
        _close(session, ChatState.ENDED, actor=actor, user=user, now=now)
    return session


def abandon(session_id, now=None):
    """The portal finds a waiting citizen gone (no sign of life): left before an answer."""
    with transaction.atomic():
        session = lock(session_id)
        _close(session, ChatState.ABANDONED, actor=Actor.SYSTEM, now=now)
    return session


def claim_gone(session_id: int, quiet, now) -> bool:
    """Abandons one waiting chat whose page went quiet before ``quiet``, if it still is:
    a conditional UPDATE claims it, so of two sweeps at once exactly one moves it (the
    other's UPDATE matches nothing); the move is then recorded and told as usual."""
    with transaction.atomic():
        claimed = (
            ChatSession.objects.waiting()
            .filter(pk=session_id, citizen_seen_at__lt=quiet)
            .update(
                state=ChatState.ABANDONED,
                ended_at=now,
                ended_by=Actor.SYSTEM,
                last_activity_at=now,
            )
        )
        if not claimed:
            return False  # accepted, ended, seen again, or claimed by another sweep
        session = lock(session_id)
        session.state = ChatState.WAITING  # as it was when claimed: the record says so
        _close(session, ChatState.ABANDONED, actor=Actor.SYSTEM, now=now)
    return True


def abandon_gone(unit_ids=None, now=None) -> int:
    """Abandons the waiting chats whose citizen's page went quiet (closed tab, lost phone
    signal for minutes); run every minute by ``manage.py chat_abandon`` and whenever a
    console loads its waiting list. Safe with several at once: each chat is claimed by
    a conditional UPDATE and counted by the one sweep that claimed it."""
    now = now or timezone.now()
    quiet = now - timedelta(seconds=conf.citizen_gone_seconds())
    gone = ChatSession.objects.waiting().filter(citizen_seen_at__lt=quiet)
    if unit_ids is not None:
        gone = gone.filter(unit_id__in=list(unit_ids))
    candidates = list(gone.order_by("pk").values_list("pk", flat=True))
    return sum(claim_gone(session_id, quiet, now) for session_id in candidates)


def transfer_to_unit(user, session_id, unit, reason="", now=None):
    """Back into another unit's queue (the sender must be of the chat's unit)."""
    now = now or timezone.now()
    target = canonical_unit(unit)
    if target is None or target.pk not in chat_unit_ids():
        raise InvalidInput(gettext("This unit does not answer chats."))
    with transaction.atomic():
        session = lock(session_id)
        check_official(user, session)
        if session.unit_id == target.pk:
            raise InvalidInput(gettext("The chat is already with this unit."))
        if session.state == ChatState.ACTIVE:
            move(session, ChatState.WAITING, actor=Actor.OFFICIAL, user=user, now=now)
        elif session.state != ChatState.WAITING:
            raise WrongState()
        ChatTransfer.objects.create(
            session=session,
            from_unit_id=session.unit_id,
            to_unit=target,
            from_official=session.official,
            by=user,
            reason=reason[:300],
            at=now,
        )
        old_unit = session.unit_id
        session.unit = target
        session.official = None
        session.last_activity_at = now
        session.save(update_fields=["state", "unit", "official", "last_activity_at"])
        with override(session.language):
            system_message(
                session,
                gettext("Your chat was passed to %(unit)s; please wait for an official.")
                % {"unit": target.title},
                now=now,
            )
        publish_state(session, queue=_queue_dict(session))
        events.publish([events.unit_group(old_unit)], {"type": "gone", "chat": session.pk})
        events.publish(
            [events.unit_group(target.pk)],
            {"type": "waiting", **events.session_frame(session, for_citizen=False)},
        )
    return session


def _queue_dict(session):
    queue = queue_info(session)
    return queue.as_dict() if queue else None


def transfer_to_official(user, session_id, colleague, reason="", now=None):
    """Hands an active chat to a colleague of the same unit who is online with room."""
    now = now or timezone.now()
    with transaction.atomic():
        session = lock(session_id)
        check_official(user, session)
        if session.state != ChatState.ACTIVE:
            raise WrongState()
        if colleague.pk == session.official_id:
            raise InvalidInput(gettext("This official already answers the chat."))
        if not ChatMembership.objects.filter(user=colleague, unit_id=session.unit_id).exists():
            raise NotAllowed(gettext("This colleague does not answer this unit's chats."))
        official = presence.official_for(colleague)
        if not official.is_online(now):
            raise NotAvailable(gettext("This colleague is not available now."))
        if presence.active_load(colleague) >= official.capacity:
            raise AtCapacity(gettext("This colleague has no room for another chat."))
        ChatTransfer.objects.create(
            session=session,
            from_unit_id=session.unit_id,
            to_unit_id=session.unit_id,
            from_official=session.official,
            to_official=colleague,
            by=user,
            reason=reason[:300],
            at=now,
        )
        session.official = colleague
        session.last_activity_at = now
        session.save(update_fields=["official", "last_activity_at"])
        with override(session.language):
            system_message(
                session,
                gettext("%(name)s continues the chat with you.")
                % {"name": events.official_display_name(colleague)},
                now=now,
            )
        publish_state(session)
    return session


def transcript_text(session) -> str:
    """The conversation as plain text, without internal notes (for the desk request)."""
    lines = []
    for message in session.messages.for_citizen().select_related("author").order_by("seq"):
        if message.kind == SenderKind.CITIZEN:
            who = session.name
        elif message.kind == SenderKind.OFFICIAL:
            who = events.official_display_name(message.author)
        else:
            who = "—"
        when = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M")
        lines.append(f"[{when}] {who}: {message.body}")
    return "\n".join(lines)


def convert(session_id, *, user=None, by_citizen=False, now=None):
    """Continues the chat as a desk request in the same unit's queue, the transcript as
    its text; the request's tracking code is kept on the chat and told to the citizen."""
    now = now or timezone.now()
    with transaction.atomic():
        session = lock(session_id)
        if by_citizen:
            actor = Actor.CITIZEN
        else:
            check_official(user, session)
            actor = Actor.OFFICIAL
        if session.converted_code:
            raise WrongState()
        with override(session.language):
            subject = gettext("Live chat %(code)s") % {
                "code": format_tracking_code(session.tracking_code)
            }
            code = registry.hand_over(
                HandOver(
                    unit_id=session.unit_id,
                    name=session.name,
                    mobile=session.mobile,
                    subject=subject,
                    body=transcript_text(session),
                    language=session.language,
                    source=f"chat {format_tracking_code(session.tracking_code)}",
                )
            )
            if not code:
                raise NoHandover()
            session.converted_code = code
            session.save(update_fields=["converted_code"])
            system_message(
                session,
                gettext(
                    "Your chat continues as a request with tracking code %(code)s; "
                    "the unit will answer it there."
                )
                % {"code": format_tracking_code(code)},
                now=now,
            )
        _close(session, ChatState.CONVERTED, actor=actor, user=user, now=now)
    return session


def rate(session_id, rating, comment="", now=None):
    """The citizen's 1-5 rating and comment, once, after a conversation took place."""
    try:
        rating = int(rating)
    except (TypeError, ValueError) as error:
        raise InvalidInput(gettext("Choose a rating from 1 to 5.")) from error
    if not 1 <= rating <= 5:
        raise InvalidInput(gettext("Choose a rating from 1 to 5."))
    comment = clean_text(comment or "", required=False)
    with transaction.atomic():
        session = lock(session_id)
        if session.state not in RATEABLE or session.accepted_at is None:
            raise WrongState(gettext("This chat cannot be rated."))
        if session.rating is not None:
            raise WrongState(gettext("You have already rated this chat."))
        session.rating = rating
        session.rating_comment = comment
        session.rated_at = now or timezone.now()
        session.save(update_fields=["rating", "rating_comment", "rated_at"])
        publish_state(session)
    return session


def citizen_seen(session, now=None) -> None:
    """The citizen's page is open (socket connected or a poll arrived)."""
    session_id = getattr(session, "pk", session)
    ChatSession.objects.filter(pk=session_id).update(citizen_seen_at=now or timezone.now())


def find_by_code(code: str, mobile: str):
    """The chat a tracking code and its mobile number open (``None`` otherwise)."""
    code = normalize_tracking_code(code)
    if not code:
        return None
    session = ChatSession.objects.filter(tracking_code=code, anonymised_at__isnull=True).first()
    stored = session.mobile if session is not None else None
    # Compared even without a chat: a wrong code and a wrong mobile take the same path.
    if not second_factor_matches(stored, normalize_mobile(mobile or ""), "09000000000"):
        return None
    return session
