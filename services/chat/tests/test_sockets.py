"""The sockets as a browser uses them: origin, session binding, fence, limits, malformed
frames, resume. Each test drives the real ASGI application."""

import json

import pytest
from asgiref.sync import async_to_sync

from services.chat import domain
from services.chat.enums import ChatState

from .sockets import citizen_cookie, communicator, official_cookie, receive, receive_until

# Events go out after the commit: these tests commit (transactional tests).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run(scenario):
    # async_to_sync: the consumers' database calls come back to this (the test's) thread.
    return async_to_sync(scenario)()


def start(unit, **kwargs):
    fields = {"name": "زهرا احمدی", "mobile": "09121234567", "body": "سلام، سؤال دارم"}
    fields.update(kwargs)
    return domain.start(unit=unit, **fields)


def test_citizen_and_official_talk_and_resume(welfare, official):
    chat = start(welfare)
    citizen = citizen_cookie(chat)
    staff = official_cookie(official)

    async def scenario():
        comm = communicator("/ws/chat/", citizen)
        connected, _ = await comm.connect()
        assert connected
        await comm.send_to(text_data=json.dumps({"type": "hello", "last_seq": 0}))
        state = await receive_until(comm, "state")
        assert state["state"] == ChatState.WAITING
        assert state["queue"]["position"] == 1
        history = await receive_until(comm, "messages")
        assert [m["body"] for m in history["items"]] == ["سلام، سؤال دارم"]

        desk = communicator("/ws/chat/staff/", staff)
        assert (await desk.connect())[0]
        await desk.send_to(text_data=json.dumps({"type": "hello"}))
        welcome = await receive_until(desk, "welcome")
        assert [c["chat"] for c in welcome["waiting"]] == [chat.pk]
        await desk.send_to(text_data=json.dumps({"type": "accept", "chat": chat.pk}))
        await receive_until(desk, "messages")
        assert (await receive_until(comm, "state"))["state"] == ChatState.ACTIVE

        await desk.send_to(
            text_data=json.dumps({"type": "message", "chat": chat.pk, "body": "سلام، بفرمایید"})
        )
        got = await receive_until(comm, "message")
        assert got["message"]["body"] == "سلام، بفرمایید"
        await desk.send_to(
            text_data=json.dumps({"type": "note", "chat": chat.pk, "body": "یادداشت محرمانه"})
        )
        await comm.send_to(text_data=json.dumps({"type": "message", "body": "ممنون", "ref": "c1"}))
        ack = await receive_until(comm, "ack")
        assert ack["ref"] == "c1"
        from_citizen = await receive_until(desk, "message")
        while from_citizen["message"]["kind"] != "citizen":
            from_citizen = await receive_until(desk, "message")
        assert from_citizen["message"]["body"] == "ممنون"
        await comm.disconnect()

        # A reload: a new socket resumes after what the page had shown and loses nothing.
        again = communicator("/ws/chat/", citizen)
        assert (await again.connect())[0]
        await again.send_to(text_data=json.dumps({"type": "hello", "last_seq": 1}))
        resumed = await receive_until(again, "messages")
        bodies = [m["body"] for m in resumed["items"]]
        assert "سلام، بفرمایید" in bodies and "ممنون" in bodies
        assert "یادداشت محرمانه" not in bodies
        assert all(m["seq"] > 1 for m in resumed["items"])
        await again.disconnect()
        await desk.disconnect()

    run(scenario)


def test_official_of_another_unit_cannot_open_or_accept(welfare, official, other_official):
    chat = start(welfare)
    staff = official_cookie(other_official)

    async def scenario():
        desk = communicator("/ws/chat/staff/", staff)
        assert (await desk.connect())[0]
        await desk.send_to(text_data=json.dumps({"type": "hello"}))
        welcome = await receive_until(desk, "welcome")
        assert welcome["waiting"] == []
        for kind in ("open", "accept"):
            await desk.send_to(text_data=json.dumps({"type": kind, "chat": chat.pk}))
            error = await receive_until(desk, "error")
            assert error["code"] == "forbidden"
        # The waiting chat's announcements do not reach another unit's console.
        await desk.send_to(text_data=json.dumps({"type": "ping"}))
        assert (await receive(desk))["type"] == "pong"
        await desk.disconnect()

    run(scenario)
    chat.refresh_from_db()
    assert chat.state == ChatState.WAITING


