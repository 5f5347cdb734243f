"""Backup and restore of the whole portal, users' data first.

The SLA statement promises that on termination the provider first takes a backup of
the users' data, then cuts the service, and that nothing a user submitted is lost. A
backup is one ``.tar.gz`` archive:

``manifest.json``
    when and from what it was made, the SHA-256 and size of every member, and for each
    dataset the plugins declare (:class:`cms.plugins.BackupDataset`) its row count and
    the files its file fields point to;
``data/portal.json``
    every table (pages, units, services and users' data alike, content types included,
    with their primary keys), as Django fixtures that load into an empty database of
    the same schema;
``files/media/...``, ``files/private/...``
    the public media and the private uploads (attachments).

Restore checks every checksum before it touches the database, refuses a database that
already holds users' data, loads everything in one transaction, puts the files back and
verifies the counts and the files against the manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from .plugins import registry

FORMAT_VERSION = 1
# Rebuilt from the rest (the search index) or short-lived.
EXCLUDED = [
    "sessions",
    "wagtailsearch",
    "wagtailadmin.editingsession",
]
DATA_MEMBER = "data/portal.json"


class BackupError(Exception):
    """The archive cannot be trusted or the database cannot take it."""


@dataclass
class RestoreReport:
    datasets: dict[str, int]
    files: int


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_roots() -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.PRIVATE_MEDIA_ROOT),
    }


def _dataset_models():
    """Each declared dataset's model and, where it keeps one, its history model."""
    for dataset in registry.backup_datasets():
        model = dataset.get_model()
        history = getattr(getattr(model, "history", None), "model", None)
        yield dataset, model, history


def _dataset_files(dataset, model) -> list[str]:
    names = []
    for field_name in dataset.file_fields:
        for value in model._base_manager.values_list(field_name, flat=True):
            if value:
                names.append(value)
    return sorted(set(names))


def _storage_member(file_name: str) -> str | None:
    """The archive member under which a stored file (by its storage name) is kept."""
    for prefix, root in _file_roots().items():
        if (root / file_name).is_file():
            return f"files/{prefix}/{file_name}"
    return None


def create_backup(output: Path) -> dict:
    """Write the archive to ``output`` and return its manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        exclude=EXCLUDED,
        stdout=data,
        indent=None,
    )
    data_bytes = data.getvalue().encode()

    members: dict[str, dict] = {
        DATA_MEMBER: {"sha256": _sha256(data_bytes), "size": len(data_bytes)}
    }
    files_on_disk: list[tuple[str, Path]] = []
    for prefix, root in _file_roots().items():
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            member = f"files/{prefix}/{path.relative_to(root).as_posix()}"
            content = path.read_bytes()
            members[member] = {"sha256": _sha256(content), "size": len(content)}
            files_on_disk.append((member, path))

    datasets = []
    for dataset, model, history in _dataset_models():
        files = _dataset_files(dataset, model)
        missing = [name for name in files if _storage_member(name) is None]
        datasets.append(
            {
                "model": dataset.model,
                "description": str(dataset.description),
                "rows": model._base_manager.count(),
                "history_rows": history._base_manager.count() if history else None,
                "file_fields": list(dataset.file_fields),
                "files": [_storage_member(name) or name for name in files],
                "missing_files": missing,
            }
        )

    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": _vendor(),
        "installed_plugins": [plugin.name for plugin in registry.plugins()],
        "datasets": datasets,
        "members": members,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        _add_bytes(archive, DATA_MEMBER, data_bytes)
        for member, path in files_on_disk:
            archive.add(path, arcname=member, recursive=False)
    partial.replace(output)  # never leave a half-written archive under the real name
    return manifest


def _vendor() -> str:
    return connection.vendor


def _add_bytes(archive: tarfile.TarFile, name: str, content: str | bytes) -> None:
    if isinstance(content, str):
        content = content.encode()
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_verified(archive_path: Path, workdir: Path) -> dict:
    """Extract the archive into ``workdir`` and check every member against the manifest."""
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(workdir, filter="data")
    manifest_path = workdir / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError("The archive has no manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    for member, expected in manifest["members"].items():
        path = workdir / member
        if not path.is_file():
            raise BackupError(f"Member {member} is missing from the archive.")
        if _sha256(path.read_bytes()) != expected["sha256"]:
            raise BackupError(f"Checksum mismatch for {member}: the archive is damaged.")
    return manifest


def restore_backup(archive_path: Path) -> RestoreReport:
    """Load a verified archive into a database that holds no users' data yet."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest = read_verified(archive_path, workdir)
        for _dataset, model, _history in _dataset_models():
            if model._base_manager.exists():
                raise BackupError(
                    f"{model._meta.label} already has rows: restore needs an empty database."
                )
        with transaction.atomic():
            # What migrations created (root page, default site, groups, content types)
            # is in the archive too, with the same identities: start from a clean slate.
            if connection.vendor == "postgresql":
                # TRUNCATE refuses tables with deferred checks pending in this transaction.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            data = (workdir / DATA_MEMBER).read_text()
            loaded_models = set()
            with connection.constraint_checks_disabled():
                for obj in serializers.deserialize("json", data):
                    obj.save()
                    loaded_models.add(type(obj.object))
            connection.check_constraints()
            # Rows came with their primary keys: move sequences past them (PostgreSQL).
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), loaded_models):
                    cursor.execute(sql)
            ContentType.objects.clear_cache()
            _verify_counts(manifest)
        copied = 0
        for member in manifest["members"]:
            if not member.startswith("files/"):
                continue
            _, prefix, relative = member.split("/", 2)
            target = _file_roots()[prefix] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(workdir / member, target)
            copied += 1
        _verify_files(manifest)
    call_command("update_index", verbosity=0)
    return RestoreReport(
        datasets={d["model"]: d["rows"] for d in manifest["datasets"]}, files=copied
    )


def _verify_counts(manifest: dict) -> None:
    models = {dataset.model: (model, history) for dataset, model, history in _dataset_models()}
    for entry in manifest["datasets"]:
        if entry["model"] not in models:
            raise BackupError(
                f"The archive holds {entry['model']}, which is not installed here: "
                "install its plugin before restoring."
            )
        model, history = models[entry["model"]]
        if model._base_manager.count() != entry["rows"]:
            raise BackupError(f"{entry['model']}: restored row count differs from the backup.")
        if (
            history
            and entry["history_rows"] is not None
            and history._base_manager.count() != entry["history_rows"]
        ):
            raise BackupError(f"{entry['model']}: restored history differs from the backup.")


def _verify_files(manifest: dict) -> None:
    for member, expected in manifest["members"].items():
        if not member.startswith("files/"):
            continue
        _, prefix, relative = member.split("/", 2)
        path = _file_roots()[prefix] / relative
        if not path.is_file() or _sha256(path.read_bytes()) != expected["sha256"]:
            raise BackupError(f"Restored file {relative} does not match the backup.")
