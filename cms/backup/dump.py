"""Writing an archive: every table and every file its rows point to, from one snapshot,
streamed through temporary files so memory stays flat whatever the size of the site."""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
import tempfile
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connections
from django.db.models import FileField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..plugins import registry
from . import crypto
from .errors import BackupError, fmt
from .snapshot import snapshot
from .tables import RowEncoder, backed_up_models

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
ROWS_PER_FETCH = 2000


def file_roots() -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT).resolve(),
        "private": Path(settings.PRIVATE_MEDIA_ROOT).resolve(),
    }


def _root_of(field) -> str:
    location = Path(getattr(field.storage, "location", "")).resolve()
    for prefix, root in file_roots().items():
        if location == root:
            return prefix
    raise BackupError(
        fmt(
            _("%(field)s keeps its files outside MEDIA_ROOT and PRIVATE_MEDIA_ROOT."),
            {"field": str(field)},
        )
    )


class _Hashing:
    """A writable file that also hashes and counts what passes through it."""

    def __init__(self, target):
        self.target = target
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.sha.update(data)
        self.size += len(data)
        self.target.write(data)


def _add_stream(archive: tarfile.TarFile, name: str, source, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, source)


class ArchiveWriter:
    def __init__(self, archive: tarfile.TarFile, workdir: Path):
        self.archive = archive
        self.workdir = workdir
        self.members: dict[str, dict] = {}

    def add_table(self, alias: str, model) -> tuple[int, list[tuple[str, str]]]:
        """Stream one table into the archive; return its row count and the files its
        rows point to (as (member, path) pairs)."""
        encoder = RowEncoder(model)
        file_fields = [f for f in encoder.fields if isinstance(f, FileField)]
        file_positions = [(encoder.fields.index(f), _root_of(f)) for f in file_fields]
        files = []
        rows = 0
        queryset = (
            model._base_manager.using(alias)
            .order_by(model._meta.pk.attname)
            .values_list(*encoder.attnames)
        )
        with tempfile.TemporaryFile(dir=self.workdir) as spool:
            hashing = _Hashing(spool)
            for row in queryset.iterator(chunk_size=ROWS_PER_FETCH):
                hashing.write((encoder.dumps(row) + "\n").encode())
                rows += 1
                for position, prefix in file_positions:
                    if row[position]:
                        name = str(row[position])
                        path = file_roots()[prefix] / name
                        files.append((f"files/{prefix}/{name}", str(path)))
            spool.seek(0)
            member = f"data/{model._meta.label_lower}.jsonl"
            _add_stream(self.archive, member, spool, hashing.size)
        self.members[member] = {"sha256": hashing.sha.hexdigest(), "size": hashing.size}
        return rows, files

    def add_file(self, member: str, path: str) -> bool:
        if member in self.members:
            return True
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after streaming
        except FileNotFoundError:
            return False
        with handle:
            size = os.fstat(handle.fileno()).st_size
            sha = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                sha.update(chunk)
            handle.seek(0)
            _add_stream(self.archive, member, handle, size)
        self.members[member] = {"sha256": sha.hexdigest(), "size": size}
        return True


def _datasets(tables: dict, files_by_model: dict, missing: dict) -> list[dict]:
    entries = []
    for dataset in registry.backup_datasets():
        model = dataset.get_model()
        history = getattr(getattr(model, "history", None), "model", None)
        label = model._meta.label_lower
        entries.append(
            {
                "model": dataset.model,
                "description": str(dataset.description),
                "rows": tables[label]["rows"],
                "history_rows": tables[history._meta.label_lower]["rows"] if history else None,
                "file_fields": list(dataset.file_fields),
                "files": sorted(files_by_model.get(label, [])),
                "missing_files": sorted(missing.get(label, [])),
            }
        )
    return entries


def write_archive(target, workdir: Path, using: str = "default") -> dict:
    """Write the gzipped tar to the binary file ``target``; return the manifest."""
    tables: dict[str, dict] = {}
    files_by_model: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}
    with tarfile.open(fileobj=target, mode="w|gz") as archive:
        writer = ArchiveWriter(archive, workdir)
        with snapshot(using) as alias:
            vendor = connections[alias].vendor
            for model in backed_up_models():
                rows, files = writer.add_table(alias, model)
                label = model._meta.label_lower
                tables[label] = {
                    "table": model._meta.db_table,
                    "columns": RowEncoder(model).columns,
                    "rows": rows,
                }
                # The files of the rows in the snapshot, read while the snapshot holds:
                # a row written later brings no file in, a file deleted later is still here.
                for member, path in files:
                    if writer.add_file(member, path):
                        files_by_model.setdefault(label, []).append(member)
                    else:
                        missing.setdefault(label, []).append(member)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": vendor,
            "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
            "installed_plugins": [plugin.name for plugin in registry.plugins()],
            "tables": tables,
            "datasets": _datasets(tables, files_by_model, missing),
            "members": writer.members,
        }
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        with tempfile.TemporaryFile(dir=workdir) as spool:
            spool.write(body)
            spool.seek(0)
            _add_stream(archive, MANIFEST, spool, len(body))
    return manifest


def create_backup(output: Path, *, unencrypted: bool = False, using: str = "default") -> dict:
    """Write the archive to ``output`` (encrypted when a key or recipients are set) and
    return its manifest. Nothing lands under ``output`` until the archive is complete."""
    to = [] if unencrypted else crypto.recipients()
    if not to and not unencrypted and getattr(settings, "BACKUP_REQUIRE_ENCRYPTION", False):
        raise BackupError(
            _(
                "Backups hold national codes, mobiles and Sheba numbers: set "
                "BACKUP_ENCRYPTION_KEY or BACKUP_RECIPIENTS, or pass --unencrypted."
            )
        )
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, partial_name = tempfile.mkstemp(
        prefix=f".{output.name}.", suffix=".partial", dir=output.parent
    )
    partial = Path(partial_name)  # mkstemp creates it with mode 0600
    try:
        with os.fdopen(fd, "wb") as out:
            if to:
                with tempfile.TemporaryFile(dir=output.parent) as plain:
                    manifest = write_archive(plain, output.parent, using)
                    plain.seek(0)
                    crypto.encrypt(plain, out, to)
            else:
                manifest = write_archive(out, output.parent, using)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, 0o600)
        partial.replace(output)  # never a half-written archive under the real name
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    manifest["encrypted"] = bool(to)
    return manifest
