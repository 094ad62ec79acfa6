"""Short-lived, in-process memory: which messages were already answered, and recent replies.

Slack delivers an event again when it thinks the first delivery failed; the retry middleware
drops requests marked ``X-Slack-Retry-Num`` and :class:`SeenOnce` drops any second delivery of
the same message (a retry after a restart, or the same message as both ``app_mention`` and
``message``). :class:`Recent` keeps rendered answers and drafts for the "Share"/"Post" buttons,
which cannot read an ephemeral message back; on a miss the handlers recompute instead, so
several processes behind a proxy stay correct, only slower.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Generic, TypeVar

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


class SeenOnce:
    """``first(key)`` is True the first time a key is offered within ``ttl_s``, then False."""

    def __init__(self, max_items: int = 4096, ttl_s: float = 3600.0) -> None:
        self._seen: Recent[bool] = Recent(max_items, ttl_s)
        self._lock = threading.Lock()

    def first(self, key: str) -> bool:
        with self._lock:
            if self._seen.get(key):
                return False
            self._seen.put(key, True)
            return True
