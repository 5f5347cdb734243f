"""The loans plugin's settings, with defaults; each may be overridden in Django settings."""

from django.conf import settings


def get(name: str, default):
    return getattr(settings, name, default)


def service_code() -> str:
    """The catalog service (sla.Service) that the loans plugin delivers and reports on."""
    return get("LOANS_SERVICE_CODE", "LOAN-01")


def submit_limit() -> tuple[int, int]:
    """(applications and corrections, seconds) one client may send."""
    return get("LOANS_SUBMIT_LIMIT", (10, 3600))


def track_limit() -> tuple[int, int]:
    """(tracker look-ups, seconds) one client may try, right or wrong."""
    return get("LOANS_TRACK_LIMIT", (10, 600))


def tracking_session_age() -> int:
    """Seconds an opened application stays open in the tracking session without activity."""
    return get("LOANS_TRACKING_SESSION_AGE", 30 * 60)


def stage_targets() -> dict[str, float]:
    """The most days an application should wait in each stage (the SLA figures' targets)."""
    return get(
        "LOANS_STAGE_TARGET_DAYS",
        {
            "submitted": 3,
            "under_review": 7,
            "returned": 10,
            "eligible": 5,
            "document_issued": 7,
            "sent_to_fund": 30,
            "confirmed": 10,
        },
    )


def group_names() -> dict[str, str]:
    """The Django groups that carry the staff roles."""
    return get(
        "LOANS_GROUP_NAMES",
        {
            "welfare_expert": "Loans: welfare experts",
            "financial_officer": "Loans: financial officers",
            "fund_liaison": "Loans: fund liaisons",
        },
    )
