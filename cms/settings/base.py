"""Settings shared by every environment.

Everything that differs between a laptop and a production cluster is read from the
environment here (``DATABASE_URL``, ``REDIS_URL``, ``DATA_DIR``...), so the same code
runs embedded (SQLite, local files, one process) and grown up (PostgreSQL, Redis).
The database, caches, sessions and channel layer are in :mod:`cms.settings.stores`.
"""

import os
from datetime import timedelta
from pathlib import Path

import csp.constants as csp
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, DATA_DIR, PROJECT_DIR, env_bool, env_list  # noqa: F401
from .stores import *  # noqa: F403

# Plugins are ordinary Django apps under services/; any of them can be switched off
# with PORTAL_DISABLED_PLUGINS="services.chat,services.loans" and the site still boots.
PORTAL_PLUGINS = ["services.outages", "services.loans", "services.desk", "services.chat"]
PORTAL_DISABLED_PLUGINS = env_list("PORTAL_DISABLED_PLUGINS")

INSTALLED_APPS = [
    # daphne first: its runserver serves HTTP and WebSockets from one process (make run).
    "daphne",
    "cms",
    "sitepages",
    "sla",
    *[app for app in PORTAL_PLUGINS if app not in PORTAL_DISABLED_PLUGINS],
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "channels",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, as whitenoise's docs ask: static files skip
    # sessions, CSRF and everything below.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole anonymous pages, before sessions, CSRF and the page tree (cms.pagecache).
    "cms.pagecache.PageCacheMiddleware",
    # Above XFrameOptionsMiddleware, so that it sees the framing policy of the response.
    "cms.csp.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Unknown query parameters are a 400 on every public view (cms.querystring).
    "cms.querystring.QueryStringMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
            "builtins": ["cms.templatetags.persian"],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"
ASGI_APPLICATION = "cms.asgi.application"


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# The client's address behind a proxy (cms.client_address): the META key of the header
# the proxy sets (e.g. HTTP_X_REAL_IP), believed only from the listed proxies
# (addresses or networks; the same host by default).
PORTAL_CLIENT_IP_HEADER = os.environ.get("PORTAL_CLIENT_IP_HEADER", "").strip()
PORTAL_TRUSTED_PROXIES = env_list("PORTAL_TRUSTED_PROXIES", "127.0.0.1,::1")
# At most this many text messages / emails (count, seconds) to one mobile number or one
# address from the public forms, whatever address the submissions come from.
PORTAL_SMS_DESTINATION_LIMIT = (5, 3600)
PORTAL_EMAIL_DESTINATION_LIMIT = (5, 3600)


# Staff logins (/admin/login/, /django-admin/login/) are locked for a while after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address (django-axes);
# a right password resets the count. Superusers see and lift lockouts in the Django
# admin (Settings > Login lockouts in Wagtail's menu).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "cms.lockout.lockout_response"

# Content-Security-Policy (django-csp 4): scripts only from our own files or with the
# request's nonce (templates: nonce="{{ CSP_NONCE }}"), never framed by another site,
# no plugins. cms.csp loosens two things for Wagtail's admin and its preview panel.
HEADER_SCRIPT_HASH = "'sha256-WZRJfWvsnNCPcxzZwvyhovnZGqhZaC+8gPGPRbx6wTk='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        # The hash is the header's one-line script that marks the page as scripted
        # (templates/components/header.html): a hash, not a nonce, so that cached
        # pages (cms.pagecache) never hand one visitor's nonce to the next.
        "script-src": [csp.SELF, csp.NONCE, HEADER_SCRIPT_HASH],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:", "blob:"],
        "font-src": [csp.SELF, "data:"],
        "connect-src": [csp.SELF],
        "frame-src": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
    }
}
# No staff email hashes sent to gravatar.com (and no third-party images in the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin does not call releases.wagtail.org (versions are pinned in requirements.txt).
WAGTAIL_ENABLE_UPDATE_CHECK = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Persian first; English is the second language, under /en/.
LANGUAGE_CODE = "fa"
LANGUAGES = [
    ("fa", "فارسی"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TIME_ZONE = TIME_ZONE
WAGTAIL_USER_TIME_ZONES = ["Asia/Tehran", "UTC"]


# Static files and media.
STATIC_URL = "/static/"
# collectstatic's output; the proxy may serve it at /static/ (deploy/nginx).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Files that users send (attachments, documents) live outside the public media folder
# and are served only through views that check who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", DATA_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640


# Email: console in development; production reads SMTP settings from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (staging, the CI
# smoke test): the folder the messages are written to.
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


# Text messages (cms.sms): the console (log) in development; a gateway in production.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "cms.sms.ConsoleBackend")
SMS_API_KEY = os.environ.get("SMS_API_KEY", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "")
SMS_API_URL = os.environ.get("SMS_API_URL", "")
SMS_TIMEOUT = float(os.environ.get("SMS_TIMEOUT", "5"))
SMS_RETRIES = int(os.environ.get("SMS_RETRIES", "2"))
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", "")


# Wagtail.
WAGTAIL_SITE_NAME = _("University of Medical Sciences portal")
# The portal's public address: the base of every link in emails and text messages
# (cms.links), never the request's Host header. Production refuses to start without it;
# unset in development, links use the default Wagtail site's root URL.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").strip().rstrip("/")
# Wagtail's own emails (moderation, password reset) use the same address.
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL or os.environ.get(
    "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"
)
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
# Documents only through Wagtail's view (/documents/<id>/<name>), which applies the
# privacy of their collection; never as files under /media/documents/ (see cms.urls,
# and the README: the proxy serves /media/images/ only).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Its debug lines carry request paths, and an SMS gateway's key is in one.
        "urllib3": {"level": "WARNING"},
    },
}


# Backups (cms/backup): where backup_portal writes, and how archives are encrypted.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", DATA_DIR / "backups"))
# An age identity (AGE-SECRET-KEY-1..., or the path of a file holding one): backups are
# encrypted to it and restores decrypt with it.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
# Further age public keys (age1..., comma-separated) that backups are encrypted to.
BACKUP_RECIPIENTS = env_list("BACKUP_RECIPIENTS")
# Refuse to write an unencrypted archive unless --unencrypted is given (production).
BACKUP_REQUIRE_ENCRYPTION = env_bool("BACKUP_REQUIRE_ENCRYPTION", False)
