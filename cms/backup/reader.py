"""Reading an archive back: decrypt, unpack into a work folder, and check every member
against the manifest before anything else happens."""

from __future__ import annotations

import hashlib
import json
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext_lazy as _

from . import crypto
from .dump import CHUNK, FORMAT_VERSION, MANIFEST
from .errors import BackupError, fmt


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(
            fmt(_("The archive holds a member outside its folders: %(name)s"), {"name": name})
        )
    return path


def _unpack(fileobj, workdir: Path) -> dict[str, dict]:
    found: dict[str, dict] = {}
    try:
        with tarfile.open(fileobj=fileobj, mode="r|gz") as archive:
            for member in archive:
                if not member.isfile():
                    raise BackupError(
                        fmt(
                            _("The archive holds something that is not a file: %(name)s"),
                            {"name": member.name},
                        )
                    )
                target = workdir / _safe_name(member.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                sha = hashlib.sha256()
                size = 0
                with open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        sha.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                target.chmod(0o600)
                found[member.name] = {"sha256": sha.hexdigest(), "size": size}
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(
            fmt(
                _("The archive is truncated or is not a portal backup (%(error)s)."),
                {"error": exc.__class__.__name__},
            )
        ) from exc
    return found


def open_archive(archive_path: Path, workdir: Path) -> dict:
    """Unpack ``archive_path`` into ``workdir``; return the manifest once every member
    matches it. Raises :class:`BackupError` naming what is wrong."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(fmt(_("No archive at %(path)s."), {"path": str(archive_path)}))
    if crypto.is_encrypted(archive_path):
        with open(archive_path, "rb") as source, tempfile.TemporaryFile(dir=workdir) as plain:
            crypto.decrypt(source, plain)
            plain.seek(0)
            found = _unpack(plain, workdir)
    else:
        with open(archive_path, "rb") as source:
            found = _unpack(source, workdir)
    if MANIFEST not in found:
        raise BackupError(_("The archive has no manifest.json: it is truncated or not a backup."))
    try:
        manifest = json.loads((workdir / MANIFEST).read_text())
    except ValueError as exc:
        raise BackupError(_("The archive's manifest.json is damaged.")) from exc
    version = manifest.get("format")
    if version != FORMAT_VERSION:
        raise BackupError(
            fmt(
                _("The archive is in format %(found)s; this portal reads format %(expected)s."),
                {"found": version, "expected": FORMAT_VERSION},
            )
        )
    expected = manifest.get("members", {})
    for name, entry in expected.items():
        if name not in found:
            raise BackupError(
                fmt(
                    _("%(name)s is listed in the manifest but missing from the archive."),
                    {"name": name},
                )
            )
        if found[name]["sha256"] != entry["sha256"]:
            raise BackupError(
                fmt(
                    _("Checksum mismatch for %(name)s: the archive is damaged or was altered."),
                    {"name": name},
                )
            )
    extra = sorted(set(found) - set(expected) - {MANIFEST})
    if extra:
        raise BackupError(
            fmt(
                _("%(name)s is in the archive but not in its manifest: the archive was altered."),
                {"name": extra[0]},
            )
        )
    return manifest
