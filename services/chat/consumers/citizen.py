"""The citizen's socket: bound to the chat held in their session."""

from __future__ import annotations

from django.utils.translation import gettext

from .. import domain
from ..citizen_session import held_chat
from ..domain import events
from ..enums import SenderKind
from .base import CLOSE_FORBIDDEN, ChatSocket, int_field, str_field


def _state_frame(chat) -> dict:
    chat.refresh_from_db()
    queue = domain.queue_info(chat)
    return {
        "type": "state",
        **events.session_frame(chat, for_citizen=True, queue=queue.as_dict() if queue else None),
    }


def _messages_frame(chat, after: int) -> dict:
    items = domain.messages_after(chat, after, for_citizen=True)
    if items:
        domain.mark_delivered(chat, items[-1].seq, by_citizen=True)
    return {
        "type": "messages",
        "chat": chat.pk,
        "items": [events.message_frame(m, for_citizen=True) for m in items],
    }


def _load(session):
    chat = held_chat(session)
    if chat is not None:
        domain.citizen_seen(chat)
    return chat


class CitizenSocket(ChatSocket):
    handlers = {
        "hello": "on_hello",
        "message": "on_message",
        "typing": "on_typing",
        "read": "on_read",
        "end": "on_end",
        "ping": "on_ping",
    }

    async def connect(self):
        await self.accept()
        self.chat = await self.db(_load, self.scope.get("session"))
        if self.chat is None:
            await self.refuse(
                CLOSE_FORBIDDEN,
                gettext("There is no chat open in this browser. Please start a new one."),
                "forbidden",
            )
            return
        self.language = self.chat.language if self.chat.language in ("fa", "en") else "fa"
        await self.join(events.citizen_group(self.chat.pk))

    async def on_hello(self, frame, ref):
        after = int_field(frame, "last_seq", required=False)
        await self.send_frame(await self.db(_state_frame, self.chat))
        await self.send_frame(await self.db(_messages_frame, self.chat, after))

    async def on_message(self, frame, ref):
        body = str_field(frame, "body")
        message = await self.db(domain.send_as_citizen, self.chat.pk, body)
        await self.send_frame({"type": "ack", "ref": ref, "seq": message.seq})

    async def on_typing(self, frame, ref):
        await self.db(domain.typing, self.chat, by_citizen=True)

    async def on_read(self, frame, ref):
        seq = int_field(frame, "seq")
        await self.db(self._mark_read, seq)

    def _mark_read(self, seq):
        self.chat.refresh_from_db()
        domain.mark_read(self.chat, seq, by_citizen=True)

    async def on_end(self, frame, ref):
        await self.db(domain.end, self.chat.pk, by_citizen=True)

    async def on_ping(self, frame, ref):
        await self.db(domain.citizen_seen, self.chat)
        await self.send_frame({"type": "pong"})

    async def forward(self, frame):
        await self.send_frame(frame)
        # What reached the citizen's page is marked delivered for the official.
        message = frame.get("message") if frame.get("type") == "message" else None
        if message and message.get("kind") in (SenderKind.OFFICIAL, SenderKind.SYSTEM):
            await self.db(self._mark_delivered, message["seq"])

    def _mark_delivered(self, seq):
        self.chat.refresh_from_db()
        domain.mark_delivered(self.chat, seq, by_citizen=True)
