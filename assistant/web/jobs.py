"""Ingest jobs over HTTP: ``POST /v1/ingest`` queues one, ``GET /v1/ingest/{job}`` reads it.

Jobs are rows in the job store that every web process (and, on PostgreSQL, every host) can
read, so any replica reports any job. The web process never writes the index itself: one
ingest worker does (:mod:`assistant.jobs.worker`). With a single web process and the default
settings that worker is a thread of this process (``ASSISTANT_INGEST_WORKER=auto``); with
several, ``assistant serve`` starts an ``assistant worker`` beside them.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.jobs.worker import IngestWorker, WorkerThread
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.metrics import Metrics
from ingest.store.base import JobRow

log = logging.getLogger(__name__)
JobState = Literal["queued", "running", "done", "failed"]


class IngestJob(BaseModel):
    """What ``GET /v1/ingest/{job}`` reports."""

    id: str
    state: JobState = "queued"
    mode: Literal["upload", "corpus"]
    rebuild: bool = False
    files: list[str] = Field(default_factory=list, description="Uploaded sources, if any")
    total: int | None = Field(None, description="Files to look at, once known")
    processed: int = 0
    current: str | None = Field(None, description="The file just finished")
    outcomes: dict[str, int] = Field(default_factory=dict, description="ingested/skipped/failed")
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    report: dict[str, Any] | None = Field(None, description="The pipeline's summary when done")
    error: str | None = None
    attempts: int = Field(0, description="Workers that took the job (2+: one stopped midway)")

    @classmethod
    def from_row(cls, row: JobRow) -> IngestJob:
        return cls(
            id=row.id,
            state=row.state,
            mode=row.mode,
            rebuild=row.rebuild,
            files=row.files,
            total=row.total,
            processed=row.processed,
            current=row.current,
            outcomes=row.outcomes,
            created_at=_utc(row.created_at),
            started_at=_utc(row.started_at) if row.started_at else None,
            finished_at=_utc(row.finished_at) if row.finished_at else None,
            report=row.report,
            error=row.error,
            attempts=row.attempts,
        )


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def runs_embedded_worker(settings: Settings) -> bool:
    """Whether this web process takes ingest jobs itself (see ``ASSISTANT_INGEST_WORKER``)."""
    if settings.ingest_worker == "auto":
        return (settings.workers or 1) == 1
    return settings.ingest_worker == "embedded"


class IngestJobs:
    """Queue jobs in the shared job store; run them in this process when it is the worker."""

    def __init__(self, assistant: Assistant, metrics: Metrics) -> None:
        self.assistant = assistant
        self.metrics = metrics
        self.worker: WorkerThread | None = None

    @property
    def store(self) -> Any:
        return self.assistant.components.job_store

    def start(self) -> None:
        """Start the embedded worker thread, when this process is to run jobs."""
        if self.worker is None and runs_embedded_worker(self.assistant.settings):
            worker = IngestWorker(
                self.assistant.components,
                on_file=lambda outcome: self.metrics.ingest_files.labels(outcome).inc(),
                on_job=lambda state: self.metrics.ingest_jobs.labels(state).inc(),
            )
            self.worker = WorkerThread(worker)
            self.worker.start()

    def submit(self, uploads: list[tuple[str, bytes]], rebuild: bool) -> IngestJob:
        row = self.store.submit_job(
            uuid.uuid4().hex[:16], "upload" if uploads else "corpus", rebuild, uploads
        )
        return IngestJob.from_row(row)

    def get(self, job_id: str) -> IngestJob | None:
        row = self.store.job(job_id)
        return IngestJob.from_row(row) if row is not None else None

    def shutdown(self) -> None:
        """Stop taking work; a running file finishes or the job is redone by the next worker."""
        if self.worker is not None:
            self.worker.shutdown()
            self.worker = None
