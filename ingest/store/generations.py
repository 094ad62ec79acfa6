"""Generations of the index, so a rebuild never takes the index out of service.

A rebuild writes a new generation beside the one in service (its own SQLite file under
``<data_dir>/index/`` and its own Chroma collection), then switches by replacing one small
pointer file, ``<data_dir>/index/CURRENT``, atomically. Readers resolve the pointer on every
query (one ``stat``), so they move to the new generation between two queries and never see an
empty or half-built index; a rebuild killed before the switch leaves the old one in service.

What must outlive a rebuild lives in the state file (``assistant.sqlite3``) attached to every
generation: answers, feedback and the versions of each action log that drafts compare against.

Generation 0 is an index made before generations existed: its tables live in the state file
itself and its collection has the configured name. It stays in service until the first rebuild.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

POINTER = "CURRENT"
INDEX_TABLES = ("documents", "chunks", "chunks_fts", "sentences", "records", "pending_sources")
"""The tables one generation of the index holds (everything else is state)."""


@dataclass(frozen=True)
class Generation:
    """One complete index: where its SQLite tables and its vectors live."""

    number: int
    sqlite_path: Path | None
    """None for generation 0, whose tables live in the state file."""
    collection: str


class IndexGenerations:
    """Which generation is in service, making the next one, switching, and retiring old ones.

    >>> gens = IndexGenerations(Path("data"), "strategy")  # doctest: +SKIP
    >>> gens.current().collection  # doctest: +SKIP
    'strategy-g1'
    """

    def __init__(self, data_dir: Path, collection: str, state_path: Path) -> None:
        self.folder = data_dir / "index"
        self.pointer = self.folder / POINTER
        self.collection = collection
        self.state_path = state_path
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._current: Generation | None = None

    # --- reading the pointer ----------------------------------------------------------
    def current(self) -> Generation:
        """The generation in service now (re-read whenever the pointer file changes)."""
        key = self._pointer_key()
        with self._lock:
            if self._current is None or key != self._seen:
                if key is None:
                    self._write_pointer(self._first_number())
                    key = self._pointer_key()
                self._current = self.make(int(self.pointer.read_text().strip()))
                self._seen = key
            return self._current

    def _pointer_key(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.pointer)
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _first_number(self) -> int:
        """0 when the state file already holds an index made before generations, else 1."""
        if not self.state_path.exists():
            return 1
        with sqlite3.connect(f"file:{self.state_path}?mode=ro", uri=True, timeout=30) as db:
            has_table = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='documents'"
            ).fetchone()
            if has_table and db.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                return 0
        return 1

    # --- making, switching, retiring ----------------------------------------------------
    def make(self, number: int) -> Generation:
        if number == 0:
            return Generation(0, None, self.collection)
        return Generation(
            number, self.folder / f"g{number:04d}.sqlite3", f"{self.collection}-g{number}"
        )

    def numbers(self) -> list[int]:
        """Generations with a file on disk (built, being built or abandoned)."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("g*.sqlite3"):
            digits = path.stem[1:]
            if digits.isdigit():
                found.append(int(digits))
        return sorted(found)

    def next(self) -> Generation:
        """A number above every generation ever started, so an abandoned one is never reused."""
        return self.make(max([self.current().number, *self.numbers()]) + 1)

    def switch(self, generation: Generation) -> None:
        """Put ``generation`` in service: one atomic rename of the pointer file."""
        self._write_pointer(generation.number)
        self.current()

    def _write_pointer(self, number: int) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{POINTER}.{os.getpid()}.{threading.get_ident()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(f"{number}\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.pointer)

    def retire(
        self, drop_collection: Callable[[str], None], keep_previous: bool = True
    ) -> list[int]:
        """Delete every generation except the one in service (and, by default, the one just
        before it, which readers that started a moment before the switch may still be using).
        Generations above the current one are rebuilds that were killed. Returns the numbers
        removed."""
        current = self.current().number
        keep = {current} | ({self._previous(current)} if keep_previous else set())
        removed = []
        for number in [0, *self.numbers()]:
            if number in keep:
                continue
            generation = self.make(number)
            if number == 0:
                if not self._clear_legacy_tables():
                    continue
            else:
                assert generation.sqlite_path is not None
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{generation.sqlite_path}{suffix}").unlink(missing_ok=True)
            drop_collection(generation.collection)
            removed.append(number)
        return removed

    def _previous(self, current: int) -> int:
        older = [n for n in self.numbers() if n < current]
        if older:
            return older[-1]
        return 0 if current > 0 else -1

    def _clear_legacy_tables(self) -> bool:
        """Empty the index tables generation 0 kept in the state file (True if it had any)."""
        if not self.state_path.exists():
            return False
        with sqlite3.connect(self.state_path, timeout=30) as db:
            tables = {
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if (
                "documents" not in tables
                or not db.execute("SELECT 1 FROM documents LIMIT 1").fetchone()
            ):
                return False
            for table in INDEX_TABLES:
                if table in tables:
                    db.execute(f"DELETE FROM {table}")
        return True
