"""The backup folder: archive names, the drill's mark on verified archives, and
``--keep N``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .dump import CHUNK

PREFIX = "portal-"
VERIFIED_SUFFIX = ".verified"


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def default_name(encrypted: bool) -> str:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    return f"{PREFIX}{stamp}.tar.gz" + (".age" if encrypted else "")


def file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def mark_verified(archive: Path, sha256: str) -> None:
    marker = archive.with_name(archive.name + VERIFIED_SUFFIX)
    marker.write_text(json.dumps({"sha256": sha256, "verified_at": timezone.now().isoformat()}))


def is_verified(archive: Path) -> bool:
    marker = archive.with_name(archive.name + VERIFIED_SUFFIX)
    try:
        recorded = json.loads(marker.read_text())["sha256"]
    except (OSError, ValueError, KeyError):
        return False
    return recorded == file_sha256(archive)


def archives(folder: Path) -> list[Path]:
    """The archives in ``folder``, newest first."""
    found = [
        path
        for path in folder.glob(f"{PREFIX}*")
        if path.is_file() and (path.name.endswith(".tar.gz") or path.name.endswith(".tar.gz.age"))
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove archives beyond the newest ``keep``; never the newest verified one."""
    found = archives(folder)
    newest_verified = next((path for path in found if is_verified(path)), None)
    removed = []
    for path in found[max(keep, 0) :]:
        if path == newest_verified:
            continue
        path.unlink()
        path.with_name(path.name + VERIFIED_SUFFIX).unlink(missing_ok=True)
        removed.append(path)
    return removed
