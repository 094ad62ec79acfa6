"""Ingest jobs, uploaded files and the writer lease in the SQLite state file.

Every process of one host sees the same rows (the web processes queue jobs, one worker runs
them); several hosts need the PostgreSQL job store (:mod:`ingest.store.postgres`). Each
operation is one short ``BEGIN IMMEDIATE`` transaction, so a claim or a lease is atomic
between processes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from ingest.store.base import JobMode, JobRow, UploadRow
from ingest.store.sqlite import ensure_schema, immediate_transaction

JOBS_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    rebuild INTEGER NOT NULL,
    files TEXT NOT NULL,
    state TEXT NOT NULL,
    total INTEGER,
    processed INTEGER NOT NULL DEFAULT 0,
    current TEXT,
    outcomes TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL,
    started_at REAL,
    finished_at REAL,
    report TEXT,
    error TEXT,
    worker TEXT,
    heartbeat_at REAL,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, created_at);
CREATE TABLE IF NOT EXISTS uploads (
    source TEXT PRIMARY KEY,
    content BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS writer_lease (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at REAL NOT NULL
);
"""
JOBS_KEPT = 1000
"""Finished jobs kept for ``GET /v1/ingest/{id}``; older ones are deleted as new ones come."""


def job_from_row(row: dict[str, Any]) -> JobRow:
    """A job from a database row (both databases store the same columns)."""
    return JobRow(
        id=row["id"],
        mode=row["mode"],
        rebuild=bool(row["rebuild"]),
        files=json.loads(row["files"]),
        state=row["state"],
        total=row["total"],
        processed=row["processed"],
        current=row["current"],
        outcomes=json.loads(row["outcomes"] or "{}"),
        created_at=row["created_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        report=json.loads(row["report"]) if row["report"] else None,
        error=row["error"],
        worker=row["worker"],
        heartbeat_at=row["heartbeat_at"],
        attempts=row["attempts"],
    )


class SqliteJobStore:
    """:class:`ingest.store.base.JobStore` on the state file ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        ensure_schema(path, JOBS_SCHEMA)

    def _db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with immediate_transaction(self._db()) as db:
            yield db

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- jobs ---------------------------------------------------------------------------
    def submit_job(
        self, job_id: str, mode: JobMode, rebuild: bool, uploads: list[tuple[str, bytes]]
    ) -> JobRow:
        now = time.time()
        with self._transaction() as db:
            for source, content in uploads:
                db.execute(
                    "INSERT OR REPLACE INTO uploads VALUES (?,?,?,?)",
                    (source, content, hashlib.sha256(content).hexdigest(), now),
                )
            db.execute(
                "INSERT INTO jobs (id, mode, rebuild, files, state, created_at) "
                "VALUES (?,?,?,?,?,?)",
                (job_id, mode, int(rebuild), json.dumps([s for s, _ in uploads]), "queued", now),
            )
            db.execute(
                "DELETE FROM jobs WHERE state IN ('done', 'failed') AND id NOT IN "
                "(SELECT id FROM jobs ORDER BY created_at DESC LIMIT ?)",
                (JOBS_KEPT,),
            )
        job = self.job(job_id)
        assert job is not None
        return job

    def job(self, job_id: str) -> JobRow | None:
        row = self._db().execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return job_from_row(dict(row)) if row else None

    def claim_job(self, worker: str, lease_s: float) -> JobRow | None:
        now = time.time()
        with self._transaction() as db:
            row = db.execute(
                "SELECT id FROM jobs WHERE state='queued' "
                "OR (state='running' AND COALESCE(heartbeat_at, 0) < ?) "
                "ORDER BY created_at LIMIT 1",
                (now - lease_s,),
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE jobs SET state='running', worker=?, heartbeat_at=?, "
                "started_at=COALESCE(started_at, ?), attempts=attempts+1, processed=0, "
                "outcomes='{}', current=NULL WHERE id=?",
                (worker, now, now, row["id"]),
            )
        return self.job(row["id"])

    def job_progress(
        self,
        job_id: str,
        worker: str,
        *,
        total: int | None = None,
        source: str | None = None,
        outcome: str | None = None,
    ) -> bool:
        with self._transaction() as db:
            row = db.execute(
                "SELECT outcomes FROM jobs WHERE id=? AND worker=? AND state='running'",
                (job_id, worker),
            ).fetchone()
            if row is None:
                return False
            sets, params = ["heartbeat_at=?"], [time.time()]
            if total is not None:
                sets.append("total=?")
                params.append(total)
            if outcome is not None:
                outcomes = json.loads(row["outcomes"] or "{}")
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                sets += ["processed=processed+1", "current=?", "outcomes=?"]
                params += [source, json.dumps(outcomes)]  # type: ignore[list-item]
            db.execute(f"UPDATE jobs SET {', '.join(sets)} WHERE id=?", [*params, job_id])
        return True

    def finish_job(
        self,
        job_id: str,
        worker: str,
        state: Literal["done", "failed"],
        report: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE jobs SET state=?, report=?, error=?, finished_at=? WHERE id=? AND worker=?",
                (
                    state,
                    json.dumps(report) if report is not None else None,
                    error,
                    time.time(),
                    job_id,
                    worker,
                ),
            )

    # --- uploads ------------------------------------------------------------------------
    def uploads(self) -> list[UploadRow]:
        rows = self._db().execute("SELECT * FROM uploads ORDER BY source").fetchall()
        return [
            UploadRow(row["source"], bytes(row["content"]), row["sha256"], row["created_at"])
            for row in rows
        ]

    # --- the single writer --------------------------------------------------------------
    def acquire_writer(self, worker: str, lease_s: float) -> bool:
        now = time.time()
        with self._transaction() as db:
            row = db.execute("SELECT holder, expires_at FROM writer_lease WHERE name='ingest'")
            held = row.fetchone()
            if held is not None and held["holder"] != worker and held["expires_at"] > now:
                return False
            db.execute(
                "INSERT OR REPLACE INTO writer_lease VALUES ('ingest', ?, ?)",
                (worker, now + lease_s),
            )
        return True

    def release_writer(self, worker: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM writer_lease WHERE name='ingest' AND holder=?", (worker,))

    def writer(self) -> tuple[str, float] | None:
        row = (
            self._db()
            .execute("SELECT holder, expires_at FROM writer_lease WHERE name='ingest'")
            .fetchone()
        )
        if row is None or row["expires_at"] <= time.time():
            return None
        return str(row["holder"]), float(row["expires_at"])
