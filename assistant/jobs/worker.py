"""The ingest worker: the one process (or thread) that writes the index.

Web processes and the CLI queue ingest jobs in the job store (:class:`ingest.store.base.JobStore`,
SQLite for one host, PostgreSQL for several); workers take them. Any number of workers may
run, but only the holder of the *writer lease* takes jobs, so the index always has one
writer; the others wait as standbys. The holder renews the lease (and its job's heartbeat)
every third of ``ASSISTANT_JOB_LEASE_S``; when it dies (``kill -9``, a lost host), the lease
and the job run out, a standby takes both, and the job is done again from the start — safe,
because an ingest is incremental by content hash and each file is swapped in one transaction.

Before each job the worker writes every stored upload into its corpus folder, so whichever
host runs the worker has every file that any replica received.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from assistant.components import Components
from ingest.pipeline import IngestReport
from ingest.store.base import JobRow, UploadRow

log = logging.getLogger("assistant.worker")


class JobTakenOver(RuntimeError):
    """Another worker took this job (this one was silent longer than the lease)."""


def worker_id() -> str:
    """``host:pid:random``: unique across hosts and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def sync_uploads(uploads: list[UploadRow], corpus_dir: Path) -> list[Path]:
    """Write each upload into the corpus folder unless the same bytes are already there;
    returns the files written. Each is written via a temporary file and a rename, so a
    half-written file is never ingested."""
    written = []
    root = corpus_dir.resolve()
    for upload in uploads:
        target = (corpus_dir / upload.source).resolve()
        if not target.is_relative_to(root):  # sources are made by safe_name; refuse anyway
            log.warning("upload %r points outside the corpus; skipped", upload.source)
            continue
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == upload.sha256:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".upload-{uuid.uuid4().hex[:8]}")
        temporary.write_bytes(upload.content)
        os.replace(temporary, target)
        written.append(target)
    return written


class _JobProgress:
    """The pipeline's progress sink: writes progress (and a heartbeat) into the job row."""

    def __init__(self, worker: IngestWorker, job: JobRow) -> None:
        self.worker = worker
        self.job = job

    def start(self, total: int) -> None:
        self._report(total=total)

    def advance(self, source: str, outcome: str) -> None:
        self._report(source=source, outcome=outcome)
        if self.worker.on_file is not None:
            self.worker.on_file(outcome)

    def _report(self, **fields: Any) -> None:
        lost = self.worker.lost.is_set()
        if lost or not self.worker.jobs.job_progress(self.job.id, self.worker.id, **fields):
            raise JobTakenOver(f"job {self.job.id} was taken over by another worker")


class IngestWorker:
    """Takes ingest jobs while it holds the writer lease.

    >>> worker = IngestWorker(build_components(settings))  # doctest: +SKIP
    >>> worker.run(stop_event)  # until stop_event is set  # doctest: +SKIP
    """

    def __init__(
        self,
        components: Components,
        *,
        poll_s: float = 0.5,
        on_file: Any = None,
        on_job: Any = None,
    ) -> None:
        """``on_file(outcome)`` and ``on_job(state)``: metrics hooks of a web process."""
        self.components = components
        self.jobs = components.job_store
        self.lease_s = components.settings.job_lease_s
        self.poll_s = poll_s
        self.id = worker_id()
        self.on_file = on_file
        self.on_job = on_job
        self._holding = False
        self._busy: str | None = None
        self.lost = threading.Event()

    # --- the loop -----------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Until ``stop`` is set: hold (or wait for) the writer lease and take jobs."""
        renewer = threading.Thread(target=self._renew, args=(stop,), daemon=True)
        renewer.start()
        try:
            while not stop.is_set():
                if not self._holding:
                    self._holding = self.jobs.acquire_writer(self.id, self.lease_s)
                    if self._holding:
                        log.info("worker %s is the ingest writer", self.id)
                job = self.take() if self._holding else None
                if job is None:
                    stop.wait(self.poll_s)
        finally:
            stop.set()
            renewer.join(timeout=5)
            if self._holding:
                self.jobs.release_writer(self.id)
                self._holding = False

    def _renew(self, stop: threading.Event) -> None:
        """Every third of the lease: renew the writer lease and the running job's heartbeat."""
        while not stop.wait(self.lease_s / 3):
            if not self._holding:
                continue
            try:
                if not self.jobs.acquire_writer(self.id, self.lease_s):
                    log.error("worker %s lost the writer lease", self.id)
                    self._holding = False
                    self.lost.set()
                busy = self._busy
                if busy is not None and not self.jobs.job_progress(busy, self.id):
                    self.lost.set()
            except Exception:  # a database hiccup: try again next beat
                log.exception("worker %s could not renew its lease", self.id)

    def take(self) -> JobRow | None:
        """Claim and run one job (the caller holds the writer lease); the finished job."""
        job = self.jobs.claim_job(self.id, self.lease_s)
        if job is None:
            return None
        if job.attempts > 1:
            log.warning("job %s: taken over from a stopped worker (try %d)", job.id, job.attempts)
        self.run_job(job)
        return self.jobs.job(job.id)

    def run_job(self, job: JobRow) -> None:
        self._busy = job.id
        self.lost.clear()
        try:
            report = self._ingest(job)
        except JobTakenOver:
            log.error("job %s was taken over by another worker; stopped", job.id)
            return
        except Exception as exc:
            log.exception("ingest job %s failed", job.id)
            self.jobs.finish_job(
                job.id,
                self.id,
                "failed",
                error=f"The ingest stopped: {type(exc).__name__}. See the worker's log.",
            )
            self._hook(self.on_job, "failed")
            return
        finally:
            self._busy = None
        self.jobs.finish_job(job.id, self.id, "done", report=report.to_dict())
        self._hook(self.on_job, "done")

    def _ingest(self, job: JobRow) -> IngestReport:
        corpus = self.components.settings.corpus_dir
        sync_uploads(self.jobs.uploads(), corpus)
        paths = [corpus / source for source in job.files] or None
        return self.components.ingest(paths, job.rebuild, _JobProgress(self, job))

    @staticmethod
    def _hook(hook: Any, value: str) -> None:
        if hook is not None:
            hook(value)


class WorkerThread:
    """An :class:`IngestWorker` in a daemon thread of a web process (one process, embedded
    Chroma: the web process must be the writer)."""

    def __init__(self, worker: IngestWorker) -> None:
        self.worker = worker
        self.stop = threading.Event()
        self.thread = threading.Thread(target=worker.run, args=(self.stop,), daemon=True)

    def start(self) -> None:
        self.thread.start()

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop taking jobs; a running file finishes, or the job is redone by the next worker."""
        self.stop.set()
        self.thread.join(timeout)


def wait_for_job(jobs: Any, job_id: str, timeout_s: float, poll_s: float = 0.2) -> JobRow:
    """Poll until the job is done or failed (for the CLI and tests); TimeoutError otherwise."""
    deadline = time.monotonic() + timeout_s
    while True:
        job = jobs.job(job_id)
        if job is not None and job.state in ("done", "failed"):
            return job
        if time.monotonic() > deadline:
            raise TimeoutError(f"ingest job {job_id} did not finish within {timeout_s:.0f} s")
        time.sleep(poll_s)
