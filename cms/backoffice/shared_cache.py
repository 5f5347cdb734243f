"""What the back office keeps between requests (a user's units, filter choices, the
unfiltered total of a listing), in the ``backoffice`` cache: Redis when there is one,
else files under ``DATA_DIR``, shared by every worker (never one process's memory, or a
change seen by one worker would not reach the other).

Entries are keyed under a :class:`Generation`: a token replaced whenever what they were
computed from changes (now, and again when the transaction commits, so a value computed
from the old rows meanwhile is never read again), so a change is seen at once in every
process; the timeouts only bound what no signal announces.
"""

from __future__ import annotations

import uuid

from django.core.cache import caches
from django.db import transaction

ALIAS = "backoffice"


def store():
    return caches[ALIAS]


class Generation:
    """A named token; keys built with :meth:`key` are forgotten by :meth:`bump`."""

    def __init__(self, name: str):
        self.name = name
        self._key = f"generation:{name}"

    def key(self) -> str:
        token = store().get(self._key)
        if token is None:
            token = uuid.uuid4().hex
            # Another process may have set one meanwhile: keep whichever is stored.
            if not store().add(self._key, token, timeout=None):
                token = store().get(self._key) or token
        return f"{self.name}:{token}"

    def _replace(self) -> None:
        store().set(self._key, uuid.uuid4().hex, timeout=None)

    def bump(self, **kwargs) -> None:
        """Forget every key of this generation (accepts signal arguments)."""
        self._replace()
        transaction.on_commit(self._replace)
