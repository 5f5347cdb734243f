"""Restoring an archive into a migrated database that holds no users' data yet.

Everything is checked before the first write (checksums, the schema, an empty
database); then one transaction empties what migrations created and loads every table
with the archive's own primary keys, puts the files back and checks the counts. Any
failure rolls all of it back.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.utils.translation import gettext_lazy as _

from ..plugins import registry
from .dump import CHUNK, file_roots
from .errors import BackupError, fmt
from .reader import open_archive
from .tables import RowEncoder, backed_up_models

ROWS_PER_INSERT = 500


@dataclass
class RestoreReport:
    datasets: dict[str, int]
    tables: int
    rows: int
    files: int
    manifest: dict


def _check_schema(manifest: dict) -> dict:
    here = {model._meta.label_lower: model for model in backed_up_models()}
    for label, entry in manifest["tables"].items():
        model = here.get(label)
        if model is None:
            raise BackupError(
                fmt(
                    _(
                        "The archive holds %(model)s, which is not installed here: install its "
                        "plugin (or run migrate) before restoring."
                    ),
                    {"model": label},
                )
            )
        if RowEncoder(model).columns != entry["columns"]:
            raise BackupError(
                fmt(
                    _(
                        "The columns of %(model)s differ from the archive's: this database is "
                        "at another migration than the site the backup came from."
                    ),
                    {"model": label},
                )
            )
    return here


def _check_empty(using: str) -> None:
    for dataset in registry.backup_datasets():
        if dataset.get_model()._base_manager.using(using).exists():
            raise BackupError(
                fmt(
                    _("%(model)s already has rows: restore needs a migrated, empty database."),
                    {"model": dataset.model},
                )
            )


def _empty_tables(connection) -> None:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred checks pending in this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=False):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _load_table(connection, model, path: Path) -> int:
    encoder = RowEncoder(model)
    quote = connection.ops.quote_name
    # Table and column names come from the models, quoted; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(c) for c in encoder.columns),
        ", ".join(["%s"] * len(encoder.columns)),
    )
    rows = 0
    batch = []
    with connection.cursor() as cursor, open(path, encoding="utf-8") as lines:
        for line in lines:
            batch.append(encoder.loads(line, connection))
            if len(batch) >= ROWS_PER_INSERT:
                cursor.executemany(sql, batch)
                rows += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            rows += len(batch)
    return rows


def _place_files(manifest: dict, workdir: Path) -> int:
    roots = file_roots()
    placed = 0
    for member, expected in manifest["members"].items():
        if not member.startswith("files/"):
            continue
        _, prefix, relative = member.split("/", 2)
        target = roots[prefix] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(workdir / member, target)
        target.chmod(getattr(settings, "FILE_UPLOAD_PERMISSIONS", None) or 0o640)
        if _sha256_of(target) != expected["sha256"]:
            raise BackupError(
                fmt(_("Restored file %(name)s does not match the backup."), {"name": relative})
            )
        placed += 1
    return placed


def _sha256_of(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def _check_counts(manifest: dict, models: dict, using: str) -> None:
    for label, entry in manifest["tables"].items():
        if models[label]._base_manager.using(using).count() != entry["rows"]:
            raise BackupError(
                fmt(
                    _("%(model)s: the restored row count differs from the backup."),
                    {"model": label},
                )
            )


def restore_backup(
    archive_path: Path,
    using: str = "default",
    *,
    rebuild_index: bool = True,
    complete_apps: bool = True,
):
    """Load a verified archive into a database that holds no users' data yet.

    ``complete_apps`` then gives apps installed here but not where the backup was made
    their content types, permissions and groups (the drill compares the archive alone)."""
    connection = connections[using]
    work_parent = Path(settings.DATA_DIR)
    work_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=work_parent) as tmp:
        workdir = Path(tmp)
        manifest = open_archive(archive_path, workdir)
        models = _check_schema(manifest)
        _check_empty(using)
        total = 0
        with transaction.atomic(using=using):
            _empty_tables(connection)
            ContentType.objects.clear_cache()
            for label in manifest["tables"]:
                total += _load_table(connection, models[label], workdir / f"data/{label}.jsonl")
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                    cursor.execute(sql)
            connection.check_constraints()
            ContentType.objects.clear_cache()
            _check_counts(manifest, models, using)
            # Apps installed here but not where the backup was made get their content
            # types, permissions and groups, as after a migrate.
            if complete_apps:
                emit_post_migrate_signal(verbosity=0, interactive=False, db=using)
            files = _place_files(manifest, workdir)
    if rebuild_index:
        call_command("update_index", verbosity=0)
    return RestoreReport(
        datasets={d["model"]: d["rows"] for d in manifest["datasets"]},
        tables=len(manifest["tables"]),
        rows=total,
        files=files,
        manifest=manifest,
    )
