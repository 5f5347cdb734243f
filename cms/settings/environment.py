"""Where the project lives and how settings read the environment (used by every
settings module)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"

# Where the embedded database, uploaded media and private files live.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data")).resolve()


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}
