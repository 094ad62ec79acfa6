"""Ingest jobs, uploads and the writer lease in PostgreSQL (the database's clock; claims with
``FOR UPDATE SKIP LOCKED``). :class:`ingest.store.sqlite_jobs.SqliteJobStore` is the spec."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Literal

from ingest.store.base import (
    JobMode,
    JobRow,
    UploadRow,
)
from ingest.store.sqlite_jobs import JOBS_KEPT, job_from_row

if TYPE_CHECKING:
    pass

from ingest.store.postgres_db import (
    NOW,
    STATE,
    _Database,
)

# --- ingest jobs, uploads and the writer lease ---------------------------------------------


class PostgresJobStore:
    """:class:`~ingest.store.base.JobStore` shared by every host.

    A claim is ``SELECT … FOR UPDATE SKIP LOCKED`` and an update in one statement: two workers
    never take the same job, and neither waits for the other. Heartbeats and leases use the
    database clock (:data:`NOW`)."""

    def __init__(self, url: str) -> None:
        self.db = _Database(url)

    def close(self) -> None:
        self.db.close()

    # --- jobs ---------------------------------------------------------------------------
    def submit_job(
        self, job_id: str, mode: JobMode, rebuild: bool, uploads: list[tuple[str, bytes]]
    ) -> JobRow:
        with self.db.transaction() as cur:
            for source, content in uploads:
                cur.execute(
                    f"INSERT INTO {STATE}.uploads (source, content, sha256, created_at) "
                    f"VALUES (%s, %s, %s, {NOW}) ON CONFLICT (source) DO UPDATE SET "
                    "content = EXCLUDED.content, sha256 = EXCLUDED.sha256, "
                    "created_at = EXCLUDED.created_at",
                    (source, content, hashlib.sha256(content).hexdigest()),
                )
            cur.execute(
                f"INSERT INTO {STATE}.jobs (id, mode, rebuild, files, state, created_at) "
                f"VALUES (%s, %s, %s, %s, 'queued', {NOW}) RETURNING *",
                (job_id, mode, rebuild, json.dumps([s for s, _ in uploads])),
            )
            row = cur.fetchone()
            cur.execute(
                f"DELETE FROM {STATE}.jobs WHERE state IN ('done', 'failed') AND id NOT IN "
                f"(SELECT id FROM {STATE}.jobs ORDER BY created_at DESC LIMIT %s)",
                (JOBS_KEPT,),
            )
        assert row is not None
        return job_from_row(row)

    def job(self, job_id: str) -> JobRow | None:
        rows = self.db.rows(f"SELECT * FROM {STATE}.jobs WHERE id = %s", (job_id,))
        return job_from_row(rows[0]) if rows else None

    def claim_job(self, worker: str, lease_s: float) -> JobRow | None:
        """The oldest queued job, or a running one silent for ``lease_s``. A row another
        claimer has locked is skipped, and one it has just taken no longer matches when
        re-checked, so each job goes to exactly one worker."""
        rows = self.db.rows(
            f"WITH pick AS (SELECT id FROM {STATE}.jobs WHERE state = 'queued' "
            f"OR (state = 'running' AND COALESCE(heartbeat_at, 0) < {NOW} - %s) "
            "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
            f"UPDATE {STATE}.jobs j SET state = 'running', worker = %s, heartbeat_at = {NOW}, "
            f"started_at = COALESCE(j.started_at, {NOW}), attempts = j.attempts + 1, "
            "processed = 0, outcomes = '{}', current = NULL "
            "FROM pick WHERE j.id = pick.id RETURNING j.*",
            (lease_s, worker),
        )
        return job_from_row(rows[0]) if rows else None

    def job_progress(
        self,
        job_id: str,
        worker: str,
        *,
        total: int | None = None,
        source: str | None = None,
        outcome: str | None = None,
    ) -> bool:
        with self.db.transaction() as cur:
            cur.execute(
                f"SELECT outcomes FROM {STATE}.jobs WHERE id = %s AND worker = %s "
                "AND state = 'running' FOR UPDATE",
                (job_id, worker),
            )
            row = cur.fetchone()
            if row is None:
                return False
            sets: list[str] = [f"heartbeat_at = {NOW}"]
            params: list[Any] = []
            if total is not None:
                sets.append("total = %s")
                params.append(total)
            if outcome is not None:
                outcomes = json.loads(row["outcomes"] or "{}")
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                sets += ["processed = processed + 1", "current = %s", "outcomes = %s"]
                params += [source, json.dumps(outcomes)]
            cur.execute(
                f"UPDATE {STATE}.jobs SET {', '.join(sets)} WHERE id = %s",
                [*params, job_id],
            )
        return True

    def finish_job(
        self,
        job_id: str,
        worker: str,
        state: Literal["done", "failed"],
        report: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> None:
        self.db.execute(
            f"UPDATE {STATE}.jobs SET state = %s, report = %s, error = %s, finished_at = {NOW} "
            "WHERE id = %s AND worker = %s",
            (state, json.dumps(report) if report is not None else None, error, job_id, worker),
        )

    # --- uploads ------------------------------------------------------------------------
    def uploads(self) -> list[UploadRow]:
        rows = self.db.rows(
            f"SELECT source, content, sha256, created_at FROM {STATE}.uploads "
            'ORDER BY source COLLATE "C"'
        )
        return [
            UploadRow(row["source"], bytes(row["content"]), row["sha256"], row["created_at"])
            for row in rows
        ]

    # --- the single writer --------------------------------------------------------------
    def acquire_writer(self, worker: str, lease_s: float) -> bool:
        """One upsert: it takes a free or expired lease, renews our own, and changes nothing
        (returns no row) while another worker's lease runs."""
        rows = self.db.rows(
            f"INSERT INTO {STATE}.writer_lease AS w (name, holder, expires_at) "
            f"VALUES ('ingest', %s, {NOW} + %s) ON CONFLICT (name) DO UPDATE "
            "SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
            f"WHERE w.holder = EXCLUDED.holder OR w.expires_at <= {NOW} RETURNING holder",
            (worker, lease_s),
        )
        return bool(rows)

    def release_writer(self, worker: str) -> None:
        self.db.execute(
            f"DELETE FROM {STATE}.writer_lease WHERE name = 'ingest' AND holder = %s", (worker,)
        )

    def writer(self) -> tuple[str, float] | None:
        rows = self.db.rows(
            f"SELECT holder, expires_at FROM {STATE}.writer_lease "
            f"WHERE name = 'ingest' AND expires_at > {NOW}"
        )
        if not rows:
            return None
        return str(rows[0]["holder"]), float(rows[0]["expires_at"])
