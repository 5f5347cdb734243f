"""Delivery marks over the sockets: written in batches, not one database call per frame,
and only by the official who answers the chat (a colleague who follows it marks
nothing)."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from services.chat import domain
from services.chat.models import ChatMessage

from .factories import online_official
from .sockets import citizen_cookie, communicator, official_cookie, receive, receive_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def delivered_seqs(chat):
    return set(
        ChatMessage.objects.filter(
            session=chat, kind="citizen", delivered_at__isnull=False
        ).values_list("seq", flat=True)
    )


async def frames_for(comm, seconds):
    """Every frame the socket receives within ``seconds`` (without timing out a
    receive, which would cancel the application)."""
    frames = []
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while loop.time() < end:
        if not await comm.receive_nothing(timeout=0.1):
            frames.append(await receive(comm))
    return frames


async def send_message(comm, body, seen):
    """Sends, returns the number it got; the frames that came meanwhile go to ``seen``."""
    await comm.send_to(text_data=json.dumps({"type": "message", "body": body, "ref": body}))
    while (frame := await receive(comm, timeout=10))["type"] != "ack":
        seen.append(frame)
    return frame["seq"]


def test_the_answering_officials_socket_marks_delivered_in_one_batch(welfare, official):
    chat = domain.start(unit=welfare, name="زهرا احمدی", mobile="09121234567", body="سلام")
    domain.accept(official, chat.pk)
    colleague = online_official(welfare)
    citizen, staff, other = (
        citizen_cookie(chat),
        official_cookie(official),
        official_cookie(colleague),
    )

    async def open_console(cookie, last_seq):
        desk = communicator("/ws/chat/staff/", cookie)
        assert (await desk.connect())[0]
        await desk.send_to(text_data=json.dumps({"type": "hello"}))
        await receive_until(desk, "welcome", timeout=10)
        await desk.send_to(
            text_data=json.dumps({"type": "open", "chat": chat.pk, "last_seq": last_seq})
        )
        await receive_until(desk, "messages", timeout=10)
        return desk

    async def scenario():
        page = communicator("/ws/chat/", citizen)
        assert (await page.connect())[0]
        await page.send_to(text_data=json.dumps({"type": "hello", "last_seq": 0}))
        last = (await receive_until(page, "state", timeout=10))["last_seq"]

        # A colleague following the chat receives it but marks nothing.
        follower = await open_console(other, last)
        seen = []
        first = await send_message(page, "یک", seen)
        assert (await receive_until(follower, "message", timeout=10))["message"]["seq"] == first
        await asyncio.sleep(1.5)
        assert await database_sync_to_async(delivered_seqs)(chat) == set()

        # The official answering it: three messages, one delivered mark up to the last.
        desk = await open_console(staff, first)
        seen.clear()
        seqs = [await send_message(page, body, seen) for body in ("دو", "سه", "چهار")]
        frames = seen + await frames_for(page, 3)
        marks = [f for f in frames if f["type"] == "delivered" and f["by"] == "official"]
        assert marks and marks[-1]["seq"] == seqs[-1]
        assert len(marks) < len(seqs)  # batched, not one per message
        # Up to the last: the question the chat started with too.
        assert await database_sync_to_async(delivered_seqs)(chat) == {1, first, *seqs}
        for comm in (page, follower, desk):
            await comm.disconnect()

    async_to_sync(scenario)()
