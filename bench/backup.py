"""Backup and restore at scale: time and peak memory (issue 10).

    .venv/bin/python bench/backup.py --requests 100000 --attachments 2000 --workdir /tmp/bench

Builds a demo site in ``WORKDIR/source`` (migrate + load_demo, or a copy of
``--template``, an already migrated SQLite file), adds REQUESTS desk requests, each with
its history row and a status change (itself with history), and ATTACHMENTS documents of
20 KB in the private storage; then runs ``backup_portal`` (encrypted with a fresh age
key) and ``restore_portal`` into a freshly migrated ``WORKDIR/target``, each in its own
process under ``/usr/bin/time -v``, and prints wall time and peak RSS. Target: peak RSS
under 300 MB for both, time roughly linear in rows.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
MANAGE = str(ROOT / "manage.py")


def run(args, data_dir: Path, env_extra=None, timed=False) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATA_DIR": str(data_dir),
        "LOG_LEVEL": "WARNING",
        **(env_extra or {}),
    }
    env.pop("DATABASE_URL", None)
    command = [PYTHON, MANAGE, *args]
    if timed:
        command = ["/usr/bin/time", "-v", *command]
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    elapsed = time.monotonic() - started
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    result = {"seconds": round(elapsed, 1)}
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if match:
        result["peak_rss_mb"] = round(int(match.group(1)) / 1024, 1)
    return result


def fresh_site(folder: Path, template: Path | None) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if template:
        shutil.copy(template, folder / "portal.sqlite3")
    run(["migrate", "--noinput", "-v0"], folder)


POPULATE = r"""
import hashlib, os, random
from pathlib import Path
from django.conf import settings
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from cms.tracking import generate_tracking_code
from services.desk.models import Attachment, ServiceRequest, StatusChange
from sitepages.models import UnitPage

requests, attachments = int(os.environ["BENCH_REQUESTS"]), int(os.environ["BENCH_ATTACHMENTS"])
units = list(UnitPage.objects.filter(locale__language_code="fa"))
rng = random.Random(1403)
now = timezone.now()
made = 0
while made < requests:
    batch = []
    for i in range(made, min(made + 2000, requests)):
        batch.append(ServiceRequest(
            tracking_code=f"{i:012d}", channel="request", unit=rng.choice(units),
            name="شهروند آزمایشی", mobile="0912%07d" % i, subject="درخواست شمارهٔ %d" % i,
            body="متن درخواست برای سنجش پشتیبان‌گیری " * 8, submitted_at=now - timedelta(minutes=i),
        ))
    with transaction.atomic():
        created = bulk_create_with_history(batch, ServiceRequest, batch_size=1000)
        bulk_create_with_history(
            [StatusChange(request=r, from_status="", to_status="new", actor="citizen") for r in created],
            StatusChange, batch_size=1000,
        )
    made += len(batch)
first = list(ServiceRequest.objects.order_by("pk").values_list("pk", flat=True)[:attachments])
folder = Path(settings.PRIVATE_MEDIA_ROOT) / "desk" / "bench"
folder.mkdir(parents=True, exist_ok=True)
rows = []
for n, pk in enumerate(first):
    content = b"%PDF-1.4\n" + os.urandom(20 * 1024)  # a different scan each: gzip cannot fold them
    (folder / f"{n:05d}.pdf").write_bytes(content)
    rows.append(Attachment(request_id=pk, file=f"desk/bench/{n:05d}.pdf", original_name="scan.pdf",
                           kind="pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest()))
bulk_create_with_history(rows, Attachment, batch_size=1000)
print(ServiceRequest.objects.count(), Attachment.objects.count())
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--attachments", type=int, default=2_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "data" / "bench")
    parser.add_argument("--template", type=Path, help="An already migrated portal.sqlite3.")
    options = parser.parse_args()

    from pyrage import x25519

    key = {"BACKUP_ENCRYPTION_KEY": str(x25519.Identity.generate())}
    source, target = options.workdir / "source", options.workdir / "target"
    fresh_site(source, options.template)
    run(["load_demo"], source)
    started = time.monotonic()
    run(
        ["shell", "-c", POPULATE],
        source,
        {"BENCH_REQUESTS": str(options.requests), "BENCH_ATTACHMENTS": str(options.attachments)},
    )
    populate = round(time.monotonic() - started, 1)
    archive = options.workdir / "bench.tar.gz.age"
    archive.unlink(missing_ok=True)
    backup = run(["backup_portal", "--output", str(archive)], source, key, timed=True)
    fresh_site(target, options.template)
    restore = run(["restore_portal", str(archive)], target, key, timed=True)
    result = {
        "requests": options.requests,
        "attachments": options.attachments,
        "populate_seconds": populate,
        "archive_mb": round(archive.stat().st_size / 2**20, 1),
        "backup": backup,
        "restore": restore,
    }
    print(json.dumps(result, indent=1))  # noqa: T201


if __name__ == "__main__":
    main()
