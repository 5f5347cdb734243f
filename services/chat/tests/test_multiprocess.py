"""Two daphne processes share chats through Redis: the citizen's socket is on one, the
official's on the other, and messages cross both ways (the grown-up deployment:
``deploy/systemd/portal-ws@.service`` behind nginx, ``REDIS_URL`` set).

Runs the portal as deployed (production settings, a SQLite file of its own, channels-redis on
``REDIS_URL``, default ``redis://127.0.0.1:6379/3``); skipped when Redis does not answer.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import websockets

from cms.tests.migrated import copy_migrated_database

BASE_DIR = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("CHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
PORTS = range(8122, 8140)

# Its own SQLite files whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite]

PREPARE = """
import json, sys
from importlib import import_module
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from services.chat import domain
from services.chat.admin.setup import make_official
from services.chat.citizen_session import hold
from services.chat.enums import Availability
from services.chat.models import ChatOfficial
from sitepages.models import UnitIndexPage, UnitPage

home = Page.objects.get(depth=2)
index = home.add_child(instance=UnitIndexPage(title="واحدها", slug="units-mp"))
unit = index.add_child(instance=UnitPage(title="اداره رفاه", slug="welfare-mp"))
user = get_user_model().objects.create_user("mp.official", first_name="مریم")
make_official(user, unit)
ChatOfficial.objects.update_or_create(user=user, defaults=dict(
    availability=Availability.AVAILABLE, capacity=3, last_seen_at=timezone.now()))
chat = domain.start(unit=unit, name="زهرا احمدی", mobile="09121234567", body="سلام")
domain.accept(user, chat.pk)
store = import_module(settings.SESSION_ENGINE).SessionStore()
hold(store, chat)
store.create()
client = Client()
client.force_login(user)
print("PREPARED " + json.dumps({"chat": chat.pk, "name": settings.SESSION_COOKIE_NAME,
      "citizen": store.session_key, "official": client.cookies[settings.SESSION_COOKIE_NAME].value}))
"""


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001 - any failure means "no Redis here"
        return False


def free_ports(count):
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            found.append(port)
            if len(found) == count:
                return found
    pytest.skip(f"no {count} free ports in {PORTS.start}-{PORTS.stop - 1}")


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    if not redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    data = tmp_path_factory.mktemp("chat-multiprocess") / "data"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        PORTAL_BASE_URL="http://127.0.0.1",
        ALLOWED_HOSTS="127.0.0.1",
        DATA_DIR=str(data),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"chat-mp-{os.getpid()}",
        LOG_LEVEL="WARNING",
    )
    python = str(Path(sys.executable))
    # A copy of a migrated database (cms/tests/migrated.py): the development settings
    # install the same apps but daphne (which has no models); `migrate` completes it.
    copy_migrated_database(data / "portal.sqlite3", "cms.settings.dev", env=env)
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [python, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=900,
    )
    prepared = subprocess.run(  # noqa: S603
        [python, "manage.py", "shell", "-c", PREPARE],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = [row for row in prepared.stdout.splitlines() if row.startswith("PREPARED ")][-1]
    ports = free_ports(2)
    servers = [
        subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).with_name("daphne")),
                "cms.asgi:application",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(240):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.25)
            else:
                pytest.fail(f"daphne on {port} never started")
        yield ports, json.loads(line.removeprefix("PREPARED "))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def connect(port, path, name, cookie):
    return websockets.connect(
        f"ws://127.0.0.1:{port}{path}",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"{name}={cookie}"},
        open_timeout=20,
    )


async def until(ws, predicate, timeout=10):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            if predicate(frame):
                return frame


def test_a_message_crosses_from_one_process_to_the_other(two_servers):
    (citizen_port, official_port), prepared = two_servers
    chat, name = prepared["chat"], prepared["name"]

    async def scenario():
        async with (
            connect(citizen_port, "/ws/chat/", name, prepared["citizen"]) as citizen,
            connect(official_port, "/ws/chat/staff/", name, prepared["official"]) as official,
        ):
            await official.send(json.dumps({"type": "hello"}))
            await until(official, lambda f: f["type"] == "welcome")
            await official.send(json.dumps({"type": "open", "chat": chat, "last_seq": 0}))
            await until(official, lambda f: f["type"] == "messages")
            await citizen.send(json.dumps({"type": "hello", "last_seq": 0}))
            await until(citizen, lambda f: f["type"] == "messages")

            # Citizen (process 1) → official (process 2).
            await citizen.send(json.dumps({"type": "message", "body": "پیام از فرایند اول"}))
            got = await until(official, lambda f: f["type"] == "message")
            assert got["message"]["body"] == "پیام از فرایند اول"
            assert got["message"]["kind"] == "citizen"

            # Official (process 2) → citizen (process 1); the internal note stays behind.
            await official.send(json.dumps({"type": "note", "chat": chat, "body": "یادداشت"}))
            await official.send(
                json.dumps({"type": "message", "chat": chat, "body": "پاسخ از فرایند دوم"})
            )
            answer = await until(
                citizen, lambda f: f["type"] == "message" and f["message"]["kind"] == "official"
            )
            assert answer["message"]["body"] == "پاسخ از فرایند دوم"
            assert answer["message"]["seq"] > got["message"]["seq"]

    asyncio.run(scenario())
