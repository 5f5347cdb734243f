"""Two app processes behind the Redis channel layer: a message sent on one reaches a socket
held by the other. Runs with the browser run (live servers on its database file):
``pytest -m browser --ds=cms.settings.e2e``. Needs Redis (``CHAT_TEST_REDIS_URL``, by
default redis://127.0.0.1:6379/2); without it the test skips, in CI it fails."""

import json
import os
from functools import partial

import pytest
import redis
from channels.layers import channel_layers
from channels.testing.live import make_application, set_database_connection
from daphne.testing import DaphneProcess
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections
from websockets.sync.client import connect

from services.chat import domain

from .factories import make_units, online_official
from .sockets import citizen_cookie, official_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REDIS_URL = os.environ.get("CHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


def use_redis_layer():
    """In the server process: the database of the run, and the Redis layer."""
    set_database_connection()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "chat-two-processes"},
        }
    }
    channel_layers.backends.clear()


def start_server():
    process = DaphneProcess(
        "localhost",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=use_redis_layer,
    )
    process.start()
    while not process.ready.wait(timeout=1):
        if not process.is_alive():
            raise RuntimeError("The ASGI test server stopped")
    return process


@pytest.fixture
def redis_available():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        message = f"No Redis at {REDIS_URL}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


def socket(process, path, cookie):
    base = f"localhost:{process.port.value}"
    return connect(
        f"ws://{base}{path}",
        origin=f"http://{base}",
        additional_headers={"Cookie": cookie},
        open_timeout=5,
    )


def frames_until(ws, kind, **match):
    while True:
        frame = json.loads(ws.recv(timeout=5))
        if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
            return frame


def test_a_message_crosses_from_one_process_to_the_other(redis_available, home_page):
    welfare = make_units(home_page)["welfare-office"]
    official = online_official(welfare)
    chat = domain.start(unit=welfare, name="زهرا احمدی", mobile="09121234567", body="سلام")
    citizen, staff = citizen_cookie(chat), official_cookie(official)
    connections.close_all()
    first, second = start_server(), start_server()
    try:
        with (
            socket(first, "/ws/chat/", citizen) as citizen_ws,
            socket(second, "/ws/chat/staff/", staff) as staff_ws,
        ):
            citizen_ws.send(json.dumps({"type": "hello", "last_seq": 0}))
            frames_until(citizen_ws, "messages")
            staff_ws.send(json.dumps({"type": "accept", "chat": chat.pk}))
            frames_until(staff_ws, "messages", chat=chat.pk)
            assert frames_until(citizen_ws, "state")["state"] == "active"

            staff_ws.send(json.dumps({"type": "message", "chat": chat.pk, "body": "از فرایند دوم"}))
            got = frames_until(citizen_ws, "message")
            while got["message"]["kind"] != "official":
                got = frames_until(citizen_ws, "message")
            assert got["message"]["body"] == "از فرایند دوم"

            citizen_ws.send(json.dumps({"type": "message", "body": "از فرایند اول"}))
            back = frames_until(staff_ws, "message", chat=chat.pk)
            while back["message"]["kind"] != "citizen":
                back = frames_until(staff_ws, "message", chat=chat.pk)
            assert back["message"]["body"] == "از فرایند اول"
    finally:
        for process in (first, second):
            process.terminate()
            process.join()
