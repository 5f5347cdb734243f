"""The smoke test's WebSocket checks (``deploy/smoke.py`` runs them): the live chat's
sockets through the proxy, as browsers open them.

- a socket from another site's page is refused at the handshake (origin check);
- a socket from the portal's page without a chat in its session is upgraded by the proxy,
  answered by the ASGI process with an ``error`` frame and closed with code 4403;
- an official's socket (the admin account, ``ADMIN_USERNAME``/``ADMIN_PASSWORD``, logged
  in over HTTP at ``/admin/login/``, i.e. by gunicorn) is accepted by daphne with that
  session and answers ``hello`` with ``welcome``: sessions are shared through Redis.
"""

from __future__ import annotations

import json
import os
import socket
from urllib.parse import urlsplit

from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect


def _open(args, path, origin, cookie=""):
    proxy = urlsplit(args.url)
    sock = socket.create_connection((proxy.hostname, proxy.port or 80), timeout=15)
    headers = {"X-Forwarded-For": "192.0.2.40", "User-Agent": "portal-smoke/1"}
    if cookie:
        headers["Cookie"] = cookie
    return connect(
        f"ws://{args.host}{path}",
        sock=sock,
        origin=origin,
        additional_headers=headers,
        open_timeout=15,
        close_timeout=5,
    )


def check_websockets(args, citizen_class, check, ok):
    site = f"https://{args.host}"
    try:
        with _open(args, "/ws/chat/", "https://evil.example.com"):
            refused = None
    except InvalidStatus as error:
        refused = error.response.status_code
    check(refused == 403, f"a socket from another site: {refused}, expected 403 at the handshake")

    with _open(args, "/ws/chat/", site) as ws:
        frame = json.loads(ws.recv(timeout=10))
        check(frame.get("type") == "error", f"socket without a chat: {frame}")
        try:
            ws.recv(timeout=10)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
        check(code == 4403, f"socket without a chat closed with {code}, expected 4403")
    ok("websocket upgrade through the proxy", "other origin 403, no chat 4403 with a message")

    username, password = os.environ.get("ADMIN_USERNAME", "admin"), os.environ.get("ADMIN_PASSWORD")
    if not password:
        return
    official = citizen_class(args, "192.0.2.41")
    login = official.post_form(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    check(login.status_code == 302, f"admin login: {login.status_code}")
    cookie = "; ".join(f"{k}={v}" for k, v in official.cookies.items())
    with _open(args, "/ws/chat/staff/", site, cookie) as ws:
        ws.send(json.dumps({"type": "hello"}))
        for _ in range(5):
            frame = json.loads(ws.recv(timeout=10))
            if frame.get("type") == "welcome":
                break
        check(frame.get("type") == "welcome", f"staff socket answered {frame}")
    ok("official's socket", "logged in over HTTP, welcomed on the socket (one session)")
