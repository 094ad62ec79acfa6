"""One store write at a time in a background thread, so encoding the next file overlaps it.

The ingest pipeline's own work per file (Chroma upsert, the SQLite swap) is small beside the
encoder but not nothing (about 6 % of a chunk-only ingest, ``make bench``). The encoder
(ONNX Runtime or torch) and SQLite release the GIL while they work, so writing file N while
file N+1 is encoded hides most of it. Writes stay in file order and one at a time, which keeps
the pipeline's crash safety (pending mark → vectors → rows → stale vectors dropped) per file;
what a finished write reports is applied in the caller's thread by :meth:`WriteBehind.wait`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class WriteBehind:
    """``submit(write, then)``: ``write`` runs in the writer thread; ``then`` runs in the
    caller's thread once it has finished, at the next ``submit`` or ``wait``. An exception
    from ``write`` is raised there too, and nothing after it is written."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer")
        self._pending: tuple[Future[None], Callable[[], None]] | None = None

    def __enter__(self) -> WriteBehind:
        return self

    def __exit__(self, *_exc: object) -> None:
        # a write under way is finished, never abandoned half-way (it could not be anyway)
        self._executor.shutdown(wait=True)

    def submit(self, write: Callable[[], None], then: Callable[[], None]) -> None:
        self.wait()
        self._pending = (self._executor.submit(write), then)

    def wait(self) -> None:
        """The write under way finished and its ``then`` applied; re-raises its exception."""
        if self._pending is None:
            return
        future, then = self._pending
        self._pending = None
        future.result()
        then()
