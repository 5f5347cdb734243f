"""Where a waiting chat stands in its unit's queue, and how long it may wait."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Avg, DurationField, ExpressionWrapper, F

from .. import conf
from ..enums import ChatState
from ..models import ChatMembership, ChatSession

# How many recently accepted chats the wait estimate learns from.
HISTORY = 30


@dataclass(frozen=True)
class QueueInfo:
    position: int  # 1 = next to be accepted
    wait_minutes: int  # estimated, rounded up, at least 1
    officials_online: int

    def as_dict(self) -> dict:
        return {
            "position": self.position,
            "wait_minutes": self.wait_minutes,
            "officials_online": self.officials_online,
        }


def position(session) -> int:
    """1 + the chats of the same unit that started waiting before this one."""
    ahead = (
        ChatSession.objects.waiting()
        .filter(unit_id=session.unit_id)
        .filter(created_at__lt=session.created_at)
        .count()
    )
    same_time = (
        ChatSession.objects.waiting()
        .filter(unit_id=session.unit_id, created_at=session.created_at, pk__lt=session.pk)
        .count()
    )
    return ahead + same_time + 1


def average_wait_minutes(unit_id: int) -> float:
    """The unit's average time from start to acceptance over its last accepted chats."""
    recent = (
        ChatSession.objects.filter(unit_id=unit_id, accepted_at__isnull=False)
        .order_by("-accepted_at")
        .values_list("pk", flat=True)[:HISTORY]
    )
    waited = ChatSession.objects.filter(pk__in=list(recent)).aggregate(
        avg=Avg(ExpressionWrapper(F("accepted_at") - F("created_at"), output_field=DurationField()))
    )["avg"]
    if waited is None:
        return float(conf.default_wait_minutes())
    return max(waited.total_seconds() / 60, 0.5)


def info(session) -> QueueInfo | None:
    """Position and estimated wait of a waiting chat (``None`` once it is not waiting)."""
    if session.state != ChatState.WAITING:
        return None
    place = position(session)
    online = ChatMembership.objects.online().filter(unit_id=session.unit_id).count()
    per_chat = average_wait_minutes(session.unit_id)
    # Officials online share the queue; with nobody online the estimate is a floor.
    wait = per_chat * place / max(online, 1)
    return QueueInfo(position=place, wait_minutes=max(1, math.ceil(wait)), officials_online=online)


def waiting_for_unit(unit_id: int):
    return ChatSession.objects.waiting().filter(unit_id=unit_id).order_by("created_at", "pk")
