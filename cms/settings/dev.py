from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-f1c7a0b3e9d24a8c9e6d5b4a3c2b1a0f9e8d7c6b5a4"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
