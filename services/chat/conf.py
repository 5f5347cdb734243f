"""The chat's settings, read once from Django settings with their defaults."""

from django.conf import settings


def _get(name, default):
    return getattr(settings, name, default)


def presence_timeout() -> int:
    """Seconds after an official's last sign of life (socket, heartbeat) that they count
    as away: a closed or frozen console stops offering the unit."""
    return int(_get("CHAT_PRESENCE_TIMEOUT", 60))


def default_capacity() -> int:
    """Chats an official handles at once unless set otherwise."""
    return int(_get("CHAT_DEFAULT_CAPACITY", 3))


def max_message_length() -> int:
    return int(_get("CHAT_MAX_MESSAGE_LENGTH", 2000))


def max_frame_bytes() -> int:
    """A WebSocket frame longer than this closes the socket (a message at its longest,
    in UTF-8, with room for the JSON around it)."""
    return int(_get("CHAT_MAX_FRAME_BYTES", 4 * max_message_length() + 1024))


def messages_per_minute() -> int:
    """Messages (and notes) one side of a chat may send per minute, its opening message
    included (counted from the stored messages, whatever carried them)."""
    return int(_get("CHAT_MESSAGES_PER_MINUTE", 30))


def frames_per_minute() -> int:
    """Frames of any kind (typing, read marks...) one connection may send per minute."""
    return int(_get("CHAT_FRAMES_PER_MINUTE", 240))


def open_chats_per_address() -> int:
    """Chats waiting or active at once from one client address."""
    return int(_get("CHAT_OPEN_CHATS_PER_ADDRESS", 3))


def start_limit() -> tuple[int, int]:
    """Chats one mobile number may start: (count, seconds)."""
    count, seconds = _get("CHAT_START_LIMIT", (5, 3600))
    return int(count), int(seconds)


def default_wait_minutes() -> int:
    """The wait assumed per chat ahead in the queue before a unit has any history."""
    return int(_get("CHAT_DEFAULT_WAIT_MINUTES", 3))


def first_reply_target_minutes() -> int:
    """The SLA target for the time from start to the official's first reply."""
    return int(_get("CHAT_FIRST_REPLY_TARGET_MINUTES", 5))


def service_code() -> str:
    """The catalog service the chat delivers (channel 1 of the SLA statement)."""
    return _get("CHAT_SERVICE_CODE", "CHAT-01")


def retention_days() -> int:
    """Days after which closed chats are anonymised (``0``: never)."""
    return int(_get("CHAT_RETENTION_DAYS", 365))


def socket_connect_timeout_ms() -> int:
    """How long the page waits for its WebSocket before it polls instead."""
    return int(_get("CHAT_SOCKET_TIMEOUT_MS", 4000))


def socket_retry_ms() -> tuple[int, int]:
    """After falling back to polling, the page tries its WebSocket again after this long
    (ms), doubling the wait after each failure up to the second number."""
    first, most = _get("CHAT_SOCKET_RETRY_MS", (3000, 60000))
    return int(first), int(most)


def poll_interval_ms() -> int:
    return int(_get("CHAT_POLL_INTERVAL_MS", 2500))


def tracking_session_age() -> int:
    """Seconds a transcript opened at the tracker stays open without a visit."""
    return int(_get("CHAT_TRACKING_SESSION_AGE", 30 * 60))


def track_limit() -> tuple[int, int]:
    """Tracker lookups per client: (count, seconds)."""
    count, seconds = _get("CHAT_TRACK_LIMIT", (10, 600))
    return int(count), int(seconds)


def citizen_gone_seconds() -> int:
    """A waiting citizen whose page showed no sign of life (socket ping or poll) for this
    long has left: the chat is abandoned and the queue moves up."""
    return int(_get("CHAT_CITIZEN_GONE_SECONDS", 120))
