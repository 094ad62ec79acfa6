"""The index, its generations, the state and the job queue in one PostgreSQL database.

Set ``ASSISTANT_DATABASE_URL=postgresql://…`` and every host shares one index: what
:class:`~ingest.store.sqlite.SqliteStore`, :class:`~ingest.store.generations.IndexGenerations`
and :class:`~ingest.store.sqlite_jobs.SqliteJobStore` keep in files under ``data_dir`` lives
here instead, with the same behaviour (the SQLite classes are the specification).

Layout (one database per deployment):

- schema ``assistant``: what outlives rebuilds and is shared by every generation — the
  generation pointer, answers, feedback, record versions, ingest jobs, uploads, the writer lease;
- schema ``index_gNNNN`` per generation: documents, chunks (with a weighted ``tsvector`` and a
  GIN index; keyword search ranks by BM25 as FTS5 does), sentences (embeddings as ``bytea``),
  records, pending sources and the processing version. A rebuild fills a new schema beside
  the one in service, then flips the pointer row in one transaction;
  :meth:`PgGenerations.retire` drops old schemas.

Timing on several hosts: job heartbeats and the writer lease use the database's clock, never
the hosts' own, so a host whose clock runs ahead cannot think a live lease expired.

``psycopg`` (3) is imported lazily: SQLite installs do not need it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.store.base import (
    DocumentRow,
    RecordVersion,
    SentenceInsert,
    VersionCache,
    keyword_tokens,
    record_from_data,
    sorted_records,
)
from ingest.store.generations import Generation
from ingest.store.postgres_db import (
    BM25_SQL,
    CHUNK_COLUMNS,
    CHUNK_FIELDS,
    DOCUMENT_COLUMNS,
    DOCUMENT_FIELDS,
    INDEX_SCHEMA,
    INDEX_TABLES,
    LENGTH_SQL,
    STATE,
    DatabaseUnavailable,
    Row,
    T,
    _Database,
    schema_name,
)
from ingest.store.postgres_generations import PgGenerations
from ingest.store.postgres_jobs import PostgresJobStore
from ingest.types import ActionRecord, Chunk

if TYPE_CHECKING:
    from psycopg import Cursor

__all__ = [
    "DatabaseUnavailable",
    "PgGenerations",
    "PostgresJobStore",
    "PostgresStore",
    "keyword_tokens",
    "schema_name",
]


# --- the index store ------------------------------------------------------------------------


class PostgresStore:
    """:class:`~ingest.store.base.IndexStore` in PostgreSQL; thread-safe (a connection pool).

    ``index`` says which generation's schema the index tables are in: a :class:`PgGenerations`
    — the one in service, resolved on every call (readers follow a rebuild); a
    :class:`~ingest.store.generations.Generation` — that one, pinned (a rebuild writing it).
    State (answers, feedback, record versions) is shared by every generation.
    """

    def __init__(
        self, url: str, index: PgGenerations | Generation, retention_days: float = 0.0
    ) -> None:
        self.db = _Database(url)
        self.index = index
        self.retention_s = retention_days * 86400.0
        self._cache = VersionCache()
        self._ready: set[str] = set()
        self._ready_lock = threading.Lock()
        self._last_purge = 0.0
        self.schema()  # make the index tables now, not on the first request

    # --- plumbing -----------------------------------------------------------------------
    def schema(self) -> str:
        """The schema of the generation in use now (its tables made on first use by this store)."""
        number = (
            self.index.number if isinstance(self.index, Generation) else self.index.current().number
        )
        schema = schema_name(number)
        if schema not in self._ready:
            with self._ready_lock:
                if schema not in self._ready:
                    self.db.ensure(schema, self._sql(INDEX_SCHEMA, schema))
                    self._ready.add(schema)
        return schema

    @staticmethod
    def _sql(template: str, schema: str) -> str:
        return template.replace("{ix}", f'"{schema}"')

    def query(self, sql: str, params: Any = None) -> list[Row]:
        """Run one statement, ``{ix}`` naming the schema of the generation in use (the methods
        below, and tests or diagnostics; the rest of the code never writes SQL)."""
        return self.db.rows(self._sql(sql, self.schema()), params)

    @contextmanager
    def _transaction(self) -> Iterator[tuple[Cursor[Row], str]]:
        schema = self.schema()
        with self.db.transaction() as cur:
            yield cur, schema

    def close(self) -> None:
        self.db.close()

    # --- manifest ---------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        rows = self.query(
            f'SELECT {DOCUMENT_COLUMNS} FROM {{ix}}.documents ORDER BY source COLLATE "C"'
        )
        return [DocumentRow(**row) for row in rows]

    def document_hashes(self) -> dict[str, str]:
        rows = self.query("SELECT source, file_hash FROM {ix}.documents")
        return {row["source"]: row["file_hash"] for row in rows}

    def processing_version(self) -> int:
        """The ingest processing version this generation was built with (0: never set)."""
        rows = self.query("SELECT processing_version FROM {ix}.index_info")
        return int(rows[0]["processing_version"]) if rows else 0

    def set_processing_version(self, version: int) -> None:
        schema = self.schema()
        self.db.execute(
            self._sql(
                "INSERT INTO {ix}.index_info (one, processing_version) VALUES (TRUE, %s) "
                "ON CONFLICT (one) DO UPDATE SET processing_version = EXCLUDED.processing_version",
                schema,
            ),
            (int(version),),
        )

    # --- writing one file ---------------------------------------------------------------
    def replace_source(
        self,
        document: DocumentRow,
        chunks: list[Chunk],
        sentences: list[SentenceInsert],
        records: list[ActionRecord] | None,
    ) -> None:
        """Swap everything stored for one source in a single transaction (COPY for the rows:
        a large workbook has thousands)."""
        self._cache.clear()
        with self._transaction() as (cur, schema):
            self._delete_source(cur, schema, document.source)
            columns = ", ".join(CHUNK_FIELDS)
            with cur.copy(self._sql(f"COPY {{ix}}.chunks ({columns}) FROM STDIN", schema)) as copy:
                for chunk in chunks:
                    copy.write_row([getattr(chunk, name) for name in CHUNK_FIELDS])
            cur.execute(self._sql(LENGTH_SQL, schema), (document.source,))
            sentence_columns = "chunk_id, idx, text, embedding"
            with cur.copy(
                self._sql(f"COPY {{ix}}.sentences ({sentence_columns}) FROM STDIN", schema)
            ) as copy:
                for sentence in sentences:
                    copy.write_row(sentence)
            if records is not None:
                self._write_records(cur, schema, document, records)
            cur.execute(
                self._sql(
                    f"INSERT INTO {{ix}}.documents ({', '.join(DOCUMENT_FIELDS)}) "
                    f"VALUES ({', '.join(['%s'] * len(DOCUMENT_FIELDS))})",
                    schema,
                ),
                [getattr(document, name) for name in DOCUMENT_FIELDS],
            )

    def _write_records(
        self, cur: Cursor[Row], schema: str, document: DocumentRow, records: list[ActionRecord]
    ) -> None:
        """The log's records, and a new version of them when the file's content changed."""
        with cur.copy(self._sql("COPY {ix}.records (id, source, data) FROM STDIN", schema)) as copy:
            for r in records:
                copy.write_row((r.id, r.source, json.dumps(r.to_dict())))
        cur.execute(
            f"SELECT version, file_hash FROM {STATE}.record_versions WHERE source = %s "
            "ORDER BY version DESC LIMIT 1",
            (document.source,),
        )
        previous = cur.fetchone()
        if previous is None or previous["file_hash"] != document.file_hash:
            cur.execute(
                f"INSERT INTO {STATE}.record_versions "
                "(source, version, file_hash, ingested_at, data) VALUES (%s, %s, %s, %s, %s)",
                (
                    document.source,
                    1 if previous is None else int(previous["version"]) + 1,
                    document.file_hash,
                    document.ingested_at,
                    json.dumps([r.to_dict() for r in records]),
                ),
            )

    def begin_source(self, source: str) -> None:
        self.query(
            "INSERT INTO {ix}.pending_sources (source, started_at) VALUES (%s, %s) "
            "ON CONFLICT (source) DO UPDATE SET started_at = EXCLUDED.started_at",
            (source, time.time()),
        )

    def pending_sources(self) -> list[str]:
        rows = self.query('SELECT source FROM {ix}.pending_sources ORDER BY source COLLATE "C"')
        return [row["source"] for row in rows]

    def clear_pending(self, source: str) -> None:
        self.query("DELETE FROM {ix}.pending_sources WHERE source = %s", (source,))

    def delete_source(self, source: str) -> None:
        self._cache.clear()
        with self._transaction() as (cur, schema):
            self._delete_source(cur, schema, source)

    def _delete_source(self, cur: Cursor[Row], schema: str, source: str) -> None:
        """Everything of one source in this generation. Its record history stays, and so does
        its pending mark: the writer clears that once the source's old vectors are gone."""
        for statement in (
            "DELETE FROM {ix}.sentences WHERE chunk_id IN "
            "(SELECT id FROM {ix}.chunks WHERE source = %s)",
            "DELETE FROM {ix}.chunks WHERE source = %s",
            "DELETE FROM {ix}.records WHERE source = %s",
            "DELETE FROM {ix}.documents WHERE source = %s",
        ):
            cur.execute(self._sql(statement, schema), (source,))

    def clear(self) -> None:
        """Empty this generation's index. Record history is kept, as in SQLite."""
        self._cache.clear()
        with self._transaction() as (cur, schema):
            for table in INDEX_TABLES:
                cur.execute(self._sql(f"DELETE FROM {{ix}}.{table}", schema))

    # --- reading ------------------------------------------------------------------------
    def chunk_ids(self) -> set[str]:
        return {row["id"] for row in self.query("SELECT id FROM {ix}.chunks")}

    def chunk_ids_for_source(self, source: str) -> set[str]:
        rows = self.query("SELECT id FROM {ix}.chunks WHERE source = %s", (source,))
        return {row["id"] for row in rows}

    def chunk_fields(self) -> list[tuple[str, str, str]]:
        rows = self.query("SELECT title, section, text FROM {ix}.chunks")
        return [(row["title"], row["section"], row["text"]) for row in rows]

    def chunk_count(self) -> int:
        return int(self.query("SELECT COUNT(*) AS n FROM {ix}.chunks")[0]["n"])

    def chunks(self, ids: Iterable[str] | None = None) -> list[Chunk]:
        if ids is None:
            rows = self.query(
                f'SELECT {CHUNK_COLUMNS} FROM {{ix}}.chunks ORDER BY source COLLATE "C", position'
            )
        else:
            wanted = list(dict.fromkeys(ids))
            if not wanted:
                return []
            rows = self.query(
                f"SELECT {CHUNK_COLUMNS} FROM {{ix}}.chunks WHERE id = ANY(%s)", (wanted,)
            )
        return [Chunk(**row) for row in rows]

    def index_version(self) -> tuple[int, float]:
        """(documents, latest ingest time): changes whenever the index does, so per-process
        caches (here and on other hosts) know when to rebuild."""
        row = self.query(
            "SELECT COUNT(*) AS n, COALESCE(MAX(ingested_at), 0) AS t FROM {ix}.documents"
        )[0]
        return int(row["n"]), float(row["t"])

    def section_chunks(self, source: str, section: str) -> list[Chunk]:
        """One section of one document and its sub-sections, in document order."""
        rows = self.query(
            f"SELECT {CHUNK_COLUMNS} FROM {{ix}}.chunks WHERE source = %s "
            "AND (section = %s OR starts_with(section, %s)) ORDER BY position",
            (source, section, f"{section} > "),
        )
        return [Chunk(**row) for row in rows]

    def source_chunks(self, source: str) -> list[Chunk]:
        """Every chunk of one document, in document order."""
        rows = self.query(
            f"SELECT {CHUNK_COLUMNS} FROM {{ix}}.chunks WHERE source = %s ORDER BY position",
            (source,),
        )
        return [Chunk(**row) for row in rows]

    def record_chunks(self) -> dict[str, Chunk]:
        """Record id → its kind=action chunk, so record answers can cite rows not retrieved."""

        def load() -> dict[str, Chunk]:
            rows = self.query(
                f"SELECT {CHUNK_COLUMNS} FROM {{ix}}.chunks WHERE record_id IS NOT NULL"
            )
            return {row["record_id"]: Chunk(**row) for row in rows}

        return dict(self.per_version("record_chunks", load))

    def keyword_search(self, text: str, limit: int = 20) -> list[tuple[str, float]]:
        """(chunk id, BM25 score — larger is better), best first: see :data:`BM25_SQL`."""
        tokens = keyword_tokens(text)
        if not tokens:
            return []
        chunks, mean_length = self.per_version("bm25_stats", self._bm25_stats)
        params = {"tokens": tokens, "n": chunks, "avgdl": mean_length or 1.0, "limit": limit}
        rows = self.query(BM25_SQL, params)
        return [(row["id"], float(row["score"])) for row in rows]

    def _bm25_stats(self) -> tuple[int, float]:
        """(chunks, mean length): BM25's N and average length, once per index version."""
        row = self.query("SELECT COUNT(*) AS n, AVG(search_length) AS avgdl FROM {ix}.chunks")[0]
        return int(row["n"]), float(row["avgdl"] or 0.0)

    def sentences(self, chunk_ids: Iterable[str]) -> dict[str, list[tuple[str, np.ndarray | None]]]:
        """Stored sentences (with their embeddings) for the given chunks, in order."""
        wanted = list(dict.fromkeys(chunk_ids))
        out: dict[str, list[tuple[str, np.ndarray | None]]] = {}
        if not wanted:
            return out
        rows = self.query(
            "SELECT chunk_id, text, embedding FROM {ix}.sentences WHERE chunk_id = ANY(%s) "
            "ORDER BY chunk_id, idx",
            (wanted,),
        )
        for row in rows:
            embedding = row["embedding"]
            vector = (
                np.frombuffer(bytes(embedding), dtype=np.float32) if embedding is not None else None
            )
            out.setdefault(row["chunk_id"], []).append((row["text"], vector))
        return out

    def records(self, source: str | None = None) -> list[ActionRecord]:
        """Records sorted by source and row; all of them parsed once per index version."""
        if source:
            rows = self.query("SELECT data FROM {ix}.records WHERE source = %s", (source,))
            return sorted_records(r["data"] for r in rows)
        return list(self.per_version("records", self._all_records))

    def _all_records(self) -> list[ActionRecord]:
        rows = self.query("SELECT data FROM {ix}.records")
        return sorted_records(r["data"] for r in rows)

    def per_version(self, name: str, load: Callable[[], T]) -> T:
        """``load()``'s result, reused until the index changes: this store's writes clear the
        cache; :meth:`index_version` (and the generation) catch writes by other processes."""
        version = (self.schema(), self.index_version())
        return self._cache.get(name, version, load)

    def record_versions(self, source: str) -> list[RecordVersion]:
        rows = self.db.rows(
            f"SELECT * FROM {STATE}.record_versions WHERE source = %s ORDER BY version",
            (source,),
        )
        return [
            RecordVersion(
                source=row["source"],
                version=row["version"],
                file_hash=row["file_hash"],
                ingested_at=row["ingested_at"],
                records=[record_from_data(r) for r in row["data"]],
            )
            for row in rows
        ]

    # --- answers and feedback -----------------------------------------------------------
    def add_answer(
        self, answer_id: str, question: str, answer: str, abstained: bool, model: str
    ) -> None:
        """Kept for ``retention_days`` so feedback can be exported with its question (older
        conversations are deleted, checked hourly per process)."""
        now = time.time()
        self.db.execute(
            f"INSERT INTO {STATE}.answers (id, question, answer, abstained, model, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
            "question = EXCLUDED.question, answer = EXCLUDED.answer, "
            "abstained = EXCLUDED.abstained, model = EXCLUDED.model, "
            "created_at = EXCLUDED.created_at",
            (answer_id, question, answer, int(abstained), model, now),
        )
        if self.retention_s > 0 and now - self._last_purge > 3600:
            self.purge_conversations(now - self.retention_s)

    def purge_conversations(self, before: float) -> int:
        """Delete questions, answers and feedback recorded before ``before`` (epoch seconds)."""
        self._last_purge = time.time()
        with self.db.transaction() as cur:
            cur.execute(f"DELETE FROM {STATE}.answers WHERE created_at < %s", (before,))
            removed = cur.rowcount
            cur.execute(f"DELETE FROM {STATE}.feedback WHERE created_at < %s", (before,))
            removed += cur.rowcount
        return int(removed)

    def answer(self, answer_id: str) -> dict[str, Any] | None:
        rows = self.db.rows(f"SELECT * FROM {STATE}.answers WHERE id = %s", (answer_id,))
        return rows[0] if rows else None

    def add_feedback(
        self,
        answer_id: str,
        rating: str,
        comment: str | None,
        question: str | None,
        answer: str | None,
        surface: str,
    ) -> int:
        rows = self.db.rows(
            f"INSERT INTO {STATE}.feedback (answer_id, rating, comment, question, answer, "
            "surface, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (answer_id, rating, comment, question, answer, surface, time.time()),
        )
        return int(rows[0]["id"])

    def feedback(self) -> list[dict[str, Any]]:
        return self.db.rows(f"SELECT * FROM {STATE}.feedback ORDER BY id")
