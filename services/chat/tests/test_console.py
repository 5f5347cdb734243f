"""The officials' console and its HTTP fallback: an official of the chat's unit sees the
waiting chat, accepts it, replies and writes a note; an official of another unit can
neither see, accept nor read it; malformed input is a 400, never a 500."""

import json

import pytest
from django.urls import reverse

from services.chat import domain
from services.chat.admin.setup import make_official
from services.chat.enums import ChatState, ViewAction
from services.chat.models import ChatMessage, ChatSession, ChatViewLog

from .factories import OfficialFactory, UserFactory


def official_of(unit, *, manager=False, online=True):
    user = UserFactory()
    make_official(user, unit, manager=manager)
    OfficialFactory(user=user, away=not online)
    return user


def started(unit, body="سلام، وضعیت وام من چیست؟"):
    return domain.start(unit=unit, name="زهرا احمدی", mobile="09121234567", body=body)


def frame(client, **data):
    response = client.post(
        reverse("chat_console_frame"), json.dumps(data), content_type="application/json"
    )
    return response


def poll(client, query=""):
    return client.get(reverse("chat_console_poll") + query)


def frames_of(response, kind):
    return [f for f in response.json()["frames"] if f["type"] == kind]


@pytest.fixture
def welfare_official(welfare):
    return official_of(welfare)


@pytest.fixture
def it_official(it_unit):
    return official_of(it_unit)


@pytest.mark.django_db
def test_an_official_accepts_replies_and_notes_over_http(client, welfare, welfare_official):
    chat = started(welfare)
    client.force_login(welfare_official)

    page = client.get(reverse("chat_console"))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert "chat-console-config" in page.content.decode()

    [welcome] = frames_of(poll(client), "welcome")
    assert [w["chat"] for w in welcome["waiting"]] == [chat.pk]
    assert welcome["waiting"][0]["name"] == "زهرا احمدی"

    accepted = frame(client, type="accept", chat=chat.pk)
    assert accepted.status_code == 200
    [state] = frames_of(accepted, "state")
    assert state["state"] == ChatState.ACTIVE and state["official_id"] == welfare_official.pk
    [messages] = frames_of(accepted, "messages")
    assert messages["items"][0]["body"] == "سلام، وضعیت وام من چیست؟"

    reply = frame(client, type="message", chat=chat.pk, body="سلام، در حال بررسی است.", ref="o1")
    [ack] = frames_of(reply, "ack")
    assert ack["ref"] == "o1" and ack["seq"] > 1
    frame(client, type="note", chat=chat.pk, body="پرونده را فردا ببینم")

    kinds = list(ChatMessage.objects.filter(session=chat).values_list("kind", flat=True))
    assert kinds[-2:] == ["official", "note"]
    # The citizen's side never gets the note.
    citizen_bodies = [m.body for m in domain.messages_after(chat, 0, for_citizen=True)]
    assert "پرونده را فردا ببینم" not in citizen_bodies

    resumed = poll(client, f"?open={chat.pk}:1")
    [messages] = frames_of(resumed, "messages")
    assert [m["seq"] for m in messages["items"]] == sorted(m["seq"] for m in messages["items"])
    assert all(m["seq"] > 1 for m in messages["items"])

    ended = frame(client, type="end", chat=chat.pk)
    assert frames_of(ended, "state")[0]["state"] == ChatState.ENDED


@pytest.mark.django_db
def test_an_official_of_another_unit_can_neither_see_accept_nor_read(
    client, welfare, welfare_official, it_official
):
    chat = started(welfare)
    client.force_login(it_official)

    [welcome] = frames_of(poll(client), "welcome")
    assert welcome["waiting"] == []

    for attempt in (
        {"type": "accept", "chat": chat.pk},
        {"type": "open", "chat": chat.pk, "last_seq": 0},
        {"type": "message", "chat": chat.pk, "body": "سلام"},
        {"type": "note", "chat": chat.pk, "body": "سلام"},
        {"type": "end", "chat": chat.pk},
        {"type": "convert", "chat": chat.pk},
        {"type": "transfer", "chat": chat.pk, "user": it_official.pk},
    ):
        answer = frame(client, **attempt)
        assert answer.status_code == 200
        [error] = frames_of(answer, "error")
        assert error["code"] == "forbidden", attempt
        assert "زهرا" not in answer.content.decode()

    polled = poll(client, f"?open={chat.pk}:0")
    assert frames_of(polled, "messages") == []
    assert frames_of(polled, "error")[0]["code"] == "forbidden"
    assert "وضعیت وام" not in polled.content.decode()

    chat.refresh_from_db()
    assert chat.state == ChatState.WAITING and chat.official_id is None
    assert ChatMessage.objects.filter(session=chat).count() == 1
    assert not ChatViewLog.objects.filter(session=chat).exists()


@pytest.mark.django_db
def test_opening_a_chat_is_logged(client, welfare, welfare_official):
    chat = started(welfare)
    client.force_login(welfare_official)
    frame(client, type="open", chat=chat.pk, last_seq=0)
    log = ChatViewLog.objects.get(session=chat)
    assert (log.user, log.action) == (welfare_official, ViewAction.OPEN)


@pytest.mark.django_db
def test_people_who_are_not_officials_get_nothing(client, welfare, welfare_official):
    started(welfare)
    editor = UserFactory()
    client.force_login(editor)
    for response in (
        client.get(reverse("chat_console")),
        poll(client),
        frame(client, type="hello"),
    ):
        assert response.status_code in (302, 403)
    client.logout()
    assert poll(client).status_code == 302
    assert frame(client, type="hello").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        json.dumps({"type": "teleport"}).encode(),
        json.dumps({"type": "accept", "chat": "12"}).encode(),
        json.dumps({"type": "message", "chat": 1, "body": 5}).encode(),
        json.dumps({"type": "hello", "ref": "x" * 65}).encode(),
        b"\xff\xfe",
    ],
)
def test_malformed_frames_are_a_400(client, welfare_official, body):
    client.force_login(welfare_official)
    response = client.post(reverse("chat_console_frame"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?open=abc", "?open=1:x", "?since=4", "?open=1:1&open=2:2", "?open=١:٠"]
)
def test_malformed_polls_are_a_400(client, welfare_official, query):
    client.force_login(welfare_official)
    response = poll(client, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_capacity_and_presence_over_http(client, welfare, welfare_official):
    client.force_login(welfare_official)
    [welcome] = frames_of(frame(client, type="capacity", capacity=5), "welcome")
    assert welcome["capacity"] == 5
    [welcome] = frames_of(frame(client, type="presence", availability="away"), "welcome")
    assert welcome["availability"] == "away"
    # Away: accepting is refused with a clear message.
    chat = started(welfare)
    [error] = frames_of(frame(client, type="accept", chat=chat.pk), "error")
    assert error["code"] == "unavailable" and error["message"]
    assert ChatSession.objects.get(pk=chat.pk).state == ChatState.WAITING
