"""Generations of the index in PostgreSQL: one schema each, a pointer row switched atomically
(:class:`ingest.store.generations.IndexGenerations` is the file-based equivalent)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ingest.store.generations import Generation

if TYPE_CHECKING:
    pass

from ingest.store.postgres_db import (
    NOW,
    STATE,
    _Database,
    schema_name,
)

# --- generations ----------------------------------------------------------------------------


class PgGenerations:
    """:class:`~ingest.store.generations.IndexGenerations` with the pointer in a table.

    Generation ``n`` is the schema ``index_gNNNN`` and the Chroma collection
    ``{collection}-g{n}``; numbers start at 1 (there is no pre-generation index here).
    :meth:`current` runs on every query, so it is cached and the pointer re-read at most every
    ``refresh_s``: a reader moves to a new generation within that time of a switch (the
    previous generation is kept by :meth:`retire`, so a reader a moment late still finds it).
    """

    POINTER = "current"

    def __init__(self, url: str, collection: str, refresh_s: float = 0.5) -> None:
        self.db = _Database(url)
        self.collection = collection
        self.refresh_s = refresh_s
        self._lock = threading.Lock()
        self._current: Generation | None = None
        self._read_at = 0.0

    # --- reading the pointer ----------------------------------------------------------
    def current(self) -> Generation:
        """The generation in service (at most ``refresh_s`` old)."""
        with self._lock:
            if self._current is None or time.monotonic() - self._read_at >= self.refresh_s:
                self._current = self.make(self._read_pointer())
                self._read_at = time.monotonic()
            return self._current

    def _read_pointer(self) -> int:
        """The pointer row, made (pointing at generation 1) on first use."""
        rows = self.db.rows(
            f"SELECT number FROM {STATE}.index_pointer WHERE name = %s", (self.POINTER,)
        )
        if rows:
            return int(rows[0]["number"])
        self.db.execute(
            f"INSERT INTO {STATE}.index_pointer (name, number, switched_at) "
            f"VALUES (%s, 1, {NOW}) ON CONFLICT (name) DO NOTHING",
            (self.POINTER,),
        )
        return self._read_pointer()

    # --- making, switching, retiring ----------------------------------------------------
    def make(self, number: int) -> Generation:
        if number < 1:
            raise ValueError(f"PostgreSQL index generations start at 1, not {number}")
        return Generation(number, None, f"{self.collection}-g{number}")

    def numbers(self) -> list[int]:
        """Generations with a schema in the database (built, being built or abandoned)."""
        rows = self.db.rows(
            "SELECT nspname FROM pg_namespace WHERE nspname ~ '^index_g[0-9]+$' ORDER BY nspname"
        )
        return sorted(int(row["nspname"][len("index_g") :]) for row in rows)

    def next(self) -> Generation:
        """A number above every generation started, so an abandoned one is never reused."""
        return self.make(max([self._read_pointer(), *self.numbers()]) + 1)

    def switch(self, generation: Generation) -> None:
        """Put ``generation`` in service: one row updated in one transaction."""
        self.make(generation.number)  # validates
        self.db.execute(
            f"INSERT INTO {STATE}.index_pointer (name, number, switched_at) "
            f"VALUES (%s, %s, {NOW}) ON CONFLICT (name) DO UPDATE "
            "SET number = EXCLUDED.number, switched_at = EXCLUDED.switched_at",
            (self.POINTER, generation.number),
        )
        with self._lock:
            self._current = generation
            self._read_at = time.monotonic()

    def retire(
        self, drop_collection: Callable[[str], None], keep_previous: bool = True
    ) -> list[int]:
        """Drop every generation's schema (and collection) except the one in service and, by
        default, the one before it, which readers that started just before the switch (or
        have not re-read the pointer yet) may still use. Generations above the current one are
        rebuilds that were killed. Returns the numbers removed."""
        current = self._read_pointer()  # never a cached pointer: another host may have switched
        numbers = self.numbers()
        older = [n for n in numbers if n < current]
        keep = {current} | ({older[-1]} if keep_previous and older else set())
        removed = []
        for number in numbers:
            if number in keep:
                continue
            self.db.ddl(f'DROP SCHEMA IF EXISTS "{schema_name(number)}" CASCADE')
            drop_collection(self.make(number).collection)
            removed.append(number)
        return removed

    def close(self) -> None:
        self.db.close()
