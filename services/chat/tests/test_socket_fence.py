"""An official's console socket follows their memberships while it is open: a unit
taken away (membership deleted or moved) stops its frames at once, and an official left
with no unit has the console closed. Live sockets on the real ASGI application."""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from services.chat import domain
from services.chat.models import ChatMembership

from .factories import online_official
from .sockets import communicator, official_cookie, receive, receive_until

# Events go out after the commit: these tests commit (transactional tests).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def start(unit, name):
    return domain.start(unit=unit, name=name, mobile="09121234567", body="سلام")


async def frames_until_pong(comm):
    """Everything the socket sends until it answers a ping (or refuses it, or closes)."""
    await comm.send_to(text_data=json.dumps({"type": "ping"}))
    heard = []
    while True:
        frame = await receive(comm, timeout=20)
        heard.append(frame)
        if frame["type"] in ("pong", "error"):
            return heard


def mentions(frames, text):
    return [f for f in frames if text in json.dumps(f, ensure_ascii=False)]


def test_a_removed_official_hears_no_more_of_the_units_queue(welfare, official):
    online_official(welfare)  # a colleague stays: the unit still answers chats
    cookie = official_cookie(official)

    async def scenario():
        comm = communicator("/ws/chat/staff/", cookie)
        assert (await comm.connect())[0]
        await comm.send_to(text_data=json.dumps({"type": "hello"}))
        await receive_until(comm, "welcome", timeout=30)
        await database_sync_to_async(
            lambda: ChatMembership.objects.filter(user=official, unit=welfare).delete()
        )()
        await database_sync_to_async(start)(welfare, "شهروند محرمانه")
        heard = await frames_until_pong(comm)
        # No unit left: the console is closed with a message saying why.
        closing = heard[-1]
        assert closing["type"] == "error" and closing["fatal"] and closing["message"]
        assert (await comm.receive_output())["code"] == 4403
        return heard

    heard = async_to_sync(scenario)()
    assert not mentions(heard, "شهروند محرمانه"), heard


def test_a_unit_taken_away_stops_its_chats_and_keeps_the_others(welfare, it_unit, official):
    online_official(welfare)
    ChatMembership.objects.create(user=official, unit=it_unit)
    held = start(welfare, "شهروند اول")
    domain.accept(official, held.pk)
    cookie = official_cookie(official)

    async def scenario():
        comm = communicator("/ws/chat/staff/", cookie)
        assert (await comm.connect())[0]
        await comm.send_to(text_data=json.dumps({"type": "open", "chat": held.pk}))
        await receive_until(comm, "messages", timeout=30)
        # The welfare membership moves to another unit: welfare is lost, IT kept.
        membership = await database_sync_to_async(
            lambda: ChatMembership.objects.get(user=official, unit=welfare)
        )()
        membership.unit = it_unit
        await database_sync_to_async(
            lambda: ChatMembership.objects.filter(user=official, unit=it_unit).delete()
        )()
        await database_sync_to_async(membership.save)()
        await database_sync_to_async(start)(welfare, "شهروند محرمانه")
        await database_sync_to_async(start)(it_unit, "شهروند فناوری")
        await database_sync_to_async(domain.send_as_citizen)(held.pk, "پیام پنهان")
        heard = await frames_until_pong(comm)
        await comm.disconnect()
        return heard

    heard = async_to_sync(scenario)()
    assert {"type": "gone", "chat": held.pk} in heard
    assert not mentions(heard, "شهروند محرمانه"), heard
    assert not mentions(heard, "پیام پنهان"), heard
    assert mentions(heard, "شهروند فناوری")  # the unit still theirs keeps its queue
    assert heard[-1]["type"] == "pong"
