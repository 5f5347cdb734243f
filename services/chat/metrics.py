"""The live chat's SLA figures (for the ``sla`` app through the plugin contract) and the
same figures per unit for its managers.

A chat is *answered* when an official's first reply reached the citizen; it is answered
*in time* when that reply came within ``CHAT_FIRST_REPLY_TARGET_MINUTES`` of the start.
Chats still waiting past the target, and chats the citizen left after waiting past it,
count against the promise; a citizen who left within the target is not held against the
unit (but counts as abandoned). *Abandoned*: the citizen left before an official accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.plugins import SLAMetric

from . import conf
from .enums import ChatState
from .models import ChatSession


def answered_in_time_target() -> float:
    """The share (%) of chats to answer within the first-reply target."""
    return float(getattr(settings, "CHAT_ANSWERED_IN_TIME_TARGET", 90))


def abandoned_target() -> float:
    """At most this share (%) of chats may be left before an official accepts them."""
    return float(getattr(settings, "CHAT_ABANDONED_TARGET", 10))


@dataclass(frozen=True)
class ChatFigures:
    started: int
    answered: int
    judged: int
    in_time: int
    abandoned: int
    rated: int
    average_rating: float | None
    median_first_reply_minutes: float | None
    target_minutes: int

    @property
    def in_time_share(self) -> float | None:
        return round(100 * self.in_time / self.judged, 1) if self.judged else None

    @property
    def abandoned_share(self) -> float | None:
        return round(100 * self.abandoned / self.started, 1) if self.started else None


def figures(chats, now=None) -> ChatFigures:
    """The figures of a queryset of chats (one service's or one unit's, over a period)."""
    now = now or timezone.now()
    target = conf.first_reply_target_minutes()
    limit = timedelta(minutes=target)
    counts = chats.aggregate(
        started=Count("pk"),
        abandoned=Count("pk", filter=Q(state=ChatState.ABANDONED)),
        rated=Count("pk", filter=Q(rating__isnull=False)),
        rating=Avg("rating"),
    )
    waits, in_time, late_unanswered = [], 0, 0
    rows = chats.values_list("created_at", "first_reply_at", "state", "ended_at")
    for created_at, first_reply_at, state, ended_at in rows.iterator():
        if first_reply_at is not None:
            waited = first_reply_at - created_at
            waits.append(waited.total_seconds() / 60)
            in_time += waited <= limit
            continue
        # Never answered: late when the citizen waited (or still waits) past the target.
        until = now if state in (ChatState.WAITING, ChatState.ACTIVE) else (ended_at or now)
        if until - created_at > limit:
            late_unanswered += 1
    rating = counts["rating"]
    return ChatFigures(
        started=counts["started"],
        answered=len(waits),
        judged=len(waits) + late_unanswered,
        in_time=in_time,
        abandoned=counts["abandoned"],
        rated=counts["rated"],
        average_rating=round(float(rating), 2) if rating is not None else None,
        median_first_reply_minutes=round(median(waits), 1) if waits else None,
        target_minutes=target,
    )


def as_sla_metrics(result: ChatFigures) -> list[SLAMetric]:
    return [
        SLAMetric(
            "first_reply_minutes",
            _("Median time to the first reply"),
            result.median_first_reply_minutes,
            "minutes",
            target=result.target_minutes,
            higher_is_better=False,
            sample_size=result.answered,
        ),
        SLAMetric(
            "answered_in_time",
            _("Chats answered within the promised time"),
            result.in_time_share,
            "%",
            target=answered_in_time_target(),
            sample_size=result.judged,
        ),
        SLAMetric(
            "abandoned",
            _("Chats left before an official accepted them"),
            result.abandoned_share,
            "%",
            target=abandoned_target(),
            higher_is_better=False,
            sample_size=result.started,
        ),
        SLAMetric(
            "average_rating",
            _("Average rating by citizens"),
            result.average_rating,
            "/5",
            target=4,
            sample_size=result.rated,
        ),
    ]


def service_metrics(service_code: str, start, end, now=None) -> list[SLAMetric]:
    """The chat service's figures over ``[start, end)``; nothing for other services."""
    if service_code != conf.service_code():
        return []
    chats = ChatSession.objects.started_between(start, end)
    return as_sla_metrics(figures(chats, now=now))


def unit_figures(unit_ids, start, end, now=None) -> ChatFigures:
    """The same figures for some units' chats (a manager's screen)."""
    chats = ChatSession.objects.filter(unit_id__in=list(unit_ids)).started_between(start, end)
    return figures(chats, now=now)
