"""One SQLite file for the manifest, chunk text, the FTS5 keyword index, the sentence index,
action records (with earlier versions) and feedback.

SQLite is the source of truth for what is indexed: a vector hit whose id is not here is
ignored, which is what makes an interrupted ingest safe to resume.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ingest.store.base import (
    DocumentRow,
    RecordVersion,
    SentenceInsert,
    SentenceRow,
    VersionCache,
    keyword_tokens,
    sorted_records,
)
from ingest.store.generations import INDEX_TABLES, IndexGenerations
from ingest.types import ActionRecord, Chunk

# What one generation of the index holds (ingest/store/generations.py): rebuilt from the corpus.
INDEX_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    chunks INTEGER NOT NULL,
    records INTEGER NOT NULL DEFAULT 0,
    ingested_at REAL NOT NULL,
    modified_at REAL NOT NULL,
    origin TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    title TEXT NOT NULL,
    section TEXT NOT NULL,
    kind TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    page_start INTEGER,
    page_end INTEGER,
    hash TEXT NOT NULL,
    record_id TEXT,
    block_kinds TEXT NOT NULL DEFAULT '',
    structure TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    id UNINDEXED, title, section, text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS sentences (
    chunk_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    embedding BLOB,
    PRIMARY KEY (chunk_id, idx)
);
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_source ON records(source);
CREATE TABLE IF NOT EXISTS pending_sources (source TEXT PRIMARY KEY, started_at REAL NOT NULL);
"""
# What outlives a rebuild: answers, feedback and every version of each action log.
STATE_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS record_versions (
    source TEXT NOT NULL,
    version INTEGER NOT NULL,
    file_hash TEXT NOT NULL,
    ingested_at REAL NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (source, version)
);
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    model TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT,
    question TEXT,
    answer TEXT,
    surface TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""


T = TypeVar("T")
__all__ = ["DocumentRow", "RecordVersion", "SentenceRow", "SqliteStore", "fts_query"]


def fts_query(text: str) -> str:
    """A safe FTS5 query: quoted tokens OR-ed together (no user syntax reaches FTS5)."""
    return " OR ".join(f'"{t}"' for t in keyword_tokens(text))


