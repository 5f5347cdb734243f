"""Backup and restore of the whole portal, users' data first.

The SLA statement promises that on termination the provider first takes a backup of
the users' data, then cuts the service, and that nothing a user submitted is lost. A
backup is one ``.tar.gz`` archive (encrypted with age when a key is configured):

``data/<app>.<model>.jsonl``
    every table, one JSON line per row with its primary key, read from one snapshot;
``files/media/...``, ``files/private/...``
    the files the rows of the snapshot point to (images, documents, attachments);
``manifest.json`` (last)
    when and from what it was made, each table's columns and row count, the SHA-256 and
    size of every member, and for each dataset the plugins declare
    (:class:`cms.plugins.BackupDataset`) its rows, history rows and files.
"""

from .dump import FORMAT_VERSION, create_backup
from .errors import BackupError, bilingual
from .load import RestoreReport, restore_backup
from .reader import open_archive

__all__ = [
    "FORMAT_VERSION",
    "BackupError",
    "RestoreReport",
    "bilingual",
    "create_backup",
    "open_archive",
    "restore_backup",
]