def test_foreign_origin_is_refused(welfare, official):
    cookie = citizen_cookie(start(welfare))

    async def scenario():
        comm = communicator("/ws/chat/", cookie, origin=b"https://evil.example")
        connected, _ = await comm.connect()
        assert not connected

    run(scenario)


def test_socket_without_a_chat_is_told_and_closed(welfare):
    async def scenario():
        comm = communicator("/ws/chat/")
        assert (await comm.connect())[0]
        frame = await receive(comm)
        assert frame["type"] == "error" and frame["fatal"]
        assert (await comm.receive_output())["type"] == "websocket.close"

    run(scenario)


def test_anonymous_staff_socket_is_refused(welfare):
    async def scenario():
        comm = communicator("/ws/chat/staff/")
        assert (await comm.connect())[0]
        assert (await receive(comm))["code"] == "forbidden"
        closing = await comm.receive_output()
        assert closing == {"type": "websocket.close", "code": 4403}

    run(scenario)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json", 4400),
        ('["a list"]', 4400),
        ('{"type": "drop_tables"}', 4400),
        ('{"type": "message", "body": 5}', 4400),
        ('{"type": "hello", "last_seq": "x"}', 4400),
        (json.dumps({"type": "message", "body": "x" * 20000}), 4413),
    ],
)
def test_malformed_or_oversized_frames_close_with_a_message(welfare, official, frame, code):
    chat = start(welfare)
    cookie = citizen_cookie(chat)

    async def scenario():
        comm = communicator("/ws/chat/", cookie)
        assert (await comm.connect())[0]
        await comm.send_to(text_data=frame)
        error = await receive(comm)
        assert error["type"] == "error" and error["message"]
        assert await comm.receive_output() == {"type": "websocket.close", "code": code}

    run(scenario)


def test_too_many_messages_per_minute_close_the_socket(welfare, official, settings):
    settings.CHAT_MESSAGES_PER_MINUTE = 3
    chat = start(welfare)
    cookie = citizen_cookie(chat)

    async def scenario():
        comm = communicator("/ws/chat/", cookie)
        assert (await comm.connect())[0]
        # The opening message is one of the three of this minute.
        for n in range(2):
            await comm.send_to(text_data=json.dumps({"type": "message", "body": f"پیام {n}"}))
            await receive_until(comm, "ack")
        await comm.send_to(text_data=json.dumps({"type": "message", "body": "یکی بیشتر"}))
        error = await receive_until(comm, "error")
        assert error["code"] == "rate_limited"
        assert (await comm.receive_output())["code"] == 4429

    run(scenario)
    assert chat.messages.count() == 3  # the opening message and two more, not the fourth


def test_a_refused_action_keeps_the_socket(welfare, official):
    chat = start(welfare)
    cookie = citizen_cookie(chat)

    async def scenario():
        comm = communicator("/ws/chat/", cookie)
        assert (await comm.connect())[0]
        await comm.send_to(text_data=json.dumps({"type": "message", "body": "   "}))
        assert (await receive_until(comm, "error"))["code"] == "invalid"
        await comm.send_to(text_data=json.dumps({"type": "ping"}))
        assert (await receive_until(comm, "pong"))["type"] == "pong"
        await comm.disconnect()

    run(scenario)


def test_a_chat_transferred_away_stops_reaching_the_first_units_console(
    welfare, it_unit, official, other_official
):
    chat = start(welfare)
    domain.accept(official, chat.pk)
    staff = official_cookie(official)

    async def scenario():
        desk = communicator("/ws/chat/staff/", staff)
        assert (await desk.connect())[0]
        await desk.send_to(text_data=json.dumps({"type": "open", "chat": chat.pk}))
        await receive_until(desk, "messages")
        await desk.send_to(
            text_data=json.dumps({"type": "transfer", "chat": chat.pk, "unit": it_unit.pk})
        )
        assert (await receive_until(desk, "gone"))["chat"] == chat.pk
        await desk.send_to(text_data=json.dumps({"type": "open", "chat": chat.pk}))
        assert (await receive_until(desk, "error"))["code"] == "forbidden"
        await desk.disconnect()

    run(scenario)
    chat.refresh_from_db()
    assert (chat.unit_id, chat.state) == (it_unit.pk, ChatState.WAITING)
