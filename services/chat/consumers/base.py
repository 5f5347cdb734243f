"""What both chat sockets share: frame checks, limits, language, errors.

A frame that is not a JSON object with a known ``type``, or is too large, closes the
socket with a clear message (``PROTOCOL.md``); a refused action answers an ``error``
frame and keeps the socket; nothing a client sends becomes a server error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from .. import conf
from ..domain import ChatError, TooMany, events, mark_delivered_many

logger = logging.getLogger(__name__)

CLOSE_MALFORMED = 4400
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_LARGE = 4413
CLOSE_RATE_LIMITED = 4429

MAX_REF = 64

# Delivery marks are gathered this long before being written in one go (seconds).
MARK_DELAY = 0.5


def _write_marks(pending: dict, outbox: list) -> None:
    with events.collect(outbox), transaction.atomic():
        for (by_citizen, official_id), marks in pending.items():
            mark_delivered_many(marks, by_citizen=by_citizen, official_id=official_id)


async def send_outbox(layer, outbox) -> None:
    """Sends what a domain call published (after its commit), from the event loop."""
    for groups, frame in outbox:
        for group in groups:
            try:
                await layer.group_send(group, events.event(frame))
            except Exception:
                # Saved is saved: clients resume from the database.
                logger.exception("Could not publish %s to %s", frame.get("type"), group)


class DeliveryMarks:
    """The delivery marks of every socket of this process (a page received messages up
    to a number), gathered for MARK_DELAY and written in one transaction: at 40 messages
    a second that is two database calls a second instead of forty."""

    def __init__(self):
        self.pending: dict[tuple[bool, int | None], dict[int, int]] = {}
        self.task: asyncio.Task | None = None

    def add(self, chat_id: int, seq: int, *, by_citizen: bool, official_id=None) -> None:
        marks = self.pending.setdefault((by_citizen, official_id), {})
        if seq > marks.get(chat_id, 0):
            marks[chat_id] = seq
        loop = asyncio.get_running_loop()
        if self.task is None or self.task.done() or self.task.get_loop() is not loop:
            self.task = loop.create_task(self._write_later())

    async def _write_later(self) -> None:
        await asyncio.sleep(MARK_DELAY)
        await self.write()

    async def write(self) -> None:
        pending, self.pending = self.pending, {}
        if not pending:
            return
        outbox: list = []
        try:
            await database_sync_to_async(_write_marks)(pending, outbox)
        except Exception:
            # A mark is a courtesy: never worth a socket's life.
            logger.exception("Could not write delivery marks")
        await send_outbox(get_channel_layer(), outbox)


DELIVERY_MARKS = DeliveryMarks()


class MalformedFrame(Exception):
    pass


class RateWindow:
    """Counts events of one connection over the last minute."""

    def __init__(self, limit: int, period: float = 60.0):
        self.limit = limit
        self.period = period
        self.times: list[float] = []

    def allow(self) -> bool:
        now = time.monotonic()
        self.times = [t for t in self.times if now - t < self.period]
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True


def int_field(frame, name, *, required=True, default=0) -> int:
    value = frame.get(name, None if required else default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MalformedFrame(name)
    return value


def str_field(frame, name, *, required=True, max_length=None) -> str:
    value = frame.get(name, None if required else "")
    if not isinstance(value, str):
        raise MalformedFrame(name)
    if max_length is not None and len(value) > max_length:
        raise MalformedFrame(name)
    return value


class ChatSocket(AsyncWebsocketConsumer):
    """Base of the citizen's and the officials' sockets."""

    # Frame types this socket understands -> method names.
    handlers: dict[str, str] = {}
    # Frame types that are messages: past the per-minute limit of the chat (counted in
    # the domain, shared with the HTTP fallback), they close the socket.
    message_types = frozenset({"message", "note"})
    language = "fa"

    async def websocket_connect(self, message):
        self.frames = RateWindow(conf.frames_per_minute())
        self.groups_joined: set[str] = set()
        await super().websocket_connect(message)

    # Groups

    async def join(self, group: str) -> None:
        if group not in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.add(group)

    async def leave(self, group: str) -> None:
        if group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined.discard(group)

    async def disconnect(self, code):
        for group in list(getattr(self, "groups_joined", ())):
            await self.leave(group)

    # Sending

    async def send_frame(self, frame: dict) -> None:
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))

    async def refuse(self, code: int, message: str, error: str = "invalid") -> None:
        """Tells the page why, then closes the socket."""
        await self.send_frame({"type": "error", "code": error, "message": message, "fatal": True})
        await self.close(code=code)

    def _translated(self, outbox, function, *args, **kwargs):
        with translation.override(self.language), events.collect(outbox):
            return function(*args, **kwargs)

    async def db(self, function, *args, **kwargs):
        """Runs a synchronous domain call in the page's language, off the event loop.
        What it published (after its commit) is sent from here, the event loop, so the
        process's one database thread never waits on the channel layer."""
        outbox: list = []
        try:
            return await database_sync_to_async(self._translated)(outbox, function, *args, **kwargs)
        finally:
            await self.publish(outbox)

    async def publish(self, outbox) -> None:
        await send_outbox(self.channel_layer, outbox)

    # Receiving

    async def receive(self, text_data=None, bytes_data=None):
        with translation.override(self.language):
            if bytes_data is not None or text_data is None:
                await self.refuse(CLOSE_MALFORMED, gettext("The chat sends only text frames."))
                return
            if len(text_data.encode("utf-8")) > conf.max_frame_bytes():
                await self.refuse(
                    CLOSE_TOO_LARGE,
                    gettext("The message is too long; the connection was closed."),
                    "too_large",
                )
                return
            if not self.frames.allow():
                await self.refuse(
                    CLOSE_RATE_LIMITED,
                    gettext("Too many messages in a short time; the connection was closed."),
                    "rate_limited",
                )
                return
            try:
                frame = json.loads(text_data)
            except ValueError:
                frame = None
            kind = frame.get("type") if isinstance(frame, dict) else None
            handler = self.handlers.get(kind) if isinstance(kind, str) else None
            if handler is None:
                await self.refuse(
                    CLOSE_MALFORMED,
                    gettext("The page sent something the chat does not understand."),
                )
                return
            ref = frame.get("ref")
            if ref is not None and (not isinstance(ref, str) or len(ref) > MAX_REF):
                ref = None
        try:
            await getattr(self, handler)(frame, ref)
        except MalformedFrame:
            with translation.override(self.language):
                await self.refuse(
                    CLOSE_MALFORMED,
                    gettext("The page sent something the chat does not understand."),
                )
        except ChatError as refusal:
            if isinstance(refusal, TooMany) and kind in self.message_types:
                with translation.override(self.language):
                    await self.refuse(
                        CLOSE_RATE_LIMITED,
                        gettext("Too many messages in a short time; the connection was closed."),
                        "rate_limited",
                    )
                return
            await self.send_frame(
                {"type": "error", "code": refusal.code, "message": str(refusal.message), "ref": ref}
            )

    # Events from the channel layer: their type (domain.events.EVENT_TYPE, "chat.event")
    # calls chat_event.

    async def chat_event(self, event):
        await self.forward(event["frame"])

    async def forward(self, frame: dict) -> None:
        await self.send_frame(frame)
