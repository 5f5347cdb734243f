"""The officials' socket: a logged-in official, fenced to their own units' chats."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from sitepages.models import UnitPage

from .. import domain
from ..domain import events
from ..enums import SenderKind, ViewAction
from ..models import ChatSession, ChatViewLog
from ..signals import FENCE_CHANGED
from .base import CLOSE_FORBIDDEN, DELIVERY_MARKS, ChatSocket, MalformedFrame, int_field, str_field

LANGUAGES = ("fa", "en")


def _chat_frame(chat) -> dict:
    return events.session_frame(chat, for_citizen=False)


def _welcome(user) -> dict:
    official = domain.official_for(user)
    unit_ids = domain.unit_ids_of(user)
    domain.abandon_gone(unit_ids)
    online = domain.online_counts()
    units = UnitPage.objects.filter(pk__in=unit_ids).order_by("path")
    chats = ChatSession.objects.filter(unit_id__in=unit_ids).select_related("unit", "official")
    return {
        "type": "welcome",
        "user": user.pk,
        "availability": official.availability,
        "online": official.is_online(),
        "capacity": official.capacity,
        "load": domain.active_load(user),
        "units": [{"id": u.pk, "title": u.title, "online": online.get(u.pk, 0)} for u in units],
        "waiting": [_chat_frame(c) for c in chats.waiting().order_by("created_at", "pk")],
        "active": [_chat_frame(c) for c in chats.active().filter(official=user)],
    }


def _fenced_chat(user, chat_id) -> ChatSession:
    chat = ChatSession.objects.select_related("unit", "official").filter(pk=chat_id).first()
    if chat is None or not domain.may_answer(user, chat.unit_id):
        raise domain.NotAllowed()
    return chat


def _open(user, chat_id, after) -> tuple[int, bool, list[dict]]:
    chat = _fenced_chat(user, chat_id)
    ChatViewLog.objects.create(session=chat, user=user, action=ViewAction.OPEN)
    items = domain.messages_after(chat, after, for_citizen=False)
    if items and chat.official_id == user.pk:
        domain.mark_delivered(chat, items[-1].seq, by_citizen=False)
    state = {"type": "state", **_chat_frame(chat)}
    messages = {
        "type": "messages",
        "chat": chat.pk,
        "items": [events.message_frame(m, for_citizen=False) for m in items],
    }
    return chat.unit_id, chat.official_id == user.pk, [state, messages]


def _read(user, chat_id, seq):
    chat = _fenced_chat(user, chat_id)
    domain.mark_read(chat, seq, by_citizen=False)


def _typing(user, chat_id):
    chat = _fenced_chat(user, chat_id)
    if chat.official_id != user.pk:
        raise domain.NotAllowed()
    domain.typing(chat, by_citizen=False)


def _transfer(user, chat_id, unit_id, colleague_id, reason):
    if unit_id is not None:
        unit = UnitPage.objects.filter(pk=unit_id).first()
        if unit is None:
            raise domain.InvalidInput(gettext("This unit does not answer chats."))
        return domain.transfer_to_unit(user, chat_id, unit, reason)
    colleague = get_user_model().objects.filter(pk=colleague_id, is_active=True).first()
    if colleague is None:
        raise domain.NotAllowed(gettext("This colleague does not answer this unit's chats."))
    return domain.transfer_to_official(user, chat_id, colleague, reason)


def _connect(user):
    if not domain.is_official(user):
        return None
    domain.heartbeat(user)
    return domain.unit_ids_of(user)


class StaffSocket(ChatSocket):
    handlers = {
        "hello": "on_hello",
        "presence": "on_presence",
        "capacity": "on_capacity",
        "ping": "on_ping",
        "open": "on_open",
        "close": "on_close",
        "accept": "on_accept",
        "message": "on_message",
        "note": "on_note",
        "typing": "on_typing",
        "read": "on_read",
        "transfer": "on_transfer",
        "end": "on_end",
        "convert": "on_convert",
    }

    async def connect(self):
        await self.accept()
        self.user = self.scope.get("user")
        query = self.scope.get("query_string", b"").decode("latin-1")
        self.language = "en" if "lang=en" in query.split("&") else "fa"
        unit_ids = await self.db(_connect, self.user) if self.user is not None else None
        if unit_ids is None:
            await self.refuse(
                CLOSE_FORBIDDEN,
                gettext("Only the chat officials of a unit may open this console."),
                "forbidden",
            )
            return
        self.unit_ids = set(unit_ids)
        # Held for the socket's life, so that frames cost no database call: the chats
        # opened (id -> unit, checked against the fence when opened and whenever a
        # state event says the chat moved) and those this official answers.
        self.opened: dict[int, int] = {}
        self.own: set[int] = set()
        await self.join(events.user_group(self.user.pk))
        for unit_id in self.unit_ids:
            await self.join(events.unit_group(unit_id))

    def _inside(self, unit_id) -> bool:
        return self.user.is_superuser or unit_id in self.unit_ids

    async def on_hello(self, frame, ref):
        await self.send_frame(await self.db(_welcome, self.user))

    async def on_presence(self, frame, ref):
        availability = str_field(frame, "availability", max_length=16)
        await self.db(domain.set_availability, self.user, availability)

    async def on_capacity(self, frame, ref):
        await self.db(domain.set_capacity, self.user, int_field(frame, "capacity"))

    async def on_ping(self, frame, ref):
        await self.db(domain.heartbeat, self.user)
        await self.send_frame({"type": "pong"})

    async def _open_chat(self, chat_id, after):
        unit_id, own, frames = await self.db(_open, self.user, chat_id, after)
        self.opened[chat_id] = unit_id
        if own:
            self.own.add(chat_id)
        await self.join(events.staff_group(chat_id))
        for frame in frames:
            await self.send_frame(frame)

    async def on_open(self, frame, ref):
        await self._open_chat(
            int_field(frame, "chat"), int_field(frame, "last_seq", required=False)
        )

    async def on_close(self, frame, ref):
        chat_id = int_field(frame, "chat")
        self.opened.pop(chat_id, None)
        self.own.discard(chat_id)
        await self.leave(events.staff_group(chat_id))

    async def on_accept(self, frame, ref):
        chat_id = int_field(frame, "chat")
        await self.db(domain.accept, self.user, chat_id)
        await self.send_frame({"type": "ack", "ref": ref, "chat": chat_id})
        await self._open_chat(chat_id, 0)

    async def on_message(self, frame, ref):
        chat_id = int_field(frame, "chat")
        message = await self.db(
            domain.send_as_official, self.user, chat_id, str_field(frame, "body")
        )
        await self.send_frame({"type": "ack", "ref": ref, "chat": chat_id, "seq": message.seq})

    async def on_note(self, frame, ref):
        chat_id = int_field(frame, "chat")
        message = await self.db(domain.add_note, self.user, chat_id, str_field(frame, "body"))
        await self.send_frame({"type": "ack", "ref": ref, "chat": chat_id, "seq": message.seq})

    async def on_typing(self, frame, ref):
        await self.db(_typing, self.user, int_field(frame, "chat"))

    async def on_read(self, frame, ref):
        chat_id, seq = int_field(frame, "chat"), int_field(frame, "seq")
        if chat_id in self.opened:
            # Inside the fence (checked on opening, followed by events since).
            await self.db(domain.mark_read, chat_id, seq, by_citizen=False)
        else:
            await self.db(_read, self.user, chat_id, seq)

    async def on_transfer(self, frame, ref):
        chat_id = int_field(frame, "chat")
        reason = str_field(frame, "reason", required=False, max_length=300)
        unit_id = int_field(frame, "unit") if "unit" in frame else None
        colleague_id = int_field(frame, "user") if "user" in frame else None
        if (unit_id is None) == (colleague_id is None):
            raise MalformedFrame("unit or user")
        await self.db(_transfer, self.user, chat_id, unit_id, colleague_id, reason)
        await self.send_frame({"type": "ack", "ref": ref, "chat": chat_id})

    async def on_end(self, frame, ref):
        chat_id = int_field(frame, "chat")
        await self.db(domain.end, chat_id, user=self.user)
        await self.send_frame({"type": "ack", "ref": ref, "chat": chat_id})

    async def on_convert(self, frame, ref):
        chat_id = int_field(frame, "chat")
        await self.db(domain.convert, chat_id, user=self.user)
        await self.send_frame({"type": "ack", "ref": ref, "chat": chat_id})

    async def refence(self):
        """A membership of this official changed: follow only the units they still answer.
        The groups of lost units are left, and the chats of those units (opened, or even
        answered by this official) get no further frame; with no unit left, the socket
        closes."""
        unit_ids = await self.db(_connect, self.user)
        if unit_ids is None:
            await self.refuse(
                CLOSE_FORBIDDEN,
                gettext("You no longer answer any unit's chats; the console was closed."),
                "forbidden",
            )
            return
        unit_ids = set(unit_ids)
        for unit_id in self.unit_ids - unit_ids:
            await self.leave(events.unit_group(unit_id))
        for unit_id in unit_ids - self.unit_ids:
            await self.join(events.unit_group(unit_id))
        self.unit_ids = unit_ids
        for chat_id, unit_id in list(self.opened.items()):
            if not self._inside(unit_id):
                self.opened.pop(chat_id, None)
                self.own.discard(chat_id)
                await self.leave(events.staff_group(chat_id))
                await self.send_frame({"type": "gone", "chat": chat_id})

    async def forward(self, frame):
        if frame.get("type") == FENCE_CHANGED:
            await self.refence()
            return
        chat_id = frame.get("chat")
        unit_id = frame.get("unit")
        if frame.get("type") in ("state", "waiting") and unit_id is not None:
            if not self._inside(unit_id):
                # The chat left this official's units (a transfer): stop following it.
                self.own.discard(chat_id)
                if chat_id in self.opened:
                    self.opened.pop(chat_id, None)
                    await self.leave(events.staff_group(chat_id))
                    await self.send_frame({"type": "gone", "chat": chat_id})
                return
            if chat_id in self.opened:
                self.opened[chat_id] = unit_id
            if frame.get("type") == "state":
                if frame.get("official_id") == self.user.pk:
                    self.own.add(chat_id)
                else:
                    self.own.discard(chat_id)
        elif frame.get("type") in ("message", "typing", "read", "delivered") and (
            chat_id not in self.opened
        ):
            return
        await self.send_frame(frame)
        message = frame.get("message") if frame.get("type") == "message" else None
        if message and message.get("kind") == SenderKind.CITIZEN and chat_id in self.own:
            # Written only where this official still answers the chat (in the UPDATE).
            DELIVERY_MARKS.add(chat_id, message["seq"], by_citizen=False, official_id=self.user.pk)
