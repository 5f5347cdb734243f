"""Done-when of issue 10, outside the test-database machinery: the README's commands in
subprocesses on fresh folders (and fresh PostgreSQL databases when the run's
DATABASE_URL is PostgreSQL), then the restored site answers over HTTP."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.conf import settings
from pyrage import x25519

from cms.tests.migrated import (
    admin_connection,
    copy_migrated_database,
    migrated_postgres_template,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-only-Arak-1403"
RUN_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = RUN_DATABASE_URL.startswith(("postgres://", "postgresql://"))


class Site:
    """One portal: a DATA_DIR and, on PostgreSQL, its own database."""

    def __init__(self, folder: Path, database: str | None, key: str):
        self.folder = folder
        self.database = database
        self.key = key
        folder.mkdir(parents=True, exist_ok=True)

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            DATA_DIR=str(self.folder),
            BACKUP_ENCRYPTION_KEY=self.key,
            LOG_LEVEL="WARNING",
            REDIS_URL="",
        )
        env.pop("DATABASE_URL", None)
        if self.database:
            parts = urlsplit(RUN_DATABASE_URL)
            env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{self.database}"))
        return env

    def manage(self, *args, check=True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    """The README's drill on the demo site; yields what the later checks need."""
    base = tmp_path_factory.mktemp("drill")
    key = str(x25519.Identity.generate())
    names = []
    if ON_POSTGRES:
        stem = urlsplit(RUN_DATABASE_URL).path.lstrip("/")[:30]
        tag = f"{os.environ.get('PYTEST_XDIST_WORKER', 'gw')}_{uuid.uuid4().hex[:6]}"
        names = [f"{stem}_bk_{tag}_{part}" for part in ("src", "dst")]
    source = Site(base / "source", names[0] if names else None, key)
    target = Site(base / "target", names[1] if names else None, key)
    try:
        # new DATA_DIR -> migrate. Both sites start from the migrated template
        # (cms/tests/migrated.py) instead of migrating from scratch twice: on PostgreSQL
        # databases created from the template database, on SQLite copies of its file.
        # The README's `migrate` still runs on each (on an existing database, as on a
        # live site, it finds nothing to do).
        if ON_POSTGRES:
            template = migrated_postgres_template("cms.settings.dev", env=target.env())
            with admin_connection(settings.DATABASES["default"]) as admin:
                for name in names:
                    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            for site in (source, target):
                copy_migrated_database(
                    site.folder / "portal.sqlite3", "cms.settings.dev", env=site.env()
                )
        # The demo site, as `make run` makes it.
        source.manage("migrate", "--noinput")
        source.manage("load_demo")
        probe = source.manage(
            "shell",
            "-c",
            "import json\n"
            "from services.desk.models import ServiceRequest as R\n"
            "from services.loans.models import LoanApplication as L\n"
            "r = R.objects.order_by('pk').first(); a = L.objects.order_by('pk').first()\n"
            "print(json.dumps([r.tracking_code, r.mobile, r.subject, a.tracking_code, a.national_code]))",
        )
        demo = json.loads(probe.stdout.strip().splitlines()[-1])
        archive = base / "b.tar.gz.age"
        backup = source.manage("backup_portal", "--output", str(archive))
        target.manage("migrate", "--noinput")
        restore = target.manage("restore_portal", str(archive))
        verify = target.manage("verify_backup", str(archive))
        yield {
            "source": source,
            "target": target,
            "archive": archive,
            "demo": demo,
            "outputs": (backup.stdout, restore.stdout, verify.stdout),
        }
    finally:
        if names:
            with admin_connection(settings.DATABASES["default"]) as admin:
                for name in names:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    for port in range(8100 + (os.getpid() % 9) * 10, 8200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8100-8199")


@pytest.fixture(scope="module")
def served(drill):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=drill["target"].env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{base}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _post_form(session, url, data):
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        url, data={**data, "csrfmiddlewaretoken": token}, headers={"Referer": url}, timeout=30
    )


