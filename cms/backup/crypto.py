"""Encryption at rest with age (https://age-encryption.org), through pyrage.

``BACKUP_ENCRYPTION_KEY`` holds an age identity (``AGE-SECRET-KEY-1...``, or the path of
a file holding one, as ``age-keygen`` writes it): backups are encrypted to its public key
and restores decrypt with it. ``BACKUP_RECIPIENTS`` lists further public keys
(``age1...``, comma-separated); a host that only writes backups may hold recipients
alone, and only the host that restores needs the identity. age is authenticated: a
tampered or truncated archive does not decrypt.
"""

from __future__ import annotations

from pathlib import Path

import pyrage
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyrage import x25519

from .errors import BackupError, fmt

AGE_MAGIC = b"age-encryption.org/"


def _configured_key() -> str:
    value = (getattr(settings, "BACKUP_ENCRYPTION_KEY", "") or "").strip()
    if value and not value.upper().startswith("AGE-SECRET-KEY-") and Path(value).is_file():
        lines = Path(value).read_text().splitlines()
        value = next((line.strip() for line in lines if line.strip().startswith("AGE-")), "")
    return value


def identity():
    value = _configured_key()
    if not value:
        return None
    try:
        return x25519.Identity.from_str(value)
    except Exception as exc:
        raise BackupError(
            _("BACKUP_ENCRYPTION_KEY is not an age secret key (AGE-SECRET-KEY-1...).")
        ) from exc


def recipients() -> list:
    found = []
    for value in getattr(settings, "BACKUP_RECIPIENTS", []) or []:
        try:
            found.append(x25519.Recipient.from_str(value.strip()))
        except Exception as exc:
            raise BackupError(
                fmt(
                    _(
                        "BACKUP_RECIPIENTS holds %(value)s, which is not an age public key (age1...)."
                    ),
                    {"value": value[:12]},
                )
            ) from exc
    own = identity()
    if own is not None:
        found.append(own.to_public())
    return found


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(AGE_MAGIC)) == AGE_MAGIC


def encrypt(source, target, to: list) -> None:
    """Stream ``source`` (a readable binary file) into ``target``, encrypted to ``to``."""
    pyrage.encrypt_io(source, target, to)


def decrypt(source, target) -> None:
    own = identity()
    if own is None:
        raise BackupError(
            _("The archive is encrypted and BACKUP_ENCRYPTION_KEY is not set: no key to open it.")
        )
    try:
        pyrage.decrypt_io(source, target, [own])
    except pyrage.DecryptError as exc:
        raise BackupError(
            _("BACKUP_ENCRYPTION_KEY does not open this archive: it was encrypted to another key.")
        ) from exc
    except OSError as exc:
        raise BackupError(
            _("The encrypted archive is truncated or was altered: it does not decrypt.")
        ) from exc
