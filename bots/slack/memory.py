"""Short-lived memory of the Slack bot: which messages were already answered, and recent replies.

Slack delivers an event again when it thinks the first delivery failed; the retry middleware
drops requests marked ``X-Slack-Retry-Num`` and a seen-once set drops any second delivery of
the same message (a retry after a restart, the same message as both ``app_mention`` and
``message``, or one event reaching two processes). That set is built by
:func:`assistant.coordination.build_seen_once`, shared by every process when the settings call
for it; :class:`SeenOnce` (the protocol) and :class:`MemorySeenOnce` (the one-process
default) are re-exported from there.
:class:`Recent` keeps rendered answers and drafts for the "Share"/"Post" buttons, which cannot
read an ephemeral message back; on a miss the handlers recompute instead, so several processes
behind a proxy stay correct, only slower.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Generic, TypeVar

from assistant.coordination import MemorySeenOnce, SeenOnce

__all__ = ["MemorySeenOnce", "Recent", "SeenOnce"]

V = TypeVar("V")


class Recent(Generic[V]):
    """A bounded, expiring, thread-safe mapping."""

    def __init__(self, max_items: int = 512, ttl_s: float = 3600.0) -> None:
        self._items: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._max = max_items
        self._ttl = ttl_s
        self._lock = threading.Lock()

    def put(self, key: str, value: V) -> None:
        with self._lock:
            self._items[key] = (time.monotonic() + self._ttl, value)
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def get(self, key: str) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                del self._items[key]
                return None
            return item[1]
