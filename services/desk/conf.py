"""The desk's settings, with defaults; each may be overridden in the Django settings."""

from django.conf import settings


def get(name: str, default):
    return getattr(settings, name, default)


def default_response_target() -> tuple[int, str]:
    """The response target of requests that name no catalog service."""
    return get("DESK_DEFAULT_RESPONSE_TARGET", (7, "working_days"))


def complaints_unit_slug() -> str:
    """The unit that handles complaints (inspection); complaints about any unit go to
    its queue. When no such unit exists, a complaint goes to the unit it is about."""
    return get("DESK_COMPLAINTS_UNIT_SLUG", "inspection-complaints")


def staff_group_name() -> str:
    return get("DESK_STAFF_GROUP_NAME", "Service desk staff")


def submit_limit() -> tuple[int, int]:
    """(submissions, seconds) one client may send."""
    return get("DESK_SUBMIT_LIMIT", (10, 3600))


def track_limit() -> tuple[int, int]:
    """(follow-up look-ups, seconds) one client may try, right or wrong."""
    return get("DESK_TRACK_LIMIT", (10, 600))


def message_limit() -> tuple[int, int]:
    """(follow-up messages, seconds) one client may post."""
    return get("DESK_MESSAGE_LIMIT", (20, 3600))


def tracking_session_age() -> int:
    """Seconds an opened request stays open in the tracking session without activity."""
    return get("DESK_TRACKING_SESSION_AGE", 30 * 60)


def triage_unit_slug() -> str:
    """The unit whose staff receive the requests of units that have no desk staff, nor a
    parent unit with staff (public relations answers the citizens' contacts)."""
    return get("DESK_TRIAGE_UNIT_SLUG", "public-relations")


def mine_code_limit() -> tuple[int, int]:
    """(one-time codes for "my requests", seconds) one client may ask for."""
    return get("DESK_MINE_CODE_LIMIT", (5, 3600))


def mine_verify_limit() -> tuple[int, int]:
    """(one-time codes, seconds) one client may type, right or wrong."""
    return get("DESK_MINE_VERIFY_LIMIT", (10, 600))


def mine_number_wrong_limit() -> tuple[int, int]:
    """(wrong one-time codes, seconds) one mobile number may receive, whatever the address;
    past it, codes for the number are refused until the window ends."""
    return get("DESK_MINE_NUMBER_WRONG_LIMIT", (10, 3600))
