"""``--dist loadgroup`` (pytest-xdist) as ``make pytest`` needs it, under pytest 9.

pytest-xdist 3.8 tells its controller a test's ``xdist_group`` by appending it to the
test's node id (``item._nodeid``), which pytest 9.2 no longer reads: node ids come from
elsewhere, so every test became a group of its own and a file's tests were spread over
both workers (each worker then made the file's module fixtures: the backup drill ran
twice). Here the workers write the group of each test they collected to a file named by
the controller, and the controller's scheduler (pytest-xdist's documented
``pytest_xdist_make_scheduler`` hook, on its own ``LoadScopeScheduling``) reads it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

ENV = "PORTAL_XDIST_GROUPS"


def group_of(item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    return str(mark.args[0]) if mark and mark.args else None


def name_groups_file(config) -> None:
    """On the controller, before the workers start: where they write their groups."""
    if hasattr(config, "workerinput") or config.getvalue("dist") != "loadgroup":
        return
    handle, path = tempfile.mkstemp(prefix="portal-xdist-groups-", suffix=".json")
    os.close(handle)
    os.environ[ENV] = path
    config.add_cleanup(lambda: _remove(path))


def write_groups(session) -> None:
    """On a worker, once it collected: {node id: group}."""
    path = os.environ.get(ENV)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not path or not worker:
        return
    groups = {item.nodeid: group_of(item) for item in session.items}
    groups = {nodeid: group for nodeid, group in groups.items() if group}
    target = Path(f"{path}.{worker}")
    partial = Path(f"{path}.partial-{worker}")
    partial.write_text(json.dumps(groups))
    partial.replace(target)


def _remove(path):
    for file in Path(path).parent.glob(Path(path).name + "*"):
        file.unlink(missing_ok=True)


class WorkerGroupsScheduling(LoadScopeScheduling):
    """Work units are the groups the workers collected; a test without one is its own.

    The controller schedules only after every worker has collected, so their files are
    written by then (all workers collect the same tests: pytest-xdist checks that)."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        self._groups = None

    def _split_scope(self, nodeid: str) -> str:
        if self._groups is None:
            path = Path(os.environ[ENV])
            files = sorted(path.parent.glob(path.name + ".gw*"))
            if not files:
                raise RuntimeError(f"no worker wrote its test groups next to {path}")
            self._groups = json.loads(files[0].read_text())
        return self._groups.get(nodeid, nodeid)
