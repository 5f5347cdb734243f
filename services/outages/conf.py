"""The plugin's settings, all prefixed ``OUTAGES_`` and all optional.

Read when used (not at import) so that a deployment, or a test, can change them.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from cms import links

# Banner data may be cached, but never for more than a minute: a new outage must show.
MAX_CACHE_SECONDS = 60


def maintenance_notice_hours() -> int:
    """How many hours before it starts planned maintenance must be announced."""
    return int(getattr(settings, "OUTAGES_MAINTENANCE_NOTICE_HOURS", 48))


def count_maintenance() -> bool:
    """Whether planned maintenance counts against availability.

    Counted by default: the SLA statement promises the services are always available
    and does not exclude announced maintenance.
    """
    return bool(getattr(settings, "OUTAGES_COUNT_MAINTENANCE", True))


def downtime_impacts() -> frozenset[str]:
    """Impacts during which a service counts as unavailable (degraded still works)."""
    return frozenset(getattr(settings, "OUTAGES_DOWNTIME_IMPACTS", ("partial", "major")))


def banner_hours() -> int:
    """How many hours ahead upcoming maintenance shows in the site-wide banner."""
    return int(getattr(settings, "OUTAGES_BANNER_HOURS", 48))


def cache_seconds() -> int:
    return max(0, min(int(getattr(settings, "OUTAGES_CACHE_SECONDS", 30)), MAX_CACHE_SECONDS))


def base_url() -> str:
    """The portal's address for links in emails and feeds: ``PORTAL_BASE_URL``."""
    return links.base_url()


def measured_since():
    """``OUTAGES_MEASURED_SINCE``: when the university began announcing every outage here
    (a date, datetime or ISO text). Unset, it is when the plugin was installed or the
    start of the earliest notice, whichever is first."""
    value = getattr(settings, "OUTAGES_MEASURED_SINCE", None)
    if not value:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value
