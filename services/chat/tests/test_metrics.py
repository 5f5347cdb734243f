"""The chat's SLA figures: time to the first reply against its target in minutes, the
share answered in time, chats abandoned before an official accepted, the average rating;
and the catalog asks for them through the plugin contract."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.plugins import registry
from services.chat.enums import ChatState
from services.chat.metrics import figures, service_metrics, unit_figures
from services.chat.models import ChatSession
from sla.models import Service

from .factories import ChatSessionFactory

NOW = timezone.now().replace(microsecond=0)


def chat(unit, *, minutes_ago, reply_after=None, state=ChatState.ENDED, rating=None, ended=None):
    created = NOW - timedelta(minutes=minutes_ago)
    return ChatSessionFactory(
        unit=unit,
        state=state,
        created_at=created,
        accepted_at=created + timedelta(minutes=reply_after) if reply_after is not None else None,
        first_reply_at=created + timedelta(minutes=reply_after)
        if reply_after is not None
        else None,
        ended_at=created + timedelta(minutes=ended) if ended is not None else None,
        rating=rating,
    )


@pytest.fixture
def period():
    return NOW - timedelta(days=1), NOW + timedelta(minutes=1)


@pytest.mark.django_db
def test_figures_count_answers_in_time_late_and_abandoned(settings, welfare, period):
    settings.CHAT_FIRST_REPLY_TARGET_MINUTES = 5
    chat(welfare, minutes_ago=60, reply_after=2, rating=5)  # in time
    chat(welfare, minutes_ago=60, reply_after=4, rating=3)  # in time
    chat(welfare, minutes_ago=60, reply_after=9)  # late
    # Left after waiting 8 minutes unanswered: abandoned, and late against the promise.
    chat(welfare, minutes_ago=60, state=ChatState.ABANDONED, ended=8)
    # Left after one minute: abandoned, but not held against the unit's reply time.
    chat(welfare, minutes_ago=60, state=ChatState.ABANDONED, ended=1)
    # Still waiting, already 20 minutes: late.
    chat(welfare, minutes_ago=20, state=ChatState.WAITING)

    result = figures(ChatSession.objects.started_between(*period), now=NOW)

    assert result.started == 6
    assert result.answered == 3
    assert result.judged == 5
    assert result.in_time == 2
    assert result.in_time_share == 40.0
    assert result.abandoned == 2
    assert result.abandoned_share == 33.3
    assert result.median_first_reply_minutes == 4.0
    assert result.average_rating == 4.0
    assert result.target_minutes == 5


@pytest.mark.django_db
def test_service_metrics_answer_for_the_chat_service_only(settings, welfare, period):
    settings.CHAT_SERVICE_CODE = "CHAT-01"
    settings.CHAT_FIRST_REPLY_TARGET_MINUTES = 3
    chat(welfare, minutes_ago=30, reply_after=1, rating=4)

    metrics = {m.key: m for m in service_metrics("CHAT-01", *period, now=NOW)}

    assert set(metrics) == {
        "first_reply_minutes",
        "answered_in_time",
        "abandoned",
        "average_rating",
    }
    first_reply = metrics["first_reply_minutes"]
    assert (first_reply.value, first_reply.target, first_reply.is_met) == (1.0, 3, True)
    assert metrics["answered_in_time"].value == 100.0
    assert metrics["abandoned"].value == 0.0
    assert metrics["abandoned"].is_met is True
    assert metrics["average_rating"].value == 4.0
    assert service_metrics("LOAN-01", *period, now=NOW) == []


@pytest.mark.django_db
def test_no_chats_means_no_data_not_zero(welfare, period):
    metrics = service_metrics("CHAT-01", *period, now=NOW)
    assert metrics and all(m.value is None and m.is_met is None for m in metrics)


@pytest.mark.django_db
def test_unit_figures_leave_other_units_out(welfare, it_unit, period):
    chat(welfare, minutes_ago=30, reply_after=1)
    chat(it_unit, minutes_ago=30, state=ChatState.ABANDONED, ended=2)

    assert unit_figures([welfare.pk], *period, now=NOW).started == 1
    assert unit_figures([welfare.pk], *period, now=NOW).abandoned == 0
    assert unit_figures([it_unit.pk], *period, now=NOW).abandoned == 1


@pytest.mark.django_db
def test_the_catalog_gets_the_figures_and_the_start_button_through_the_registry(
    settings, welfare, period
):
    """The catalog (sla) knows no plugin: it asks the registry, and the chat answers for
    its own service, with its start button opening the chat, not the desk's form."""
    settings.CHAT_SERVICE_CODE = "CHAT-01"
    chat(welfare, minutes_ago=30, reply_after=1, rating=5)
    keys = {metric.key for metric in registry.sla_metrics("CHAT-01", *period)}
    assert {"first_reply_minutes", "average_rating"} <= keys

    service = Service(code="CHAT-01")
    service.pk = 1
    assert registry.service_start_url(service) == "/chat/"
