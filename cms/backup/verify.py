"""The restore drill: restore an archive into a throw-away SQLite database and files
folder (whatever the live database is), check it, and open a sample of submissions the
way their owners do. The live database and files are never touched: the drill runs in
a child process whose settings point only at a temporary folder."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

from ..plugins import registry
from .errors import BackupError
from .load import restore_backup
from .tables import RowEncoder, backed_up_models

SCRATCH_ENV = "PORTAL_VERIFY_SCRATCH"
RESULT_PREFIX = "VERIFY-RESULT "


@dataclass
class DrillResult:
    ok: bool
    error: str = ""
    tables: int = 0
    rows: int = 0
    files: int = 0
    datasets: dict = field(default_factory=dict)
    checks: list = field(default_factory=list)  # [label, ok]
    differences: list = field(default_factory=list)


def run_drill(archive: Path, sample: int = 5) -> DrillResult:
    """Run the drill in a child process; return what it found."""
    with tempfile.TemporaryDirectory(prefix="portal-verify-") as tmp:
        scratch = Path(tmp).resolve()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE
            ),
            "DATABASE_URL": f"sqlite:///{scratch / 'verify.sqlite3'}",
            "DATA_DIR": str(scratch),
            "MEDIA_ROOT": str(scratch / "media"),
            "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
            "BACKUP_DIR": str(scratch / "backups"),
            "REDIS_URL": "",
            SCRATCH_ENV: str(scratch),
        }
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "verify_backup",
            str(Path(archive).resolve()),
            "--in-scratch",
            "--sample",
            str(sample),
        ]
        done = subprocess.run(  # noqa: S603 - our own manage.py, no shell
            command, env=env, capture_output=True, text=True, check=False
        )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return DrillResult(**json.loads(line[len(RESULT_PREFIX) :]))
    return DrillResult(ok=False, error=(done.stderr or done.stdout).strip()[-2000:])


def _create_schema() -> None:
    # The throw-away database gets the tables of the models as they are (migrations
    # produce the same, `makemigrations --check` sees to it) in a second, not a minute.
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy and not model._meta.swapped:
                editor.create_model(model)


def _table_digest(model) -> str:
    encoder = RowEncoder(model)
    sha = hashlib.sha256()
    queryset = model._base_manager.order_by(model._meta.pk.attname).values_list(*encoder.attnames)
    for row in queryset.iterator(chunk_size=2000):
        sha.update((encoder.dumps(row) + "\n").encode())
    return sha.hexdigest()


def drill_in_scratch(archive: Path, sample: int) -> DrillResult:
    """The child's side. Refuses to run anywhere but in the scratch folder."""
    scratch = os.environ.get(SCRATCH_ENV, "")
    database = Path(str(connection.settings_dict["NAME"])).resolve()
    if not scratch or connection.vendor != "sqlite" or database.parent != Path(scratch):
        raise BackupError("verify_backup --in-scratch runs only in the drill's own folder.")
    _create_schema()
    try:
        report = restore_backup(archive, rebuild_index=False, complete_apps=False)
    except BackupError as exc:
        return DrillResult(ok=False, error=exc.both())
    manifest = report.manifest
    result = DrillResult(
        ok=True,
        tables=report.tables,
        rows=report.rows,
        files=report.files,
        datasets=report.datasets,
    )
    models = {m._meta.label_lower: m for m in backed_up_models()}
    for label in manifest["tables"]:
        expected = manifest["members"][f"data/{label}.jsonl"]["sha256"]
        if _table_digest(models[label]) != expected:
            result.differences.append(label)
    for check in registry.verify_restored(sample):
        result.checks.append([check.label, check.ok])
    result.ok = not result.differences and all(ok for _label, ok in result.checks)
    return result
