"""The citizen's socket: bound to the chat held in their session.

What the socket needs of the chat (its id, language, state) is read once on connect and
kept; a message costs one short transaction (numbering with the state check, and the
insert), and the delivery marks of what reached the page are written in batches.
"""

from __future__ import annotations

import time

from django.utils.translation import gettext

from .. import conf, domain
from ..citizen_session import held_chat
from ..domain import events
from ..enums import SenderKind
from ..models import ChatSession
from .base import CLOSE_FORBIDDEN, DELIVERY_MARKS, ChatSocket, int_field, str_field

# A sign of life is written at most this often (seconds; a sent message is one too),
# well within the quiet time after which a waiting chat counts as abandoned.
SEEN_EVERY = 30


def seen_every() -> float:
    return min(SEEN_EVERY, conf.citizen_gone_seconds() / 4)


def _resume(chat_id, after: int) -> list[dict]:
    """The chat as it is now and what came after ``after`` (marked delivered)."""
    chat = ChatSession.objects.select_related("unit", "official").get(pk=chat_id)
    queue = domain.queue_info(chat)
    state = {
        "type": "state",
        **events.session_frame(chat, for_citizen=True, queue=queue.as_dict() if queue else None),
    }
    items = domain.messages_after(chat, after, for_citizen=True)
    if items:
        domain.mark_delivered(chat, items[-1].seq, by_citizen=True)
    messages = {
        "type": "messages",
        "chat": chat.pk,
        "items": [events.message_frame(m, for_citizen=True) for m in items],
    }
    return [state, messages]


def _load(session):
    chat = held_chat(session)
    if chat is not None:
        domain.citizen_seen(chat)
    return chat


def _typing(chat_id):
    chat = ChatSession.objects.only("pk", "state").get(pk=chat_id)
    domain.typing(chat, by_citizen=True)


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
        chat = await self.db(_load, self.scope.get("session"))
        if chat is None:
            await self.refuse(
                CLOSE_FORBIDDEN,
                gettext("There is no chat open in this browser. Please start a new one."),
                "forbidden",
            )
            return
        # Kept for the socket's life: the chat (id, token checked above) and its language.
        self.chat_id = chat.pk
        self.language = chat.language if chat.language in ("fa", "en") else "fa"
        self.seen_at = time.monotonic()
        await self.join(events.citizen_group(self.chat_id))

    async def on_hello(self, frame, ref):
        after = int_field(frame, "last_seq", required=False)
        for reply in await self.db(_resume, self.chat_id, after):
            await self.send_frame(reply)

    async def on_message(self, frame, ref):
        body = str_field(frame, "body")
        message = await self.db(domain.send_as_citizen, self.chat_id, body)
        self.seen_at = time.monotonic()
        await self.send_frame({"type": "ack", "ref": ref, "seq": message.seq})

    async def on_typing(self, frame, ref):
        await self.db(_typing, self.chat_id)

    async def on_read(self, frame, ref):
        seq = int_field(frame, "seq")
        await self.db(domain.mark_read, self.chat_id, seq, by_citizen=True)

    async def on_end(self, frame, ref):
        await self.db(domain.end, self.chat_id, by_citizen=True)

    async def on_ping(self, frame, ref):
        if time.monotonic() - self.seen_at >= seen_every():
            await self.db(domain.citizen_seen, self.chat_id)
            self.seen_at = time.monotonic()
        await self.send_frame({"type": "pong"})

    async def forward(self, frame):
        await self.send_frame(frame)
        # What reached the citizen's page is marked delivered for the official (batched).
        message = frame.get("message") if frame.get("type") == "message" else None
        if message and message.get("kind") in (SenderKind.OFFICIAL, SenderKind.SYSTEM):
            DELIVERY_MARKS.add(self.chat_id, message["seq"], by_citizen=True)
