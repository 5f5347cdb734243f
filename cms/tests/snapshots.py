"""Content that several browser tests build the same way (the demo portal), built once a
run and copied back for the tests after the first.

Each browser test is transactional (``serialized_rollback``): it starts from the migrated
data alone, and what it builds is flushed after it. Loading the demo portal takes seconds
of the browser run each time; on SQLite the database as the first load left it is copied
aside with SQLite's backup API (the whole file: rows, search index, sequences) and copied
back instead of loading again. On PostgreSQL the content is built every time, as before.
"""

import sqlite3

from django.db import connection

_COPIES: dict[str, sqlite3.Connection] = {}


def built_once(name, build):
    """Runs ``build()`` the first time ``name`` is asked for in a run; later, puts back the
    database exactly as that left it. ``build`` must be the test's first write (what was
    written before it would be replaced) and read nothing from the test but the database."""
    if connection.vendor != "sqlite":
        build()
        return
    connection.ensure_connection()
    copy = _COPIES.get(name)
    if copy is not None:
        copy.backup(connection.connection)
        return
    build()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    _COPIES[name] = copy
