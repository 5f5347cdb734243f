"""Settings of the server the concurrency test starts: the test settings, no throttle."""

from cms.settings.test import *  # noqa: F403

DESK_SUBMIT_LIMIT = (10_000, 3600)
