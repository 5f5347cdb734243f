#!/usr/bin/env python3
"""Live chat under load: citizens' sockets and officials' sockets on daphne.

    .venv/bin/python bench/chat_load.py --mode single   # one daphne, in-memory layer
    .venv/bin/python bench/chat_load.py --mode redis    # two daphne, channels-redis
        [--citizens 200] [--officials 20] [--duration 60] [--interval 5]
        [--port 8121] [--redis-url redis://127.0.0.1:6379/9] [--database-url URL]

On a fresh database (a SQLite file in a temporary folder, or ``--database-url``) it
makes units, ``--officials`` officials (available, capacity enough for their share) and
``--citizens`` chats each accepted by one of them, with a browser session for each side.
Then every citizen opens ``/ws/chat/`` and every official ``/ws/chat/staff/`` (opening
their chats), and each citizen sends one message every ``--interval`` seconds for
``--duration`` seconds (starts spread over the first interval). A message's delivery
latency is the time from the citizen's send to the official's socket receiving it.

``--mode redis``: two daphne processes sharing Redis (``REDIS_URL``); citizens connect to
the first, officials to the second, so every message crosses processes.

Prints p50/p95/p99/max latency, messages sent/delivered/lost, and each server's RSS
(current and peak), as a table and as JSON (``--json``). Production settings
(``DEBUG`` off), as deployed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import quantiles

import websockets

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = str(Path(sys.executable))
DAPHNE = str(Path(sys.executable).with_name("daphne"))

# Run in the portal's Django (``manage.py shell -c``): the chats, people and sessions.
PREPARE = Path(__file__).with_name("chat_load_prepare.py")


def free_ports(start: int, count: int) -> list[int]:
    found, port = [], start
    while len(found) < count:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                found.append(port)
            except OSError:
                pass
        port += 1
    return found


def environment(args, data: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        PORTAL_BASE_URL="http://127.0.0.1",
        ALLOWED_HOSTS="127.0.0.1",
        DATA_DIR=str(data),
        LOG_LEVEL="WARNING",
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}",
        SMS_BACKEND="cms.sms.ConsoleBackend",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.mode == "redis":
        env["REDIS_URL"] = args.redis_url
        if args.redis_no_socket_timeout:
            # redis-py 8 reads with a 5 s socket timeout by default, which breaks the
            # layer's blocking BZPOPMIN (django/channels_redis#422): measured with the fix.
            overlay = data.parent / "chat_bench_settings.py"
            overlay.write_text(
                "from cms.settings.production import *  # noqa: F403\n"
                "CHANNEL_LAYERS['default']['CONFIG']['hosts'] = "
                f"[{{'address': {args.redis_url!r}, 'socket_timeout': None}}]\n"
            )
            env["DJANGO_SETTINGS_MODULE"] = "chat_bench_settings"
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(data.parent), str(BASE_DIR)]))
    return env


def manage(env, *command, **kwargs):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *command], cwd=BASE_DIR, env=env, check=True, **kwargs
    )


def prepare(env, args) -> dict:
    manage(env, "migrate", "--noinput", "-v0", timeout=900)
    env = {**env, "BENCH_CITIZENS": str(args.citizens), "BENCH_OFFICIALS": str(args.officials)}
    script = PREPARE.read_text()
    result = manage(env, "shell", "-c", script, capture_output=True, text=True, timeout=900)
    line = [row for row in result.stdout.splitlines() if row.startswith("PREPARED ")][-1]
    return json.loads(line.removeprefix("PREPARED "))


def start_server(env, port, log):
    return subprocess.Popen(  # noqa: S603
        [DAPHNE, "cms.asgi:application", "--bind", "127.0.0.1", "--port", str(port)]
        + ["--websocket_connect_timeout", "30"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


async def wait_ready(port, deadline=90):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.3)
    raise SystemExit(f"daphne on {port} never started")


def rss_kb(pid: int) -> tuple[int, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _sep, value = line.partition(":")
        fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process used so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def connect(port, path, cookie_name, cookie):
    return websockets.connect(
        f"ws://127.0.0.1:{port}{path}",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"{cookie_name}={cookie}"},
        max_size=2**20,
        open_timeout=30,
        ping_interval=None,
    )


class Results:
    def __init__(self):
        self.sent: dict[str, float] = {}
        self.latencies: list[float] = []
        self.received: set[str] = set()
        self.errors: list[str] = []
        self.cpu_s = 0.0  # the servers' CPU time while citizens sent
        self.load: list[float] = []  # 1-minute load average when sending began and ended


async def official(port, cookie_name, person, results, stop: asyncio.Event, ready):
    ws = await open_with_retries(port, "/ws/chat/staff/", cookie_name, person["cookie"])
    async with ws:
        await ws.send(json.dumps({"type": "hello"}))
        for chat in person["chats"]:
            await ws.send(json.dumps({"type": "open", "chat": chat, "last_seq": 0}))
        # Ready once every chat is open (its group joined): what is sent from then on
        # reaches this socket as it happens.
        opened = 0
        while opened < len(person["chats"]):
            if json.loads(await ws.recv()).get("type") == "messages":
                opened += 1
        ready.release()
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
            except TimeoutError:
                continue
            frame = json.loads(raw)
            if frame.get("type") == "error":
                results.errors.append(frame.get("message", ""))
            if frame.get("type") != "message" or frame["message"]["kind"] != "citizen":
                continue
            body = frame["message"]["body"]
            if body in results.sent and body not in results.received:
                results.received.add(body)
                results.latencies.append(time.time() - results.sent[body])


async def open_with_retries(port, path, cookie_name, cookie, attempts=5):
    """Like the page: a socket refused while the server is busy is tried again."""
    for attempt in range(attempts):
        try:
            return await connect(port, path, cookie_name, cookie)
        except (OSError, websockets.InvalidHandshake, TimeoutError):
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(1 + attempt)
    raise AssertionError


async def citizen(port, cookie_name, chat, index, args, results, connected, go):
    # Pages open over a ramp (as visitors arrive), not all in the same millisecond.
    await asyncio.sleep(index * args.ramp / args.citizens)
    ws = await open_with_retries(port, "/ws/chat/", cookie_name, chat["cookie"])
    async with ws:
        await ws.send(json.dumps({"type": "hello", "last_seq": 0}))
        while json.loads(await ws.recv()).get("type") != "messages":
            pass  # connected and resumed: the page is ready

        async def drain():
            async for raw in ws:
                frame = json.loads(raw)
                if frame.get("type") == "error":
                    results.errors.append(frame.get("message", ""))

        reader = asyncio.create_task(drain())
        connected.release()
        await go.wait()
        await asyncio.sleep(args.interval * index / args.citizens)
        for number in range(int(args.duration // args.interval)):
            body = f"پیام {number} از {chat['chat']}"
            results.sent[body] = time.time()
            await ws.send(json.dumps({"type": "message", "body": body}))
            await asyncio.sleep(args.interval)
        await asyncio.sleep(args.grace)
        reader.cancel()


async def drive(args, prepared, citizen_port, official_port, pids) -> Results:
    results = Results()
    stop = asyncio.Event()
    ready = asyncio.Semaphore(0)
    name = prepared["cookie_name"]
    officials = [
        asyncio.create_task(official(official_port, name, person, results, stop, ready))
        for person in prepared["officials"]
    ]
    for _ in officials:
        await asyncio.wait_for(ready.acquire(), timeout=300)
    connected, go = asyncio.Semaphore(0), asyncio.Event()
    citizens = [
        asyncio.create_task(citizen(citizen_port, name, chat, index, args, results, connected, go))
        for index, chat in enumerate(prepared["citizens"])
    ]
    for _ in citizens:
        await asyncio.wait_for(connected.acquire(), timeout=args.ramp + 120)
    await asyncio.sleep(1)
    results.load.append(os.getloadavg()[0])
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    go.set()
    await asyncio.gather(*citizens)
    results.cpu_s = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    results.load.append(os.getloadavg()[0])
    stop.set()
    await asyncio.gather(*officials)
    return results


def report(args, results: Results, servers) -> dict:
    latencies = sorted(results.latencies)
    cuts = quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99

    def ms(value):
        return round(value * 1000, 1)

    summary = {
        "mode": args.mode,
        "citizens": args.citizens,
        "officials": args.officials,
        "duration_s": args.duration,
        "interval_s": args.interval,
        "sent": len(results.sent),
        "delivered": len(results.received),
        "lost": len(results.sent) - len(results.received),
        "p50_ms": ms(cuts[49]) if cuts else None,
        "p95_ms": ms(cuts[94]) if cuts else None,
        "p99_ms": ms(cuts[98]) if cuts else None,
        "max_ms": ms(latencies[-1]) if latencies else None,
        "errors": len(results.errors),
        # Comparable on a busy machine: what the servers spent, not how long it took.
        "server_cpu_ms_per_message": round(results.cpu_s * 1000 / max(len(results.sent), 1), 2),
        "load_average": [round(value, 1) for value in results.load],
        "servers": [
            {"port": port, "rss_mb": round(rss / 1024, 1), "peak_rss_mb": round(peak / 1024, 1)}
            for port, (rss, peak) in servers
        ],
    }
    return summary


async def main_async(args):
    with tempfile.TemporaryDirectory(prefix="chat-load-") as folder:
        data = Path(folder) / "data"
        env = environment(args, data)
        prepared = prepare(env, args)
        count = 2 if args.mode == "redis" else 1
        ports = free_ports(args.port, count)
        processes = []
        try:
            for port in ports:
                log = open(Path(args.log_dir) / f"chat-load-daphne-{port}.log", "w")  # noqa: SIM115
                processes.append((port, start_server(env, port, log)))
            for port in ports:
                await wait_ready(port)
            pids = [process.pid for _port, process in processes]
            results = await drive(args, prepared, ports[0], ports[-1], pids)
            servers = [(port, rss_kb(process.pid)) for port, process in processes]
        finally:
            for _port, process in processes:
                process.terminate()
            for _port, process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        summary = report(args, results, servers)
        if results.errors:
            summary["first_errors"] = results.errors[:3]
        return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("single", "redis"), default="single")
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--officials", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--ramp", type=float, default=20, help="seconds over which sockets open")
    parser.add_argument("--grace", type=float, default=5, help="seconds to wait for stragglers")
    parser.add_argument("--port", type=int, default=8121, help="first port tried")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--redis-no-socket-timeout",
        action="store_true",
        help="layer hosts with socket_timeout=None (the fix for redis-py 8's 5 s default)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--log-dir", default=tempfile.gettempdir(), help="daphne's logs go here")
    args = parser.parse_args(argv)
    summary = asyncio.run(main_async(args))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    for key, value in summary.items():
        print(f"{key:>12}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
