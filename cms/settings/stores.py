"""Where the portal keeps its data: the database, the caches and sessions, and the
live chat's channel layer.

SQLite, local memory and files under ``DATA_DIR`` when nothing is configured (one
process, ``make run``); PostgreSQL (``DATABASE_URL``) and Redis (``REDIS_URL``) when they
are, shared by every worker and host. Imported by :mod:`cms.settings.base`.
"""

import os

import dj_database_url

from .environment import DATA_DIR

__all__ = [
    "CACHES",
    "CHANNEL_LAYERS",
    "DATABASES",
    "PORTAL_FRAGMENT_CACHE_SECONDS",
    "PORTAL_PAGE_CACHE_SECONDS",
    "REDIS_URL",
    "SESSION_ENGINE",
    "SQLITE_PATH",
]

# Database: SQLite under DATA_DIR unless DATABASE_URL says otherwise.
SQLITE_PATH = DATA_DIR / "portal.sqlite3"

if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    # SQLite creates the file but not its folder (a fresh clone has no data/).
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Kept open between requests as on PostgreSQL: opening a SQLite connection
            # (its PRAGMAs and functions) cost the chat's socket calls more than their
            # statements (bench/README.md, chat_load.py).
            "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, and the
                # timeout lets concurrent writers queue instead of failing with
                # "database is locked". WAL lets readers go on while one writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

# Cache and sessions: Redis when REDIS_URL is given, else local memory and the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Channels (live chat): the in-memory layer in one process; with Redis, channels-redis so
# that several app processes share the chats' groups.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # No socket timeout: the layer's blocking reads wait longer than redis-py
                # 8's default of 5 s, which would close every quiet socket
                # (django/channels_redis#422).
                "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
                "prefix": os.environ.get("CACHE_KEY_PREFIX", "portal") + "-channels",
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "cms.layers.InMemoryChannelLayer"}}


def _shared_cache(name: str, folder: str) -> dict:
    """A cache every worker shares: Redis when there is one, else files under DATA_DIR
    (shared by the workers of one host, unlike local memory, so a purge reaches all)."""
    if REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal") + "-" + name,
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / folder),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


# Whole public pages for anonymous visitors (cms.pagecache): in Redis when there is one
# (shared by every worker and host), else in files under DATA_DIR (shared by the
# workers of one host, unlike local memory, so a purge reaches all of them).
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "60"))
CACHES["pages"] = _shared_cache("pages", "pagecache")
# Parts of pages the same for every visitor (header, footer, the home's news, the status
# board), kept per page-cache generation (cms.pagecache.cached_fragment); 0 switches off.
PORTAL_FRAGMENT_CACHE_SECONDS = int(os.environ.get("PORTAL_FRAGMENT_CACHE_SECONDS", "60"))

# The back office's shared state between requests (cms.backoffice.shared_cache: a staff
# member's units, filter choices): shared by every worker, like the page cache.
CACHES["backoffice"] = _shared_cache("backoffice", "backoffice-cache")

# Rate limits and per-destination caps (cms.ratelimit) must be counted once for all
# workers and hosts: in Redis when there is one, else in a database table (created by
# migrate, see cms.apps), never in one process's memory.
if REDIS_URL:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal") + "-ratelimit",
    }
else:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_ratelimit_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
