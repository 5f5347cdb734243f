"""Settings read from the environment: production refuses to start without secrets."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-test-key-with-enough-entropy-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "portal.example.ir",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.ir",
    "EMAIL_HOST": "smtp.example.ir",
    "PORTAL_BASE_URL": "https://portal.example.ir",
}


def manage(*args, env_extra=None, drop=()):
    env = {**os.environ, **(env_extra or {})}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", "--settings=cms.settings.production", drop=["SECRET_KEY"])
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_the_public_base_url():
    result = manage(
        "check",
        "--settings=cms.settings.production",
        env_extra=PRODUCTION_ENV,
        drop=["PORTAL_BASE_URL"],
    )
    assert result.returncode != 0
    assert "PORTAL_BASE_URL is not set" in result.stderr
    forged = manage(
        "check",
        "--settings=cms.settings.production",
        env_extra={**PRODUCTION_ENV, "PORTAL_BASE_URL": "portal.example.ir/"},
    )
    assert forged.returncode != 0 and "PORTAL_BASE_URL must be" in forged.stderr


def test_production_links_and_wagtail_admin_emails_use_the_base_url():
    out = settings_value(
        "settings.PORTAL_BASE_URL, settings.WAGTAILADMIN_BASE_URL",
        {"PORTAL_BASE_URL": "https://portal.arakmu.ac.ir/"},
    )
    assert out == "https://portal.arakmu.ac.ir https://portal.arakmu.ac.ir"


def test_check_deploy_is_clean_with_production_variables():
    result = manage(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        "--settings=cms.settings.production",
        env_extra=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr
    assert "no issues" in result.stdout


def settings_value(expression, env_extra, drop=()):
    result = manage(
        "shell",
        "--settings=cms.settings.production",
        "-c",
        f"from django.conf import settings; print({expression})",
        env_extra={**PRODUCTION_ENV, **env_extra},
        drop=drop,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_database_url_switches_to_postgresql():
    engine = settings_value(
        "settings.DATABASES['default']['ENGINE']",
        {"DATABASE_URL": "postgres://portal:pw@db.internal:5432/portal"},
    )
    assert engine == "django.db.backends.postgresql"


def test_redis_url_switches_cache_and_sessions_to_redis():
    out = settings_value(
        "settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE",
        {"REDIS_URL": "redis://127.0.0.1:6379/3"},
    )
    assert "django.core.cache.backends.redis.RedisCache" in out
    assert "django.contrib.sessions.backends.cache" in out


def test_production_serves_static_files_compressed_with_a_manifest():
    backend = settings_value("settings.STORAGES['staticfiles']['BACKEND']", {})
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_sqlite_concurrent_writers_never_see_database_is_locked(tmp_path, django_db_blocker):
    """Many threads read-then-write at once in transactions, as concurrent form posts do.

    With SQLite's default deferred transactions this fails with "database is locked"
    (a reader cannot upgrade to a writer); the project's settings take the write lock
    up front (IMMEDIATE) and wait (busy timeout), so every write lands.
    """
    from django.db import connections, transaction

    if connections["default"].vendor != "sqlite":
        pytest.skip("SQLite-specific")
    assert connections["default"].settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    alias = "concurrency"
    # Connections are per thread: each worker gets its own, as each request would.
    connections.settings[alias] = {
        **connections["default"].settings_dict,
        "NAME": str(tmp_path / "concurrency.sqlite3"),
    }
    writers, rounds = 8, 15
    errors = []

    def worker():
        try:
            for _ in range(rounds):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    (value,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET n = %s", [value + 1])
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connections[alias].close()

    try:
        with django_db_blocker.unblock():
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE counter (n INTEGER)")
                cursor.execute("INSERT INTO counter VALUES (0)")
            threads = [threading.Thread(target=worker) for _ in range(writers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (total,) = cursor.fetchone()
            connections[alias].close()
    finally:
        del connections.settings[alias]
    assert errors == []
    assert total == writers * rounds
