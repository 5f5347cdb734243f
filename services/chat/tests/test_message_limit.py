"""One message limit per chat and side (CHAT_MESSAGES_PER_MINUTE), counted in the domain
from the chat's stored messages (the opening message included): the HTTP fallback
answers 429 like the socket closes, and neither reconnecting nor switching from the
socket to HTTP starts the count afresh."""

import json

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from services.chat import domain
from services.chat.models import ChatMessage, ChatSession

from .sockets import citizen_cookie, communicator, receive_until

START = {"name": "زهرا احمدی", "mobile": "۰۹۱۲۱۲۳۴۵۶۷", "message": "سلام"}


@pytest.mark.django_db
def test_http_fallback_refuses_past_the_per_minute_limit(client, welfare, official, settings):
    settings.CHAT_MESSAGES_PER_MINUTE = 5
    response = client.post(reverse("chat:hub"), {**START, "unit": welfare.pk})
    assert response.status_code == 302
    chat = ChatSession.objects.latest("pk")
    statuses = [
        client.post(reverse("chat:api_send"), {"body": f"پیام {i}"}).status_code for i in range(8)
    ]
    assert statuses == [200] * 4 + [429] * 4  # the opening message is the fifth
    refused = client.post(reverse("chat:api_send"), {"body": "یکی دیگر"}, HTTP_ACCEPT_LANGUAGE="fa")
    error = refused.json()["error"]
    assert error["code"] == "rate_limited"
    assert "پیام" in error["message"]  # Persian, telling the citizen to wait
    assert ChatMessage.objects.filter(session=chat, body__startswith="پیام").count() == 4


@pytest.mark.django_db
def test_files_count_against_the_same_limit(client, welfare, official, settings):
    settings.CHAT_MESSAGES_PER_MINUTE = 3
    client.post(reverse("chat:hub"), {**START, "unit": welfare.pk})
    for i in range(2):  # with the opening message, three
        assert client.post(reverse("chat:api_send"), {"body": f"پیام {i}"}).status_code == 200
    png = SimpleUploadedFile(
        "a.png",
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        ),
        content_type="image/png",
    )
    response = client.post(reverse("chat:api_send"), {"body": "", "file": png})
    assert response.status_code == 429


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reconnecting_or_switching_to_http_does_not_reset_the_limit(welfare, official, settings):
    settings.CHAT_MESSAGES_PER_MINUTE = 3
    chat = domain.start(unit=welfare, name="زهرا احمدی", mobile="09121234567", body="سلام")
    cookie = citizen_cookie(chat)

    async def scenario():
        comm = communicator("/ws/chat/", cookie)
        assert (await comm.connect())[0]
        # The opening message and one more on this connection...
        await comm.send_to(text_data=json.dumps({"type": "message", "body": "پیام ۱"}))
        await receive_until(comm, "ack")
        await comm.disconnect()
        comm = communicator("/ws/chat/", cookie)  # a fresh connection: same chat, same count
        assert (await comm.connect())[0]
        await comm.send_to(text_data=json.dumps({"type": "message", "body": "پیام ۲"}))
        await receive_until(comm, "ack")
        await comm.send_to(text_data=json.dumps({"type": "message", "body": "پیام ۴"}))
        error = await receive_until(comm, "error")
        assert error["code"] == "rate_limited"
        assert (await comm.receive_output())["code"] == 4429

    async_to_sync(scenario)()
    http = Client()
    http.cookies[django_settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
    response = http.post(reverse("chat:api_send"), {"body": "از راه دیگر"})
    assert response.status_code == 429
    assert chat.messages.count() == 3  # the opening message and two more
