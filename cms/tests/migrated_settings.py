"""Settings of the tests of cms/tests/migrated.py: one small app, so that making a
template takes a second. ``MIGRATED_TEST_MIGRATIONS`` names another migrations package
for it (a changed migration set)."""

import os
from pathlib import Path

SECRET_KEY = "test-only-not-secret-migrated-template-settings"  # noqa: S105
INSTALLED_APPS = ["django.contrib.contenttypes"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path(os.environ["DATA_DIR"]) / "portal.sqlite3",
    }
}
USE_TZ = True
if os.environ.get("MIGRATED_TEST_MIGRATIONS"):
    MIGRATION_MODULES = {"contenttypes": os.environ["MIGRATED_TEST_MIGRATIONS"]}
# The PostgreSQL template's tests (cms/tests/test_migrated_postgres.py) give a server.
if os.environ.get("MIGRATED_TEST_DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["MIGRATED_TEST_DATABASE_URL"])}
