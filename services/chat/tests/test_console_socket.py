"""The console's fence on the staff socket, from the attacker's side: an official of
another unit, connected while a welfare chat waits, is active and gets messages, hears
nothing of it and can do nothing to it; the welfare official, on the same layer, can."""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from services.chat import domain
from services.chat.enums import ChatState
from services.chat.models import ChatMessage, ChatViewLog

from .sockets import communicator, official_cookie, receive, receive_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send(comm, **frame):
    return comm.send_to(text_data=json.dumps(frame))


async def silent(comm):
    """Nothing arrives but the answer to a ping: no frame of another unit's chat."""
    await send(comm, type="ping")
    frame = await receive(comm)
    assert frame["type"] == "pong", frame


def test_another_units_official_hears_nothing_and_changes_nothing(
    welfare, official, other_official
):
    mine, theirs = official_cookie(official), official_cookie(other_official)

    async def scenario():
        outsider = communicator("/ws/chat/staff/", theirs)
        insider = communicator("/ws/chat/staff/", mine)
        assert (await outsider.connect())[0] and (await insider.connect())[0]
        for comm in (outsider, insider):
            await send(comm, type="hello")
            await receive_until(comm, "welcome")

        chat = await _start(welfare)
        # The welfare console is told; the other unit's is not.
        announced = await receive_until(insider, "waiting")
        assert announced["chat"] == chat.pk
        await silent(outsider)

        await send(insider, type="accept", chat=chat.pk)
        await receive_until(insider, "messages")
        await send(insider, type="message", chat=chat.pk, body="سلام، بفرمایید")
        await receive_until(insider, "ack")
        await silent(outsider)

        for attempt in (
            {"type": "open", "chat": chat.pk, "last_seq": 0},
            {"type": "message", "chat": chat.pk, "body": "من هم هستم"},
            {"type": "note", "chat": chat.pk, "body": "یادداشت"},
            {"type": "read", "chat": chat.pk, "seq": 1},
            {"type": "typing", "chat": chat.pk},
            {"type": "transfer", "chat": chat.pk, "unit": welfare.pk},
            {"type": "end", "chat": chat.pk},
            {"type": "convert", "chat": chat.pk},
        ):
            await send(outsider, **attempt, ref="x")
            error = await receive_until(outsider, "error")
            assert error["code"] == "forbidden", attempt
            assert "سلام" not in json.dumps(error, ensure_ascii=False)
        await silent(outsider)
        for comm in (outsider, insider):
            await comm.disconnect()
        return chat

    chat = async_to_sync(scenario)()
    chat.refresh_from_db()
    assert chat.state == ChatState.ACTIVE and chat.official_id == official.pk
    bodies = list(ChatMessage.objects.filter(session=chat).values_list("body", flat=True))
    assert "من هم هستم" not in bodies and "یادداشت" not in bodies
    assert not ChatViewLog.objects.filter(session=chat, user=other_official).exists()


async def _start(unit):
    return await database_sync_to_async(domain.start)(
        unit=unit, name="زهرا احمدی", mobile="09121234567", body="سلام، سؤال دارم"
    )
