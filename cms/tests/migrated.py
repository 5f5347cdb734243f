"""A migrated SQLite database per configuration, made once and then copied.

``migrate`` on an empty SQLite file costs half a minute of CPU or more (Django renders
the project state through every migration of every app), and the test runs need a
migrated database many times: one per pytest-xdist worker, one per browser run, and one
per test that runs the project in subprocesses. ``migrated_database()`` migrates once,
into ``test-artifacts/migrated/<key>.sqlite3``, and every later caller copies that file.

The key is a digest of everything that decides what ``migrate`` writes: the settings
module and the source of the settings package, the installed apps, the versions of
Django and Wagtail, and the content of every migration file Django's ``MigrationLoader``
finds (the apps' ``apps.py`` too, where ``post_migrate`` receivers live). Any change
gives a new key, hence a new file: a template is never stale, and one made by an earlier
run in the same checkout is reused (a fresh clone makes it once per run).

Whoever copies the template still runs ``migrate`` on the copy under its own settings
(pytest-django's test-database setup does; so do the subprocess tests): it finds nothing
to do, or applies what those settings add, and sends ``post_migrate`` (permissions,
groups, cache tables) as on any existing database.

Two processes that ask at once (two xdist workers, two subprocess tests) do not both
migrate: the one that builds holds an exclusive ``fcntl.flock`` on ``<key>.lock``, the
other waits for it and then finds the file. The file appears by an atomic rename, whole.

On PostgreSQL the template is a database of the server, ``portal_migrated_<key>`` (same
key), and a copy is PostgreSQL's own: ``CREATE DATABASE ... TEMPLATE``, which Django's
test-database creation does when the settings name the template (``TEST: {"TEMPLATE":
...}``, the root conftest.py). ``migrated_postgres_template()`` builds it once in a
subprocess: under an advisory lock of the server (two workers, two checkouts on one
server wait for one build), ``migrate`` into a fresh database of a temporary name, every
connection to it closed, then ``ALTER DATABASE ... RENAME``, so a half-built one never
has the template's name and nothing is left connected to it (PostgreSQL refuses to copy
a database another session is connected to). Each template's comment says when it was
last used; a build drops the other ``portal_migrated_*`` databases unused for a day
(``STALE_SECONDS``) that nobody is connected to or copying.

From a shell: ``python -m cms.tests.migrated`` prints the path of the template of
``DJANGO_SETTINGS_MODULE``, making it first if needed (``--key``: only its key); with a
PostgreSQL ``DATABASE_URL``, ``--postgres`` prints the template database's name instead.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(os.environ.get("PORTAL_MIGRATED_DIR", ROOT / "test-artifacts" / "migrated"))
# Left out of the build's environment: the template is SQLite (cms/settings/stores.py),
# unless it is PostgreSQL's (``--postgres``), and no event loop runs in the build.
BUILD_ENV_DROPPED = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
# PostgreSQL: the templates' names, and how long one unused may stay when another is built.
PG_PREFIX = "portal_migrated_"
STALE_SECONDS = 24 * 3600
USED_MARK = "portal migrated template, last used at "


def configuration_key() -> str:
    """The digest of what ``migrate`` depends on, in this (set-up) Django process."""
    import django
    import wagtail
    from django.apps import apps
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()

    def add(*parts):
        for part in parts:
            digest.update(str(part).encode() + b"\0")

    add("django", django.__version__, "wagtail", wagtail.__version__)
    # The module Django read the settings from (``settings.SETTINGS_MODULE`` is None
    # while a test overrides settings).
    settings_module = os.environ["DJANGO_SETTINGS_MODULE"]
    add("settings", settings_module, *settings.INSTALLED_APPS)
    # Sources by module name: the settings module, its package's other modules (where
    # it takes LANGUAGE_CODE and the like from), each app's AppConfig module (its
    # post_migrate receivers) and every migration.
    modules = {settings_module}
    package = settings_module.rpartition(".")[0]
    if package:
        folder = Path(importlib.import_module(package).__file__).parent
        modules.update(f"{package}.{file.stem}" for file in folder.glob("*.py"))
    modules.update(type(config).__module__ for config in apps.get_app_configs())
    # connection=None: the migration files on disk, whatever any database holds.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    modules.update(type(migration).__module__ for migration in loader.disk_migrations.values())
    for name in sorted(modules):
        spec = importlib.util.find_spec(name)
        add(name)
        if spec and spec.origin and spec.origin.endswith(".py"):
            digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()[:24]


def template_path(key: str) -> Path:
    return FOLDER / f"{key}.sqlite3"


def migrated_database(settings_module: str | None = None, env: Mapping | None = None) -> Path:
    """The path of the migrated template of ``settings_module`` (by default the current
    process's settings), made first if no process has made it. Read-only: copy it with
    ``copy_migrated_database()``.

    ``env`` is the environment the settings are read in (by default this process's);
    ``DATABASE_URL`` is left out (the template is SQLite) and ``DATA_DIR`` is a folder of
    the build's own. In a process whose Django is set up with that same settings module
    the key is computed here; otherwise a subprocess computes it (and builds if needed).
    """
    from django.conf import settings

    current = settings.configured and os.environ.get("DJANGO_SETTINGS_MODULE")
    if settings_module in (None, current):
        path = template_path(configuration_key())
        if path.exists():
            return path
        settings_module = current
    found = _run_builder(settings_module, env)
    if settings_module == current and found != path:
        raise RuntimeError(f"The builder made {found}, this process expected {path}")
    return found


def copy_migrated_database(
    destination: Path, settings_module: str | None = None, env: Mapping | None = None
) -> Path:
    """Copies the template of ``settings_module`` to ``destination`` (its folder made)."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_database(settings_module, env), destination)
    return destination


def _builder(settings_module: str, env: Mapping | None, postgres: bool, data: str):
    """The command and environment of a build, with ``data`` as its DATA_DIR."""
    environment = dict(os.environ if env is None else env)
    for name in BUILD_ENV_DROPPED:
        # A PostgreSQL template is built on the server DATABASE_URL names.
        if not (postgres and name == "DATABASE_URL"):
            environment.pop(name, None)
    environment["DJANGO_SETTINGS_MODULE"] = settings_module
    environment["DATA_DIR"] = data
    command = [sys.executable, "-m", "cms.tests.migrated", *(["--postgres"] if postgres else [])]
    return command, environment


def _run_builder(settings_module: str, env: Mapping | None, postgres: bool = False) -> Path:
    FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=FOLDER, prefix="build-") as data:
        command, environment = _builder(settings_module, env, postgres, data)
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"Migrating a template for {settings_module} failed:\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    # The build says so on stderr ("Migrated ..."): shown where the caller's goes.
    sys.stderr.write(done.stderr)
    return Path(done.stdout.strip().splitlines()[-1])


class BackgroundBuild:
    """A build started ahead of need: the test run's controller starts the template of
    its configuration while its workers start, and meanwhile they run the tests that
    need no test database. A worker that needs the template before it is whole waits for
    the build's lock (``fcntl.flock`` or PostgreSQL's advisory lock), then finds it.
    What the build prints is dropped: one that fails here fails again, with its message,
    in the first worker that needs the template."""

    def __init__(self, settings_module: str, postgres: bool = False):
        FOLDER.mkdir(parents=True, exist_ok=True)
        self.data = tempfile.mkdtemp(dir=FOLDER, prefix="build-")
        command, environment = _builder(settings_module, None, postgres, self.data)
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def finish(self) -> int:
        """Waits for the build (long done by the end of a run) and removes its folder."""
        try:
            return self.process.wait(timeout=900)
        finally:
            shutil.rmtree(self.data, ignore_errors=True)


def build() -> Path:
    """Makes the template of this process's configuration unless it exists; returns it.

    Runs in a process of its own (``python -m cms.tests.migrated``) whose settings put
    the SQLite database in an empty ``DATA_DIR``: ``migrate`` writes there, the file is
    checkpointed into one file and renamed into place under the lock.
    """
    from django.core.management import call_command
    from django.db import connection, connections

    if connection.vendor != "sqlite":
        raise RuntimeError("The migrated template is a SQLite database")
    path = template_path(configuration_key())
    FOLDER.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if path.exists():
            return path
        built = Path(connection.settings_dict["NAME"])
        call_command("migrate", interactive=False, verbosity=0)
        print(f"Migrated {path.name}", file=sys.stderr)
        connections.close_all()
        # One self-contained file in rollback-journal mode: nothing left in a -wal file,
        # and a copy opened by another configuration starts in the mode that one sets.
        with sqlite3.connect(built) as database:
            database.execute("PRAGMA journal_mode=DELETE")
        database.close()
        partial = path.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(built, partial)
        os.replace(partial, path)
    return path


def postgres_template_name(key: str) -> str:
    return f"{PG_PREFIX}{key}"


def lock_id(key: str) -> int:
    """The advisory lock (a bigint) a build of ``key``'s template holds on the server."""
    return int(key[:15], 16)


def admin_connection(database: Mapping):
    """An autocommit connection to the server's ``postgres`` database, with the
    credentials of Django's ``database`` settings (never one to a template)."""
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        autocommit=True,
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _templates(admin) -> dict:
    """``{name: last use (epoch seconds, 0 if unknown)}`` of every template database."""
    rows = admin.execute(
        "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
        " WHERE starts_with(datname, %s)",
        [PG_PREFIX],
    ).fetchall()
    found = {}
    for name, comment in rows:
        try:
            found[name] = float((comment or "").removeprefix(USED_MARK))
        except ValueError:
            found[name] = 0.0
    return found


def _mark_used(admin, name: str, last_used: float | None) -> None:
    """Writes the time of use into the template's comment (at most hourly: COMMENT
    waits while another session copies the template)."""
    now = time.time()
    if last_used is None or now - last_used > 3600:
        admin.execute(f"COMMENT ON DATABASE {_quote(name)} IS '{USED_MARK}{now:.0f}'")


def _drop_stale(admin, keep: str) -> None:
    """Drops the templates (and half-built ones) unused for ``STALE_SECONDS``, except
    ``keep``. One someone is connected to or copying stays (DROP fails or would wait)."""
    admin.execute("SET lock_timeout = '2s'")
    for name, last_used in _templates(admin).items():
        if name == keep or not last_used or time.time() - last_used < STALE_SECONDS:
            continue
        try:
            admin.execute(f"DROP DATABASE IF EXISTS {_quote(name)}")
        except Exception as error:  # noqa: BLE001 - in use: left for a later build
            print(f"Left {name}: {error}", file=sys.stderr)
    admin.execute("RESET lock_timeout")


def migrated_postgres_template(
    settings_module: str | None = None, env: Mapping | None = None
) -> str:
    """The name of the migrated template database of ``settings_module`` (by default
    this process's settings) on the server of this process's ``default`` database (or of
    ``env``'s ``DATABASE_URL``), built first if the server has none. Copy it with
    ``CREATE DATABASE ... TEMPLATE``; never connect to it."""
    from django.conf import settings

    current = settings.configured and os.environ.get("DJANGO_SETTINGS_MODULE")
    if settings_module in (None, current) and env is None:
        name = postgres_template_name(configuration_key())
        with admin_connection(settings.DATABASES["default"]) as admin:
            templates = _templates(admin)
            if name in templates:
                _mark_used(admin, name, templates[name])
                return name
        settings_module = current
    found = str(_run_builder(settings_module, env, postgres=True))
    if settings_module == current and env is None and found != name:
        raise RuntimeError(f"The builder made {found}, this process expected {name}")
    return found


def build_postgres() -> str:
    """Makes the template database of this process's configuration on the server of
    its ``default`` database unless it exists; returns its name. Runs in a process of
    its own (``python -m cms.tests.migrated --postgres``)."""
    from django.core.management import call_command
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        raise RuntimeError("--postgres needs a PostgreSQL DATABASE_URL")
    key = configuration_key()
    name = postgres_template_name(key)
    with admin_connection(connection.settings_dict) as admin:
        # Released when this connection closes.
        admin.execute("SELECT pg_advisory_lock(%s)", [lock_id(key)])
        templates = _templates(admin)
        if name in templates:
            _mark_used(admin, name, templates[name])
            return name
        _drop_stale(admin, keep=name)
        partial = f"{name}_part{os.getpid()}"
        admin.execute(f"DROP DATABASE IF EXISTS {_quote(partial)}")
        admin.execute(f"CREATE DATABASE {_quote(partial)}")
        _mark_used(admin, partial, None)
        try:
            connections.close_all()
            connection.settings_dict["NAME"] = partial
            call_command("migrate", interactive=False, verbosity=0)
            # Nothing of this process stays connected to the template.
            connections.close_all()
            admin.execute(f"ALTER DATABASE {_quote(partial)} RENAME TO {_quote(name)}")
        except BaseException:
            connections.close_all()
            admin.execute(f"DROP DATABASE IF EXISTS {_quote(partial)} WITH (FORCE)")
            raise
        print(f"Migrated {name}", file=sys.stderr)
    return name


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1:] == ["--key"]:
        print(configuration_key())
    elif sys.argv[1:] == ["--postgres"]:
        print(build_postgres())
    else:
        print(build())
