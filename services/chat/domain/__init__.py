"""The chat's domain API: everything the consumers, the polling views and the officials'
console do to a chat goes through these functions (fence, states, limits, events).

Every function that changes a chat runs in a transaction, checks the per-unit fence for
officials, asks :data:`services.chat.enums.CHAT_WORKFLOW` before a state changes, and
publishes events to the sockets after the commit (:mod:`.events`). Refusals raise a
:class:`~.errors.ChatError` whose ``code`` is the protocol's error code and whose
``message`` is for people.
"""

from .conversation import (
    add_note,
    is_typing,
    mark_delivered,
    mark_delivered_many,
    mark_read,
    messages_after,
    send_as_citizen,
    send_as_official,
    system_message,
    typing,
)
from .errors import (
    AtCapacity,
    ChatError,
    InvalidInput,
    NoHandover,
    NotAllowed,
    NotAvailable,
    TooMany,
    WrongState,
)
from .lifecycle import (
    abandon,
    abandon_gone,
    accept,
    citizen_seen,
    convert,
    end,
    find_by_code,
    rate,
    start,
    transcript_text,
    transfer_to_official,
    transfer_to_unit,
)
from .presence import (
    active_load,
    has_room,
    heartbeat,
    is_official,
    may_answer,
    official_for,
    set_availability,
    set_capacity,
    unit_ids_of,
    went_away,
)
from .queue import QueueInfo, waiting_for_unit
from .queue import info as queue_info
from .units import (
    canonical_unit,
    chat_unit_ids,
    chat_units,
    is_online,
    next_office_opening,
    online_counts,
)

__all__ = [
    "AtCapacity",
    "ChatError",
    "InvalidInput",
    "NoHandover",
    "NotAllowed",
    "NotAvailable",
    "QueueInfo",
    "TooMany",
    "WrongState",
    "abandon",
    "abandon_gone",
    "accept",
    "active_load",
    "add_note",
    "canonical_unit",
    "chat_unit_ids",
    "chat_units",
    "citizen_seen",
    "convert",
    "end",
    "find_by_code",
    "has_room",
    "heartbeat",
    "is_official",
    "is_online",
    "is_typing",
    "mark_delivered",
    "mark_delivered_many",
    "mark_read",
    "may_answer",
    "messages_after",
    "next_office_opening",
    "official_for",
    "online_counts",
    "queue_info",
    "rate",
    "send_as_citizen",
    "send_as_official",
    "set_availability",
    "set_capacity",
    "start",
    "system_message",
    "transcript_text",
    "transfer_to_official",
    "transfer_to_unit",
    "typing",
    "unit_ids_of",
    "waiting_for_unit",
    "went_away",
]
