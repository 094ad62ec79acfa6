"""``assistant worker``: the ingest writer (takes the jobs every replica queues)."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Annotated

import typer

from assistant.cli.app import app, components, console


@app.command()
def worker(
    poll: Annotated[float, typer.Option(help="Seconds between looks at the job table")] = 0.5,
    log_level: Annotated[str, typer.Option(help="Log level")] = "info",
) -> None:
    """Run ingest jobs until stopped (SIGINT/SIGTERM). Several may run: one writes at a time,
    the others wait and take over a job whose worker stopped (ASSISTANT_JOB_LEASE_S)."""
    from assistant.jobs.worker import IngestWorker

    logging.basicConfig(
        level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    parts = components()
    _ = parts.store, parts.job_store  # the stores must answer now; the model loads with a job
    ingest_worker = IngestWorker(parts, poll_s=poll)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    console.print(f"Ingest worker {ingest_worker.id} waiting for jobs")
    ingest_worker.run(stop)
