"""Helpers for the socket tests: the real ASGI application (origin check, session and
auth middleware, the registry's routes), a citizen's or an official's cookie."""

from __future__ import annotations

import json
from importlib import import_module

from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from cms.asgi import application
from services.chat.citizen_session import hold

ORIGIN = b"http://testserver"


def citizen_cookie(chat) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    hold(store, chat)
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def official_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def communicator(path, cookie="", origin=ORIGIN):
    headers = [(b"host", b"testserver")]
    if origin:
        headers.append((b"origin", origin))
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path, headers=headers)


async def receive(comm, timeout=3):
    return json.loads(await comm.receive_from(timeout=timeout))


async def receive_until(comm, kind, timeout=3):
    """Frames until one of ``kind`` (returned); the others are skipped."""
    while True:
        frame = await receive(comm, timeout)
        if frame.get("type") == kind:
            return frame
