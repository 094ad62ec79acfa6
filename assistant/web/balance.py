"""Keep-alive connections spread evenly over several web processes.

``SO_REUSEPORT`` places each new *connection* on a process by a hash of its addresses, and a
client that keeps its connection alive stays with that process. Sixteen clients split 10/6 or
worse about half the time, and the ten wait half as long again as the six (measured with
``python -m evals.bench``, "workers"). So every process counts the requests it has in flight
on a shared :class:`LoadBoard`, one number per process in a small memory-mapped file that
``assistant serve`` creates; a process busier than the least busy one by more than ``slack``
answers with ``Connection: close``, its client reconnects, and the kernel places the new
connection afresh. Connections drift from busy processes to idle ones until the counts even out.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SLOT_BYTES = 4
SLACK = 1
"""In flight beyond the least busy process's that a process tolerates before shedding a
connection: requests arrive and leave between two looks at the board, so 0 would churn."""


class LoadBoard:
    """Requests in flight per web process, in a file every process maps. Each process writes
    only its own slot; a 4-byte aligned store is seen whole by the others."""

    def __init__(self, path: Path, slot: int) -> None:
        size = path.stat().st_size
        if size % SLOT_BYTES or not 0 <= slot < size // SLOT_BYTES:
            raise ValueError(f"{path}: no slot {slot} in a board of {size} bytes")
        with path.open("r+b") as handle:
            self._map = mmap.mmap(handle.fileno(), size)
        self._counts = memoryview(self._map).cast("i")
        self.slot = slot
        self._counts[slot] = 0  # a restarted process starts from nothing in flight

    @staticmethod
    def create(path: Path, slots: int) -> Path:
        """A board of ``slots`` zeroed counts (written by the supervisor, before the processes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(bytes(SLOT_BYTES * slots))
        os.replace(temporary, path)
        return path

    def enter(self) -> None:
        self._counts[self.slot] += 1

    def leave(self) -> None:
        self._counts[self.slot] = max(0, self._counts[self.slot] - 1)

    def in_flight(self) -> list[int]:
        return list(self._counts)

    def busier_than_peers(self, slack: int = SLACK) -> bool:
        counts = self.in_flight()
        others = counts[: self.slot] + counts[self.slot + 1 :]
        return bool(others) and counts[self.slot] - min(others) > slack


class ShedWhenBusier:
    """ASGI wrapper: counts this process's HTTP requests on ``board`` and, when the process is
    busier than its least busy peer, ends the response's connection (``Connection: close``)."""

    def __init__(self, app: ASGIApp, board: LoadBoard) -> None:
        self.app = app
        self.board = board

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.board.enter()
        entered = True

        async def send_shedding(message: Message) -> None:
            nonlocal entered
            if message["type"] == "http.response.start":
                # this request is done with the CPU: count it out before comparing
                self.board.leave()
                entered = False
                if self.board.busier_than_peers():
                    headers = [(k, v) for k, v in message.get("headers", []) if k != b"connection"]
                    message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, receive, send_shedding)
        finally:
            if entered:
                self.board.leave()
