"""Background ingest jobs with progress, for ``POST /v1/ingest`` and ``GET /v1/ingest/{job}``.

Jobs run one at a time on a single worker thread (the pipeline is one-writer anyway), so a
request returns at once with a job id while readers keep answering from the previous index.
Job state lives in memory: it is progress reporting, not a queue; the index itself is durable
and an interrupted ingest is finished by the next run.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.service import Assistant
from assistant.web.metrics import Metrics

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


class _JobProgress:
    """The pipeline's ProgressSink, writing into one job under the manager's lock."""

    def __init__(self, job: IngestJob, lock: threading.Lock, metrics: Metrics) -> None:
        self.job = job
        self.lock = lock
        self.metrics = metrics

    def start(self, total: int) -> None:
        with self.lock:
            self.job.total = total

    def advance(self, source: str, outcome: str) -> None:
        with self.lock:
            self.job.processed += 1
            self.job.current = source
            self.job.outcomes[outcome] = self.job.outcomes.get(outcome, 0) + 1
        self.metrics.ingest_files.labels(outcome).inc()


class IngestJobs:
    def __init__(self, assistant: Assistant, metrics: Metrics, keep: int = 100) -> None:
        self.assistant = assistant
        self.metrics = metrics
        self.keep = keep
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")

    def submit(
        self, paths: list[Path] | None, rebuild: bool, files: list[str] | None = None
    ) -> IngestJob:
        job = IngestJob(
            id=uuid.uuid4().hex[:16],
            mode="upload" if paths else "corpus",
            rebuild=rebuild,
            files=files or [],
            created_at=datetime.now(UTC),
        )
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                self._jobs.popitem(last=False)
        self._executor.submit(self._run, job, paths, rebuild)
        return self.get(job.id) or job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.model_copy(deep=True) if job else None

    def _run(self, job: IngestJob, paths: list[Path] | None, rebuild: bool) -> None:
        with self._lock:
            job.state = "running"
            job.started_at = datetime.now(UTC)
        try:
            report = self.assistant.ingest(
                paths, rebuild, _JobProgress(job, self._lock, self.metrics)
            )
        except Exception as exc:
            log.exception("ingest job %s failed", job.id)
            with self._lock:
                job.state = "failed"
                job.error = f"The ingest stopped: {type(exc).__name__}. See the server log."
                job.finished_at = datetime.now(UTC)
            self.metrics.ingest_jobs.labels("failed").inc()
            return
        with self._lock:
            job.report = report.to_dict()
            job.state = "done"
            job.finished_at = datetime.now(UTC)
        self.metrics.ingest_jobs.labels("done").inc()

    def shutdown(self) -> None:
        """Stop taking work; a running file finishes or is redone by the next ingest."""
        self._executor.shutdown(wait=False, cancel_futures=True)
