"""Content that several browser tests build the same way (the demo portal), built once a
worker and put back for the tests after the first.

Each browser test is transactional (``serialized_rollback``): it starts from the migrated
data alone, and what it builds is flushed after it. Loading the demo portal takes seconds
of the browser run each time (about 10 s on PostgreSQL), so the database as the first
load left it is kept and put back instead of loading again:

- SQLite: the whole file (rows, search index, sequences) is copied aside with SQLite's
  backup API and copied back.
- PostgreSQL: every table's rows are kept with ``COPY ... TO STDOUT`` (binary) and the
  sequences' values with them; putting back is ``TRUNCATE`` of those tables, ``COPY ...
  FROM STDIN`` and ``setval``, in one transaction (Django's foreign keys are deferred to
  the commit, so the order of the tables does not matter).

On another database the content is built every time.
"""

import sqlite3

from django.core.management.color import no_style
from django.db import connection, transaction

_COPIES: dict[str, object] = {}


def built_once(name, build):
    """Runs ``build()`` the first time ``name`` is asked for in this process; later, puts
    back the database exactly as that left it. ``build`` must be the test's first write
    (what was written before it would be replaced) and read nothing from the test but the
    database."""
    if connection.vendor not in ("sqlite", "postgresql"):
        build()  # no way to keep a copy on other databases: built every time
        return
    copy = _COPIES.get(name)
    if copy is not None:
        _restore(copy)
        return
    build()
    _COPIES[name] = _save()


def _save():
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    tables = _tables()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        rows = {}
        for table in tables:
            with raw.copy(f"COPY {_quote(table)} TO STDOUT (FORMAT BINARY)") as copy:
                rows[table] = b"".join(bytes(block) for block in copy)
        sequences = {}
        for sequence in connection.introspection.sequence_list():
            name = _quote(sequence["name"])
            cursor.execute(f"SELECT last_value, is_called FROM {name}")  # noqa: S608
            sequences[sequence["name"]] = cursor.fetchone()
    return rows, sequences


def _restore(copy):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy.backup(connection.connection)
        return
    rows, sequences = copy
    with transaction.atomic(), connection.cursor() as cursor:
        # The tables as they are now (a test may not add any; it must not drop one).
        for statement in connection.ops.sql_flush(no_style(), _tables()):
            cursor.execute(statement)
        raw = cursor.cursor
        for table, data in rows.items():
            with raw.copy(f"COPY {_quote(table)} FROM STDIN (FORMAT BINARY)") as target:
                target.write(data)
        for name, (value, is_called) in sequences.items():
            cursor.execute("SELECT setval(%s, %s, %s)", [_quote(name), value, is_called])


def _tables():
    # Every table of the models, as Django's flush sees them (django_migrations is not
    # one of them: the snapshot never changes what migrations recorded).
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _quote(name):
    return connection.ops.quote_name(name)
