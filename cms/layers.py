"""Channels' in-memory layer, for one process (``make run``, a single-process server).

Channels' own ``InMemoryChannelLayer`` walks every channel's queue and every group's
members to drop expired ones on each ``send``, ``receive`` and ``group_send``: with a few
hundred open sockets that walk was a third of the event loop's time under the chat's
load (``bench/chat_load.py``). Expiry is a clean-up (of messages nobody received within
``expiry`` seconds, 60, and of group memberships older than ``group_expiry``), so here it
runs at most once per ``clean_every`` seconds; what the layer delivers does not change.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):
    clean_every = 1.0

    def __init__(self, *args, clean_every: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if clean_every is not None:
            self.clean_every = clean_every
        self._cleaned_at = float("-inf")

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._cleaned_at < self.clean_every:
            return
        self._cleaned_at = now
        super()._clean_expired()
