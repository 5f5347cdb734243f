from .base import *  # noqa: F403
from .base import CACHES, DATA_DIR, INSTALLED_APPS, PORTAL_DISABLED_PLUGINS

DEBUG = False
SECRET_KEY = "test-only-not-secret-7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1"  # noqa: S105
ALLOWED_HOSTS = ["*"]

# A small plugin that exists only for the tests of the plugin contract.
if "cms.tests.testplugin" not in PORTAL_DISABLED_PLUGINS:
    INSTALLED_APPS = ["cms.tests.testplugin", *INSTALLED_APPS]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = DATA_DIR / "test-media"
PRIVATE_MEDIA_ROOT = DATA_DIR / "test-private"

# Static files come from the apps' and the project's static folders, as with DEBUG on
# (WhiteNoise's own defaults then): the tests never need `collectstatic`, and WhiteNoise
# does not warn at every new request handler that STATIC_ROOT does not exist.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Rate-limit counters in the same store as the default cache, so the tests that clear
# the cache start every client afresh (the shared cache of base.py is tested with real
# workers in cms/tests/test_ratelimit_workers.py).
CACHES = {**CACHES, "ratelimit": dict(CACHES["default"])}
# The page cache (cms.pagecache) is off for the unit run, whose tests change rows
# without the signals a real edit sends; cms/tests/test_pagecache.py switches it on.
PORTAL_PAGE_CACHE_SECONDS = 0
# The back office's shared cache likewise (its tests switch on a local one).
CACHES["backoffice"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-pages",
}
# Fragments kept per page-cache generation (cms.pagecache.cached_fragment): off for the
# same reason; cms/tests/test_fragments.py switches them on.
PORTAL_FRAGMENT_CACHE_SECONDS = 0