def test_readme_drill_restores_the_demo_site_and_verifies(drill):
    backup, restore, verify = drill["outputs"]
    assert "Encrypted backup written to" in backup
    assert "Restored and verified" in restore
    assert "Drill passed." in verify
    assert "sampled tracking codes opened" in verify
    assert drill["archive"].read_bytes().startswith(b"age-encryption.org/v1")


def test_after_the_restore_a_citizen_a_student_and_staff_get_in_over_http(drill, served):
    code, mobile, subject, loan_code, national_code = drill["demo"]

    citizen = requests.Session()
    answer = _post_form(citizen, f"{served}/track/", {"code": code, "mobile": mobile})
    assert answer.status_code == 200
    assert answer.url.endswith("/track/request/")
    assert subject in answer.text

    student = requests.Session()
    answer = _post_form(
        student, f"{served}/loans/track/", {"code": loan_code, "national_code": national_code}
    )
    assert answer.status_code == 200
    assert answer.url.endswith("/loans/track/application/")

    staff = requests.Session()
    answer = _post_form(
        staff, f"{served}/admin/login/", {"username": "desk.rafah", "password": DEMO_PASSWORD}
    )
    assert answer.status_code == 200
    assert urlsplit(answer.url).path == "/admin/"


CONCURRENT = r"""
import json, random, tempfile, threading, time
from pathlib import Path
from django.db import connection, transaction
from cms.backup import create_backup, open_archive
from cms.backup.verify import run_drill
from services.desk.models import ServiceRequest
from sitepages.models import UnitPage

unit = UnitPage.objects.filter(locale__language_code="fa").first()
stop = threading.Event()
errors = []

def submit(n):
    try:
        rng = random.Random(n)
        while not stop.is_set():
            with transaction.atomic():
                ServiceRequest.objects.create(
                    tracking_code="".join(rng.choice("0123456789") for _ in range(12)),
                    channel="request", unit=unit, name="شهروند", mobile="09121234567",
                    subject="همزمان با پشتیبان‌گیری", body="متن",
                )
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

before = ServiceRequest.objects.count()
threads = [threading.Thread(target=submit, args=(n,)) for n in range(20)]
for thread in threads:
    thread.start()
time.sleep(2)
archive = Path(ARCHIVE)
manifest = create_backup(archive)
stop.set()
for thread in threads:
    thread.join()
after = ServiceRequest.objects.count()
work = Path(tempfile.mkdtemp())
open_archive(archive, work)
def ids(label, pick):
    columns = manifest["tables"][label]["columns"]
    rows = [json.loads(line) for line in (work / f"data/{label}.jsonl").open()]
    return [pick(dict(zip(columns, row))) for row in rows]
requests_ids = set(ids("desk.servicerequest", lambda r: r["id"]))
created = set(ids("desk.historicalservicerequest", lambda r: r["id"] if r["history_type"] == "+" else None)) - {None}
drill = run_drill(archive)
print("RESULT " + json.dumps({
    "before": before, "after": after, "errors": errors[:3],
    "rows": manifest["tables"]["desk.servicerequest"]["rows"],
    "listed": len(requests_ids), "without_history": len(requests_ids - created),
    "history_without_row": len(created - requests_ids), "drill": drill.ok, "drill_error": drill.error,
}))
"""


def test_a_backup_taken_while_20_threads_submit_is_one_point_in_time(drill):
    site = drill["target"]
    archive = site.folder / "during.tar.gz.age"
    done = site.manage("shell", "-c", CONCURRENT.replace("ARCHIVE", repr(str(archive))))
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    assert result["errors"] == []
    # Citizens kept submitting through the backup; the archive holds one instant of it.
    assert result["before"] < result["rows"] < result["after"]
    assert result["listed"] == result["rows"]
    assert result["without_history"] == 0
    assert result["history_without_row"] == 0
    assert result["drill"], result["drill_error"]
