"""One point in time to read the whole database from, while the site keeps writing.

SQLite (WAL): a second connection opens a deferred transaction; its first read fixes
the snapshot every later read sees, and writers go on meanwhile. PostgreSQL: a second
connection in one ``REPEATABLE READ READ ONLY`` transaction. When the caller is already
inside a transaction (a test, an admin action under ATOMIC_REQUESTS), that transaction
is the snapshot.
"""

from __future__ import annotations

import contextlib
import copy

from django.db import connections, transaction

ALIAS = "backup_snapshot"


@contextlib.contextmanager
def snapshot(using: str = "default"):
    """Yield the alias to read from; every read through it sees the same instant."""
    source = connections[using]
    if source.in_atomic_block:
        with transaction.atomic(using=using):
            yield using
        return
    settings_dict = copy.deepcopy(source.settings_dict)
    if source.vendor == "sqlite":
        settings_dict.setdefault("OPTIONS", {})["transaction_mode"] = "DEFERRED"
    settings_dict["CONN_MAX_AGE"] = 0
    connections.settings[ALIAS] = settings_dict
    try:
        with transaction.atomic(using=ALIAS):
            with connections[ALIAS].cursor() as cursor:
                if connections[ALIAS].vendor == "postgresql":
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                else:
                    # The first read starts the snapshot: take it now, not at the first table.
                    cursor.execute("SELECT count(*) FROM sqlite_master")
            yield ALIAS
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        connections.settings.pop(ALIAS, None)
