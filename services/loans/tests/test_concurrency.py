"""Two staff press their buttons on the same application at the same moment.

Each acts in its own thread, with its own database connection, as two requests would.
Whatever the order the database lets them in, exactly one move happens, the other is
refused, and the application's stage, its timeline and its history agree.
"""

import sqlite3
import threading

import pytest
from django.db import connections

from services.loans import workflow
from services.loans.enums import LoanStage, Role
from services.loans.models import LoanApplication

from .factories import LoanApplicationFactory

S = LoanStage


@pytest.fixture
def own_connections():
    """On SQLite the test database lives in memory, shared in a way that fails writers
    at once instead of making them wait; copy it to a file, which behaves like the real
    database (the write lock is taken when a transaction starts, others wait for it),
    and let every thread connect to that file. On PostgreSQL each thread simply gets its
    own connection to the test database."""
    default = connections["default"]
    if default.vendor != "sqlite":
        yield
        return
    import tempfile
    from pathlib import Path

    folder = tempfile.mkdtemp()
    path = str(Path(folder) / "loans-concurrency.sqlite3")
    default.ensure_connection()
    target = sqlite3.connect(path)
    default.connection.backup(target)
    target.close()
    _FILE_DATABASE["settings"] = {**default.settings_dict, "NAME": path}
    original = connections["default"]
    _use_file_database()
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = original
        _FILE_DATABASE.clear()


_FILE_DATABASE = {}


def _use_file_database():
    """This thread's "default" connection goes to the file copy (when there is one).

    The wrapper is made here rather than declared in the settings: Django's test
    machinery lets such connections through, as it does the threads of a live server.
    """
    if _FILE_DATABASE:
        from django.db.utils import load_backend

        settings = _FILE_DATABASE["settings"]
        connections["default"] = load_backend(settings["ENGINE"]).DatabaseWrapper(
            settings, "default"
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rounds", [5])
def test_two_experts_at_the_same_moment_leave_one_consistent_state(own_connections, rounds):
    for _ in range(rounds):
        application = LoanApplicationFactory(under_review=True)
        barrier = threading.Barrier(2)
        outcomes = {}

        def act(target, note, application=application, barrier=barrier, outcomes=outcomes):
            _use_file_database()
            try:
                barrier.wait(timeout=10)
                workflow.move(
                    LoanApplication.objects.get(pk=application.pk),
                    target,
                    roles={Role.WELFARE_EXPERT},
                    note=note,
                    expected_stage=S.UNDER_REVIEW,
                )
                outcomes[target] = "moved"
            except workflow.TransitionNotAllowed:
                outcomes[target] = "refused"
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcomes[target] = repr(error)
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=act, args=(S.ELIGIBLE, "")),
            threading.Thread(target=act, args=(S.RETURNED, "کارت دانشجویی پیوست نشده است")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(outcomes.values()) == ["moved", "refused"], outcomes
        winner = next(target for target, outcome in outcomes.items() if outcome == "moved")
        application.refresh_from_db()
        assert application.stage == winner
        assert application.return_note == (
            "کارت دانشجویی پیوست نشده است" if winner == S.RETURNED else ""
        )
        moves_out = application.stage_changes.filter(from_stage=S.UNDER_REVIEW)
        assert list(moves_out.values_list("to_stage", flat=True)) == [winner]
        assert application.history.filter(stage__in=[S.ELIGIBLE, S.RETURNED]).count() == 1
