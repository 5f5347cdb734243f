"""The migrated template (cms/tests/migrated.py): one file per configuration, made once
even when two processes ask at the same moment, and a new one when a migration changes.

Runs the helper as the tests that use it do, in subprocesses, on small settings
(cms/tests/migrated_settings.py: one app) and a folder of its own."""

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import django.contrib.contenttypes.migrations as contenttypes_migrations
import pytest

ROOT = Path(__file__).resolve().parents[2]

# Its own SQLite files whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.own_sqlite


@pytest.fixture
def env(tmp_path):
    (tmp_path / "data").mkdir()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.tests.migrated_settings",
        PORTAL_MIGRATED_DIR=str(tmp_path / "migrated"),
        DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(tmp_path / "packages")]),
    )
    return environment


def run(env, *args):
    """``python *args`` in the project's folder, started (``finish`` waits for it)."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def helper(env, *args):
    return run(env, "-m", "cms.tests.migrated", *args)


def finish(process, timeout=120):
    stdout, stderr = process.communicate(timeout=timeout)
    assert process.returncode == 0, stderr[-3000:]
    return stdout.strip().splitlines()[-1], stderr


def test_two_processes_at_once_make_one_template_which_later_calls_reuse(env, tmp_path):
    key, _ = finish(helper(env, "--key"))
    folder = tmp_path / "migrated"
    folder.mkdir()
    # Hold the build lock, so both processes find no template and queue at the lock.
    with open(folder / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        first, second = helper(env), helper(env)
        time.sleep(3)
        assert first.poll() is None and second.poll() is None
        assert not (folder / f"{key}.sqlite3").exists()
    results = [finish(first), finish(second)]
    paths = {path for path, _ in results}
    assert paths == {str(folder / f"{key}.sqlite3")}
    assert sum(f"Migrated {key}.sqlite3" in stderr for _, stderr in results) == 1
    with sqlite3.connect(paths.pop()) as database:
        applied = database.execute(
            "SELECT name FROM django_migrations WHERE app = 'contenttypes'"
        ).fetchall()
    assert ("0001_initial",) in applied
    # The same configuration later: the same file, not made again.
    again, stderr = finish(helper(env))
    assert again == str(folder / f"{key}.sqlite3")
    assert "Migrated" not in stderr
    assert sorted(path.name for path in folder.glob("*.sqlite3")) == [f"{key}.sqlite3"]


def test_a_changed_migration_gives_another_key(env, tmp_path):
    package = tmp_path / "packages" / "changed_migrations"
    shutil.copytree(Path(contenttypes_migrations.__file__).parent, package)
    env_copy = {**env, "MIGRATED_TEST_MIGRATIONS": "changed_migrations"}
    key, _ = finish(helper(env_copy, "--key"))
    assert finish(helper(env_copy, "--key"))[0] == key
    last = sorted(package.glob("0*.py"))[-1]
    last.write_text(last.read_text() + "\n# edited\n")
    changed, _ = finish(helper(env_copy, "--key"))
    assert changed != key


def test_a_build_started_in_the_background_is_the_one_later_calls_find(env, tmp_path, monkeypatch):
    """What the root conftest starts in a run's controller (``BackgroundBuild``): the
    template is made once, and its build folder is gone afterwards."""
    from cms.tests import migrated

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "migrated"
    monkeypatch.setattr(migrated, "FOLDER", folder)
    key, _ = finish(helper(env, "--key"))

    build = migrated.BackgroundBuild("cms.tests.migrated_settings")
    assert build.finish() == 0
    assert sorted(path.name for path in folder.iterdir()) == [f"{key}.lock", f"{key}.sqlite3"]
    found, stderr = finish(helper(env))
    assert found == str(folder / f"{key}.sqlite3")
    assert "Migrated" not in stderr
