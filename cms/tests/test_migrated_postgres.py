"""The migrated template on PostgreSQL (cms/tests/migrated.py): one template database,
built once even when two workers ask at the same moment, from which both workers' test
databases are created (``CREATE DATABASE ... TEMPLATE``, through Django's ``TEST:
{"TEMPLATE": ...}`` as the root conftest.py sets it), and another one when the key
changes.

Runs as the workers do, in subprocesses, on small settings (cms/tests/migrated_settings.py:
one app, here on the run's PostgreSQL server) and a migrations package of its own, so the
key, hence the template, is this test's alone."""

import os
import shutil
import time
import uuid
from pathlib import Path

import django.contrib.contenttypes.migrations as contenttypes_migrations
import psycopg
import pytest
from django.conf import settings

from cms.tests.migrated import admin_connection, lock_id, postgres_template_name

from .test_migrated import finish, helper, run

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="The template database is PostgreSQL's (CREATE DATABASE ... TEMPLATE): needs a "
    "PostgreSQL DATABASE_URL; the SQLite template is tested in test_migrated.py",
)

# What a pytest-django worker does with the conftest's settings: the template's name
# (built if needed), then Django's creation of its test database from it.
WORKER = """
import sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from cms.tests.migrated import migrated_postgres_template
template = migrated_postgres_template()
settings.DATABASES["default"]["TEST"] = {"NAME": sys.argv[1], "TEMPLATE": template}
connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
connection.close()
print(template)
"""


@pytest.fixture
def env(tmp_path):
    package = tmp_path / "packages" / f"pg_migrations_{uuid.uuid4().hex[:8]}"
    shutil.copytree(Path(contenttypes_migrations.__file__).parent, package)
    # A comment of its own: this test's key, whatever another run on the server builds.
    first = package / "0001_initial.py"
    first.write_text(first.read_text() + f"\n# {package.name}\n")
    (tmp_path / "data").mkdir()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.tests.migrated_settings",
        MIGRATED_TEST_MIGRATIONS=package.name,
        MIGRATED_TEST_DATABASE_URL=DATABASE_URL,
        PORTAL_MIGRATED_DIR=str(tmp_path / "migrated"),
        DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(tmp_path / "packages")]),
    )
    return environment


@pytest.fixture
def admin():
    made = []
    with admin_connection(settings.DATABASES["default"]) as connection:
        yield connection, made
        for name in made:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def key_of(env):
    return finish(helper(env, "--key"), timeout=300)[0]


def exists(connection, name):
    found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return found.fetchone() is not None


def test_two_workers_copy_one_template_built_once_and_a_new_key_builds_another(
    env, admin, tmp_path
):
    connection, made = admin
    key = key_of(env)
    template = postgres_template_name(key)
    workers = [f"test_pgtmpl_{uuid.uuid4().hex[:8]}_gw{n}" for n in range(2)]
    made += [template, *workers]
    assert not exists(connection, template)
    # Hold the build lock, so both workers find no template and queue at the lock.
    with admin_connection(settings.DATABASES["default"]) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [lock_id(key)])
        started = [run(env, "-c", WORKER, name) for name in workers]
        time.sleep(3)
        assert all(process.poll() is None for process in started)
        assert not exists(connection, template)
    results = [finish(process, timeout=300) for process in started]
    assert {name for name, _ in results} == {template}
    assert sum(f"Migrated {template}" in stderr for _, stderr in results) == 1
    # Both test databases are migrated copies, and nothing is left connected to the
    # template (PostgreSQL refused the second copy otherwise).
    for name in workers:
        with psycopg.connect(
            dbname=name,
            host=settings.DATABASES["default"].get("HOST") or None,
            port=settings.DATABASES["default"].get("PORT") or None,
            user=settings.DATABASES["default"].get("USER") or None,
            password=settings.DATABASES["default"].get("PASSWORD") or None,
        ) as database:
            applied = database.execute(
                "SELECT name FROM django_migrations WHERE app = 'contenttypes'"
            ).fetchall()
        assert ("0001_initial",) in applied
    in_use = connection.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [template]
    ).fetchone()
    assert in_use == (0,)
    # The same configuration later: the same template, not built again.
    again, stderr = finish(helper(env, "--postgres"), timeout=300)
    assert again == template
    assert "Migrated" not in stderr

    # A changed migration: another key, another template; the first (used a moment ago)
    # stays.
    package = tmp_path / "packages" / env["MIGRATED_TEST_MIGRATIONS"]
    last = sorted(package.glob("0*.py"))[-1]
    last.write_text(last.read_text() + "\n# edited\n")
    changed = postgres_template_name(key_of(env))
    made.append(changed)
    assert changed != template
    built, stderr = finish(helper(env, "--postgres"), timeout=300)
    assert built == changed
    assert f"Migrated {changed}" in stderr
    assert exists(connection, changed) and exists(connection, template)
