"""Two real gunicorn workers count one limit together, and a forged proxy header from a
peer that is not a trusted proxy changes nothing.

Runs the portal as deployed without Redis (the database cache made by ``migrate``), on
a SQLite file of its own, with gunicorn's access log naming the worker that answered.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from cms.tests.migrated import copy_migrated_database

BASE_DIR = Path(__file__).resolve().parents[2]
PORTS = range(8340, 8360)

# Its own SQLite files whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite]


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8340-8359")


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    data = tmp_path_factory.mktemp("workers") / "data"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATA_DIR": str(data),
        "PORTAL_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        # The proxy is somewhere else: requests from 127.0.0.1 come straight from clients.
        "PORTAL_TRUSTED_PROXIES": "10.255.255.1",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    python = str(Path(sys.executable))
    # A copy of a migrated database (cms/tests/migrated.py), which `migrate` completes.
    copy_migrated_database(data / "portal.sqlite3", "cms.settings.dev", env=env)
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=600,
    )
    port = free_port()
    log = data / "access.log"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            f"--access-logfile={log}",
            "--access-logformat=%(p)s %(m)s %(s)s",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def post_lookup(session, base, number, forged):
    page = session.get(f"{base}/track/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    headers = {"X-Real-IP": f"203.0.113.{number}"} if forged else {}
    return session.post(
        f"{base}/track/",
        data={"csrfmiddlewaretoken": token, "code": "1234-5678-9012", "mobile": "09121234567"},
        headers={"Referer": f"{base}/track/", **headers},
        timeout=30,
    ).status_code


def worker_of_posts(log):
    """The worker (its process id) that answered each POST, in order."""
    rows = [line.split() for line in log.read_text().splitlines()]
    return [(pid.strip("<>"), int(status)) for pid, method, status in rows if method == "POST"]


def test_two_workers_share_one_limit_and_a_forged_header_is_ignored(portal):
    base, log = portal
    session = requests.Session()
    # Every try claims to come from another address, but the peer is no trusted proxy.
    statuses = [post_lookup(session, base, number, forged=True) for number in range(1, 11)]
    assert 429 not in statuses, statuses
    # From the 11th on, refused, whichever worker answers: go on until both did.
    for number in range(11, 60):
        assert post_lookup(session, base, number, forged=True) == 429
        refusing = {pid for pid, status in worker_of_posts(log) if status == 429}
        if len(refusing) == 2:
            break
    answered = worker_of_posts(log)
    assert len({pid for pid, _status in answered}) == 2, answered
    assert len({pid for pid, status in answered if status == 429}) == 2, answered
