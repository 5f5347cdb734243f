"""Two staff press their buttons on the same application at the same moment.

Each acts in its own thread, with its own database connection, as two requests would.
Whatever the order the database lets them in, exactly one move happens, the other is
refused, and the application's stage, its timeline and its history agree.
"""

import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest
from django.db import connections
from django.db.utils import load_backend

from services.loans import workflow
from services.loans.enums import LoanStage, Role
from services.loans.models import LoanApplication

from .factories import LoanApplicationFactory

S = LoanStage


@pytest.fixture
def database_for_threads():
    """The settings every thread of the test connects with.

    On SQLite the test database lives in memory, shared in a way that fails writers at
    once instead of making them wait; it is copied to a file, which behaves like the
    real database (the write lock is taken when a transaction starts and the others
    wait for it). On PostgreSQL each thread connects to the test database itself.
    """
    default = connections["default"]
    if default.vendor != "sqlite":
        yield None
        return
    path = str(Path(tempfile.mkdtemp()) / "loans-concurrency.sqlite3")
    default.ensure_connection()
    target = sqlite3.connect(path)
    default.connection.backup(target)
    target.close()
    yield {**default.settings_dict, "NAME": path}


def in_thread(settings, function, *args, barrier=None):
    """Runs ``function`` in a new thread with its own "default" connection (to the file
    copy on SQLite); returns what it returned or the exception it raised."""
    outcome = {}

    def run():
        if settings is not None:
            # Made here rather than declared in the settings: Django's test machinery
            # lets such connections through, as it does a live server's threads.
            connections["default"] = load_backend(settings["ENGINE"]).DatabaseWrapper(
                settings, "default"
            )
        try:
            if barrier is not None:
                barrier.wait(timeout=10)
            outcome["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - handed back to the caller
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def run_in_thread(settings, function, *args):
    thread, outcome = in_thread(settings, function, *args)
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def expert_moves(pk, target, note):
    try:
        workflow.move(
            LoanApplication.objects.get(pk=pk),
            target,
            roles={Role.WELFARE_EXPERT},
            note=note,
            expected_stage=S.UNDER_REVIEW,
        )
    except workflow.TransitionNotAllowed:
        return "refused"
    return "moved"


def state_of(pk):
    application = LoanApplication.objects.get(pk=pk)
    return {
        "stage": application.stage,
        "return_note": application.return_note,
        "moves_out": list(
            application.stage_changes.filter(from_stage=S.UNDER_REVIEW).values_list(
                "to_stage", flat=True
            )
        ),
        "decisions_in_history": application.history.filter(
            stage__in=[S.ELIGIBLE, S.RETURNED]
        ).count(),
    }


@pytest.mark.django_db(transaction=True)
def test_two_experts_at_the_same_moment_leave_one_consistent_state(database_for_threads):
    note = "کارت دانشجویی پیوست نشده است"
    for _round in range(5):
        pk = run_in_thread(
            database_for_threads, lambda: LoanApplicationFactory(under_review=True).pk
        )
        barrier = threading.Barrier(2)
        racers = [
            (
                S.ELIGIBLE,
                *in_thread(database_for_threads, expert_moves, pk, S.ELIGIBLE, "", barrier=barrier),
            ),
            (
                S.RETURNED,
                *in_thread(
                    database_for_threads, expert_moves, pk, S.RETURNED, note, barrier=barrier
                ),
            ),
        ]
        outcomes = {}
        for target, thread, outcome in racers:
            thread.join(timeout=60)
            outcomes[target] = outcome.get("value", repr(outcome.get("error")))

        assert sorted(outcomes.values()) == ["moved", "refused"], outcomes
        winner = next(target for target, result in outcomes.items() if result == "moved")
        state = run_in_thread(database_for_threads, state_of, pk)
        assert state == {
            "stage": winner,
            "return_note": note if winner == S.RETURNED else "",
            "moves_out": [winner],
            "decisions_in_history": 1,
        }
