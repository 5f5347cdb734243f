import os

from .base import *  # noqa: F403
from .base import PORTAL_BASE_URL

DEBUG = True
SECRET_KEY = "dev-only-not-secret-f1c7a0b3e9d24a8c9e6d5b4a3c2b1a0f9e8d7c6b5a4"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Links in text messages and emails: where the dev server listens (`make run` passes its
# HOST:PORT as PORTAL_DEV_ADDRESS), unless PORTAL_BASE_URL names another address. Without
# the port, http://localhost/track/ opened nothing.
if not PORTAL_BASE_URL:
    _host, _sep, _port = os.environ.get("PORTAL_DEV_ADDRESS", "127.0.0.1:8000").rpartition(":")
    if _host in ("", "0.0.0.0", "::", "[::]"):  # noqa: S104 - listening everywhere: this machine
        _host = "127.0.0.1"
    PORTAL_BASE_URL = f"http://{_host}:{_port or 8000}"
    WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
