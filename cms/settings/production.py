"""Production settings: secrets and hosts come from the environment.

The process refuses to start without SECRET_KEY rather than fall back to a known key.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from cms.links import validate_base_url

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

# daphne is an installed app only for its runserver (make run, HTTP and WebSockets in one
# process). A production web worker (gunicorn) never runs it, and the app imports
# daphne.server, i.e. Twisted, autobahn and pyOpenSSL: about 26 MB of every worker. The
# WebSocket processes run the daphne command, which imports its server itself.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "daphne"]  # noqa: F405

try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as exc:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: production settings need it in the environment."
    ) from exc

# Every emailed or texted link starts with it (cms.links); never the request's Host.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").strip()
if not PORTAL_BASE_URL:
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL is not set: production needs the portal's public address "
        "(e.g. https://portal.example.ac.ir) for the links in emails and text messages."
    )
PORTAL_BASE_URL = validate_base_url(PORTAL_BASE_URL)
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# /healthz is probed over plain HTTP by the proxy and the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)

ADMINS = [("Admin", email) for email in env_list("ADMIN_EMAILS")]

# Archives hold national codes, mobiles and Sheba numbers: never unencrypted by default.
BACKUP_REQUIRE_ENCRYPTION = env_bool("BACKUP_REQUIRE_ENCRYPTION", True)
