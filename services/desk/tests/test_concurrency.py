"""20 citizens submit at the same moment to a real server on SQLite: all succeed, each
with its own tracking code. The server runs in its own processes and threads (gunicorn),
on a database file, so nothing here shares one test transaction."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from cms.tests.migrated import copy_migrated_database

BASE_DIR = Path(__file__).resolve().parents[3]

# Its own SQLite files whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite]

SETUP = """
import django
django.setup()
from io import StringIO
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from sitepages.demo_content import load_home
load_home(stdout=StringIO())
from sitepages.models import HomePage, UnitIndexPage, UnitPage
home = HomePage.objects.get(depth=2, locale__language_code="fa")
index = UnitIndexPage(title="واحدها", slug="units")
home.add_child(instance=index)
index.save_revision().publish()
unit = UnitPage(title="اداره رفاه دانشجویان", slug="welfare-office")
index.add_child(instance=unit)
unit.save_revision().publish()
print("UNIT", unit.pk)
"""

COUNT = """
import django
django.setup()
from services.desk.models import ServiceRequest
codes = list(ServiceRequest.objects.values_list("tracking_code", flat=True))
print("COUNT", len(codes), len(set(codes)))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "services.desk.tests.concurrency_settings",
        "DATA_DIR": str(tmp_path),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    env.pop("DATABASE_URL", None)
    # A copy of a migrated database (cms/tests/migrated.py) that SETUP's `migrate`
    # completes: these settings are the test settings with another throttle.
    copy_migrated_database(tmp_path / "portal.sqlite3", "cms.settings.test", env=env)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    match = re.search(r"UNIT (\d+)", setup.stdout)
    assert match, setup.stderr[-3000:]
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "6",
            "--timeout",
            "120",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(url + "/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("The server did not start")
        yield url, int(match.group(1)), env
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_twenty_concurrent_submissions_all_succeed_with_distinct_codes(server):
    url, unit_id, env = server
    results, barrier = [], threading.Barrier(20)

    def submit(n):
        session = requests.Session()
        session.get(url + "/desk/request/", timeout=30)
        token = session.cookies["csrftoken"]
        barrier.wait(timeout=60)
        response = session.post(
            url + "/desk/request/",
            data={
                "csrfmiddlewaretoken": token,
                "name": f"شهروند {n}",
                "mobile": f"0912{n:07d}",
                "unit": unit_id,
                "subject": f"درخواست {n}",
                "body": "متن درخواست",
            },
            files={"attachments": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
            headers={"Referer": url + "/desk/request/"},
            allow_redirects=False,
            timeout=120,
        )
        results.append(response.status_code)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert results == [302] * 20
    count = subprocess.run(
        [sys.executable, "-c", COUNT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "COUNT 20 20" in count.stdout, count.stderr[-2000:]
