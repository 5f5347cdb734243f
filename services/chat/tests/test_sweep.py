"""``manage.py chat_abandon``: waiting citizens whose page went quiet leave the queue
without any console open, and two sweeps at once never move or count a chat twice."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.chat import domain
from services.chat.domain import lifecycle
from services.chat.enums import ChatState
from services.chat.models import ChatSession, ChatTransition

pytestmark = pytest.mark.django_db


def start(unit, n):
    return domain.start(
        unit=unit,
        name="زهرا احمدی",
        mobile=f"0912123456{n}",
        body="سلام، وام ودیعه مسکن؟",
        client_address=f"10.0.2.{n}",
    )


def quiet_for(chat, minutes):
    ChatSession.objects.filter(pk=chat.pk).update(
        citizen_seen_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_the_command_abandons_quiet_waiting_chats_and_leaves_the_others(welfare, official):
    gone, present, talking = start(welfare, 1), start(welfare, 2), start(welfare, 3)
    domain.accept(official, talking.pk)
    quiet_for(gone, 5)
    quiet_for(talking, 5)  # accepted: an official answers it, it is not the queue's
    out = StringIO()
    call_command("chat_abandon", stdout=out)
    assert "1" in out.getvalue()
    states = dict(ChatSession.objects.values_list("pk", "state"))
    assert states == {
        gone.pk: ChatState.ABANDONED,
        present.pk: ChatState.WAITING,
        talking.pk: ChatState.ACTIVE,
    }
    gone.refresh_from_db()
    assert gone.ended_by == "system" and gone.ended_at is not None
    # The one still waiting moved up to first place.
    assert domain.queue_info(present).position == 1
    # Nothing left to do: a second run changes and counts nothing.
    again = StringIO()
    call_command("chat_abandon", stdout=again)
    assert "Abandoned 0" in again.getvalue()


def test_two_sweeps_at_once_count_and_move_each_chat_once(welfare, official, monkeypatch):
    chats = [start(welfare, n) for n in range(3)]
    for chat in chats:
        quiet_for(chat, 5)
    claim = lifecycle.claim_gone
    counts = []

    def claim_after_the_other_sweep(session_id, quiet, now):
        # The first sweep has listed every chat; the second runs to its end before the
        # first claims anything (the worst interleaving of two cron runs).
        if not counts:
            counts.append(None)
            counts.append(call_command_count())
        return claim(session_id, quiet, now)

    def call_command_count():
        monkeypatch.setattr(lifecycle, "claim_gone", claim)
        return domain.abandon_gone()

    monkeypatch.setattr(lifecycle, "claim_gone", claim_after_the_other_sweep)
    first = domain.abandon_gone()
    second = counts[1]
    assert (first, second) == (0, 3)
    for chat in chats:
        moves = ChatTransition.objects.filter(session=chat, to_state=ChatState.ABANDONED)
        assert moves.count() == 1


def test_a_citizen_seen_again_is_not_abandoned(welfare, official):
    chat = start(welfare, 1)
    quiet_for(chat, 5)
    later = timezone.now()
    domain.citizen_seen(chat)  # the page came back between the listing and the claim
    quiet = later - dt.timedelta(seconds=120)
    assert lifecycle.claim_gone(chat.pk, quiet, later) is False
    chat.refresh_from_db()
    assert chat.state == ChatState.WAITING
