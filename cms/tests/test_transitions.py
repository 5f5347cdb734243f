"""The shared transitions table: only moves in the table happen, only by their actors,
each is recorded once, and a refusal says in Persian what was refused."""

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation

from cms.tests.testplugin.factories import TicketFactory
from cms.tests.testplugin.models import Ticket, TicketChange
from cms.transitions import Transition, TransitionNotAllowed, Workflow


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


TICKETS = Workflow(
    [
        Transition(Status.NEW, Status.OPEN, {"staff"}),
        Transition(Status.NEW, Status.DROPPED, {"citizen"}),
        Transition(Status.OPEN, Status.DONE, {"staff", "system"}, needs={"note"}),
        Transition(Status.OPEN, Status.DROPPED, {"citizen"}),
    ],
    states=Status,
)


def test_the_table_answers_who_may_move_what():
    assert TICKETS.allows("new", "open", "staff")
    assert not TICKETS.allows("new", "open", "citizen")
    assert not TICKETS.allows("new", "done", "staff")
    # Someone holding several roles may make a move one of them allows.
    assert TICKETS.allows("open", "done", {"citizen", "system"})
    assert TICKETS.targets("open", "citizen") == ["dropped"]
    assert TICKETS.targets("new", {"staff", "citizen"}) == ["open", "dropped"]
    assert TICKETS.get("open", "done").needs == {"note"}
    assert ("new", "open") in TICKETS


def test_a_move_outside_the_table_or_by_the_wrong_actor_is_refused_in_persian():
    with pytest.raises(TransitionNotAllowed) as missing:
        TICKETS.check("done", "open", "staff")
    with pytest.raises(TransitionNotAllowed) as wrong_actor:
        TICKETS.check("new", "open", "citizen")
    # Every test starts in Persian; the labels are the table's states.
    assert str(missing.value) == "از «Done» نمی‌توان به «Open» رفت."
    assert str(wrong_actor.value) == "شما نمی‌توانید آن را از «New» به «Open» ببرید."
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as english:
        TICKETS.check("done", "open", "staff")
    assert str(english.value) == "Nothing can move from “Done” to “Open”."


def test_a_table_refuses_unknown_states_and_a_move_listed_twice():
    with pytest.raises(ValueError, match="unknown state"):
        Workflow([Transition("new", "lost")], states=Status)
    with pytest.raises(ValueError, match="twice"):
        Workflow([Transition("new", "open"), Transition("new", "open", {"staff"})])


def test_a_table_from_next_states_lets_anyone_make_its_moves():
    timeline = Workflow.from_next_states({"a": ("a", "b"), "b": ()})
    assert timeline.allows("a", "a") and timeline.allows("a", "b", "anyone")
    assert not timeline.allows("b", "a")
    assert timeline.targets("a") == ["a", "b"]


@pytest.fixture
def ticket(units):
    return TicketFactory(unit=units["welfare-office"])


def test_a_move_saves_the_state_and_records_who_when_and_why(ticket):
    user = get_user_model().objects.create_user("staff1")

    TICKETS.move(ticket, Status.OPEN, actor="staff", user=user, record=TicketChange)
    change = TICKETS.move(
        ticket, Status.DONE, actor={"system"}, note="answered", record=TicketChange
    )

    ticket.refresh_from_db()
    assert ticket.status == "done"
    assert change.note == "answered" and change.actor == "system"
    history = [(c.from_state, c.to_state, c.actor, c.user) for c in ticket.changes.all()]
    assert history == [("new", "open", "staff", user), ("open", "done", "system", None)]


def test_a_refused_move_changes_nothing_even_when_the_caller_holds_a_stale_copy(ticket):
    stale = Ticket.objects.get(pk=ticket.pk)
    TICKETS.move(ticket, Status.DROPPED, actor="citizen", record=TicketChange)

    # The stale copy still says "new", but the row says "dropped": the table is asked
    # about the row.
    with pytest.raises(TransitionNotAllowed):
        TICKETS.move(stale, Status.OPEN, actor="staff", record=TicketChange)

    ticket.refresh_from_db()
    assert ticket.status == "dropped"
    assert TicketChange.objects.filter(ticket=ticket).count() == 1
