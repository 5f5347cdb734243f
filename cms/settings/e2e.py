"""Settings of the browser-test run (``make browser``), apart from the unit run.

The browser tests (``@pytest.mark.browser``) drive a real Chromium against a live
server thread. Each of the run's two workers gets its own database, made once by
pytest-django when the worker starts (on SQLite from a copy of the migrated template, see
below): a real SQLite file (not the unit run's in-memory database, which threads share
badly), or ``<name>_e2e_gw0``/``_gw1`` on PostgreSQL. Each browser test is a
transactional test with ``serialized_rollback=True``: Django flushes the database after
it and loads back what migrations created (Wagtail's root page, locales, collections,
content types, groups) before the next one, as its documentation describes.
"""

import os
from pathlib import Path

from .test import *  # noqa: F403
from .test import BASE_DIR, DATABASES

PORTAL_E2E = True

E2E_DIR = Path(os.environ.get("E2E_DIR", BASE_DIR / "test-artifacts" / "e2e")).resolve()

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    E2E_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(E2E_DIR / "portal-e2e.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}_e2e"}
    # The live server's request threads open their own connections: none outlives its
    # request, so nothing holds the database when the run drops it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The test database starts as a copy of the unit run's migrated template
# (cms/tests/migrated.py): nothing here changes what `migrate` writes.
PORTAL_MIGRATED_TEMPLATE = "cms.settings.test"

# The chat's page waits and retries on the scale of a real network (seconds); against the
# test server on the same machine a tenth of that shows the same fallback, back-off and
# return to the socket (services/chat/tests/test_browser*.py) without minutes of waiting.
# The socket's own timeout stays long enough for a busy CI machine to open one in time.
CHAT_SOCKET_TIMEOUT_MS = 2000
CHAT_SOCKET_RETRY_MS = (500, 2000)
CHAT_POLL_INTERVAL_MS = 500