def ensure_schema(path: Path, script: str, timeout_s: float = 30.0) -> None:
    """Run a ``CREATE … IF NOT EXISTS`` script on ``path``. Switching a new file to WAL fails
    at once with "database is locked" while another process does the same (the busy timeout
    does not apply to it), so several processes starting together retry until ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with sqlite3.connect(path, timeout=timeout_s) as db:  # executescript commits
                db.executescript(script)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def immediate_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` on an autocommit connection (rolled back on any error):
    the write lock is taken at the start, so a read-then-write is atomic between processes."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class SqliteStore:
    """Thread-safe access to the index and the state file (one connection per thread).

    ``index`` says where the index tables live: ``None`` — in ``path`` itself (one file, as in
    tests); a path — that file, pinned (a rebuild writing its new generation); an
    :class:`~ingest.store.generations.IndexGenerations` — whichever generation is in service,
    resolved on every query, so readers move to a rebuilt index between two queries. The state
    file ``path`` (answers, feedback, record versions) is attached to every index file.
    """

    def __init__(
        self,
        path: Path,
        index: Path | IndexGenerations | None = None,
        retention_days: float = 0.0,
    ) -> None:
        self.path = path
        self.index = index
        self.retention_s = retention_days * 86400.0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._cache = VersionCache()
        self._ready: set[Path | None] = set()
        self._ready_lock = threading.Lock()
        self._last_purge = 0.0
        ensure_schema(path, STATE_SCHEMA)
        self._connection()

    def index_file(self) -> Path | None:
        """The SQLite file holding the index tables now (None: the state file)."""
        if isinstance(self.index, IndexGenerations):
            return self.index.current().sqlite_path
        return self.index

    def _prepare(self, db: sqlite3.Connection, target: Path | None) -> None:
        """Create the index tables (and add columns added since) once per file per process."""
        with self._ready_lock:
            if target in self._ready:
                return
            db.executescript(INDEX_SCHEMA)
            for table, column in (
                ("chunks", "block_kinds"),
                ("chunks", "structure"),
                ("documents", "origin"),
            ):
                present = {row["name"] for row in db.execute(f"PRAGMA main.table_info({table})")}
                if column not in present:  # an index made before the column: rows get defaults
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
            self._ready.add(target)

    def _connection(self) -> sqlite3.Connection:
        target = self.index_file()
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.target == target:
            return conn
        if conn is not None:
            conn.close()
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target or self.path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        if target is not None:
            conn.execute("ATTACH DATABASE ? AS state", (str(self.path),))
        self._prepare(conn, target)
        self._local.conn = conn
        self._local.target = target
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit: either all of a file's rows change or none do."""
        with immediate_transaction(self._connection()) as db:
            yield db

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self._connection().execute(sql, tuple(params)).fetchall()

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
            self._local.target = None

    # --- manifest ---------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        rows = self.query("SELECT * FROM documents ORDER BY source")
        return [DocumentRow(**dict(row)) for row in rows]

    def processing_version(self) -> int:
        """The ingest processing version the index was built with (SQLite's user_version)."""
        return int(self.query("PRAGMA user_version")[0][0])

    def set_processing_version(self, version: int) -> None:
        self._connection().execute(f"PRAGMA user_version = {int(version)}")

    def document_hashes(self) -> dict[str, str]:
        return {row["source"]: row["file_hash"] for row in self.query("SELECT * FROM documents")}

    # --- writing one file ---------------------------------------------------------------
    def replace_source(
        self,
        document: DocumentRow,
        chunks: list[Chunk],
        sentences: list[SentenceInsert],
        records: list[ActionRecord] | None,
    ) -> None:
        """Swap everything stored for one source in a single transaction."""
        self._cache.clear()
        with self.transaction() as db:
            self._delete_source(db, document.source, keep_record_history=True)
            db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        c.id,
                        c.source,
                        c.position,
                        c.text,
                        c.title,
                        c.section,
                        c.kind,
                        c.line_start,
                        c.line_end,
                        c.page_start,
                        c.page_end,
                        c.hash,
                        c.record_id,
                        c.block_kinds,
                        c.structure,
                    )
                    for c in chunks
                ],
            )
            db.executemany(
                "INSERT INTO chunks_fts (id, title, section, text) VALUES (?,?,?,?)",
                [(c.id, c.title, c.section, c.text) for c in chunks],
            )
            db.executemany("INSERT INTO sentences VALUES (?,?,?,?)", sentences)
            if records is not None:
                db.executemany(
                    "INSERT INTO records VALUES (?,?,?)",
                    [(r.id, r.source, json.dumps(r.to_dict())) for r in records],
                )
                previous = db.execute(
                    "SELECT version, file_hash FROM record_versions WHERE source=? "
                    "ORDER BY version DESC LIMIT 1",
                    (document.source,),
                ).fetchone()
                if previous is None or previous["file_hash"] != document.file_hash:
                    version = 1 if previous is None else previous["version"] + 1
                    db.execute(
                        "INSERT INTO record_versions VALUES (?,?,?,?,?)",
                        (
                            document.source,
                            version,
                            document.file_hash,
                            document.ingested_at,
                            json.dumps([r.to_dict() for r in records]),
                        ),
                    )
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    document.source,
                    document.title,
                    document.kind,
                    document.file_hash,
                    document.chunks,
                    document.records,
                    document.ingested_at,
                    document.modified_at,
                    document.origin,
                ),
            )

    def begin_source(self, source: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO pending_sources VALUES (?, ?)", (source, time.time())
            )

    def pending_sources(self) -> list[str]:
        return [row["source"] for row in self.query("SELECT source FROM pending_sources")]

    def clear_pending(self, source: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM pending_sources WHERE source=?", (source,))

    def delete_source(self, source: str) -> None:
        self._cache.clear()
        with self.transaction() as db:
            self._delete_source(db, source, keep_record_history=True)

    @staticmethod
    def _delete_source(db: sqlite3.Connection, source: str, keep_record_history: bool) -> None:
        ids = [r["id"] for r in db.execute("SELECT id FROM chunks WHERE source=?", (source,))]
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            db.execute(f"DELETE FROM chunks_fts WHERE id IN ({marks})", batch)
            db.execute(f"DELETE FROM sentences WHERE chunk_id IN ({marks})", batch)
        db.execute("DELETE FROM chunks WHERE source=?", (source,))
        db.execute("DELETE FROM records WHERE source=?", (source,))
        db.execute("DELETE FROM documents WHERE source=?", (source,))
        if not keep_record_history:
            db.execute("DELETE FROM record_versions WHERE source=?", (source,))

    def clear(self) -> None:
        """Empty the index. Record history is kept: it is what "what changed" drafts compare
        against, and re-ingesting an unchanged log adds no new version."""
        self._cache.clear()
        with self.transaction() as db:
            for table in INDEX_TABLES:
                db.execute(f"DELETE FROM {table}")

    # --- reading ------------------------------------------------------------------------
    def chunk_ids(self) -> set[str]:
        return {row["id"] for row in self.query("SELECT id FROM chunks")}

    def chunk_ids_for_source(self, source: str) -> set[str]:
        return {row["id"] for row in self.query("SELECT id FROM chunks WHERE source=?", (source,))}

    def chunk_fields(self) -> list[tuple[str, str, str]]:
        rows = self.query("SELECT title, section, text FROM chunks")
        return [(row["title"], row["section"], row["text"]) for row in rows]

    def chunk_count(self) -> int:
        return int(self.query("SELECT COUNT(*) AS n FROM chunks")[0]["n"])

    def chunks(self, ids: Iterable[str] | None = None) -> list[Chunk]:
        if ids is None:
            rows = self.query("SELECT * FROM chunks ORDER BY source, position")
        else:
            wanted = list(dict.fromkeys(ids))
            rows = []
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                marks = ",".join("?" * len(batch))
                rows.extend(self.query(f"SELECT * FROM chunks WHERE id IN ({marks})", batch))
        return [Chunk(**dict(row)) for row in rows]

    def index_version(self) -> tuple[int, float]:
        """(documents, latest ingest time): changes whenever the index does, so per-process
        caches of records or vocabulary know when to rebuild."""
        row = self.query("SELECT COUNT(*) AS n, COALESCE(MAX(ingested_at), 0) AS t FROM documents")[
            0
        ]
        return int(row["n"]), float(row["t"])

    def section_chunks(self, source: str, section: str) -> list[Chunk]:
        """One section of one document and its sub-sections, in document order (a list
        split over chunks, the parts a section is made of)."""
        rows = self.query(
            "SELECT * FROM chunks WHERE source = ? AND (section = ? OR substr(section, 1, ?) = ?) "
            "ORDER BY position",
            (source, section, len(section) + 3, f"{section} > "),
        )
        return [Chunk(**dict(row)) for row in rows]

    def source_chunks(self, source: str) -> list[Chunk]:
        """Every chunk of one document, in document order (its outline, for broad questions)."""
        rows = self.query("SELECT * FROM chunks WHERE source = ? ORDER BY position", (source,))
        return [Chunk(**dict(row)) for row in rows]

    def record_chunks(self) -> dict[str, Chunk]:
        """Record id → its kind=action chunk, so record answers can cite rows not retrieved."""

        def load() -> dict[str, Chunk]:
            rows = self.query("SELECT * FROM chunks WHERE record_id IS NOT NULL")
            return {row["record_id"]: Chunk(**dict(row)) for row in rows}

        return dict(self.per_version("record_chunks", load))

    def keyword_search(self, text: str, limit: int = 20) -> list[tuple[str, float]]:
        """(chunk id, BM25 score — larger is better) from the FTS5 index."""
        match = fts_query(text)
        if not match:
            return []
        rows = self.query(
            "SELECT id, bm25(chunks_fts, 0.0, 2.0, 2.0, 1.0) AS score FROM chunks_fts "
            "WHERE chunks_fts MATCH ? ORDER BY score LIMIT ?",
            (match, limit),
        )
        return [(row["id"], -float(row["score"])) for row in rows]

    def sentences(self, chunk_ids: Iterable[str]) -> dict[str, list[tuple[str, np.ndarray | None]]]:
        """Stored sentences (with their embeddings) for the given chunks, in order."""
        out: dict[str, list[tuple[str, np.ndarray | None]]] = {}
        wanted = list(dict.fromkeys(chunk_ids))
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            for row in self.query(
                f"SELECT * FROM sentences WHERE chunk_id IN ({marks}) ORDER BY chunk_id, idx",
                batch,
            ):
                vector = (
                    np.frombuffer(row["embedding"], dtype=np.float32)
                    if row["embedding"] is not None
                    else None
                )
                out.setdefault(row["chunk_id"], []).append((row["text"], vector))
        return out

    def records(self, source: str | None = None) -> list[ActionRecord]:
        """Records sorted by source and row. All records are parsed once per index version:
        answers, drafts and pickers ask for them on every request."""
        if source:
            rows = self.query("SELECT data FROM records WHERE source=?", (source,))
            return sorted_records(r["data"] for r in rows)
        return list(self.per_version("records", self._all_records))

    def _all_records(self) -> list[ActionRecord]:
        rows = self.query("SELECT data FROM records")
        return sorted_records(r["data"] for r in rows)

    def per_version(self, name: str, load: Callable[[], T]) -> T:
        """``load()``'s result, reused until the index changes: this store's own writes clear
        the cache, and :meth:`index_version` catches writes by other processes. Also for
        things derived from the index elsewhere (the owner names answers look for)."""
        version = (self.index_file(), self.index_version())
        return self._cache.get(name, version, load)

    def record_versions(self, source: str) -> list[RecordVersion]:
        rows = self.query(
            "SELECT * FROM record_versions WHERE source=? ORDER BY version", (source,)
        )
        return [
            RecordVersion(
                source=row["source"],
                version=row["version"],
                file_hash=row["file_hash"],
                ingested_at=row["ingested_at"],
                records=[ActionRecord(**r) for r in json.loads(row["data"])],
            )
            for row in rows
        ]

    # --- answers and feedback -----------------------------------------------------------
    def add_answer(
        self, answer_id: str, question: str, answer: str, abstained: bool, model: str
    ) -> None:
        """Answers are kept so that feedback on one can be exported with its question, for
        ``retention_days`` (older questions, answers and feedback go, checked hourly)."""
        now = time.time()
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?,?)",
                (answer_id, question, answer, int(abstained), model, now),
            )
        if self.retention_s > 0 and now - self._last_purge > 3600:
            self.purge_conversations(now - self.retention_s)

    def purge_conversations(self, before: float) -> int:
        """Delete questions, answers and feedback recorded before ``before`` (epoch seconds)."""
        self._last_purge = time.time()
        with self.transaction() as db:
            removed = db.execute("DELETE FROM answers WHERE created_at < ?", (before,)).rowcount
            removed += db.execute("DELETE FROM feedback WHERE created_at < ?", (before,)).rowcount
        return int(removed)

    def answer(self, answer_id: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM answers WHERE id = ?", (answer_id,))
        return dict(rows[0]) if rows else None

    def add_feedback(
        self,
        answer_id: str,
        rating: str,
        comment: str | None,
        question: str | None,
        answer: str | None,
        surface: str,
    ) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO feedback (answer_id, rating, comment, question, answer, surface, "
                "created_at) VALUES (?,?,?,?,?,?,?)",
                (answer_id, rating, comment, question, answer, surface, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def feedback(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.query("SELECT * FROM feedback ORDER BY id")]
