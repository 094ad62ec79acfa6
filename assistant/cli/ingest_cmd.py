"""``assistant ingest`` and ``assistant documents``."""

from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from assistant.cli.app import app, components, console, err_console
from assistant.components import Components
from assistant.jobs.worker import IngestWorker, sync_uploads, worker_id
from ingest.loaders import discover_files, relative_source
from ingest.pipeline import IngestReport
from ingest.store.base import JobMode, JobRow, JobStore


class RichProgress:
    """Adapts the pipeline's progress callbacks to a rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("Ingesting", total=None)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, source: str, outcome: str) -> None:
        self.progress.update(self.task, advance=1, description=f"{outcome}: {source}")


def print_report(report: IngestReport) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_row("files", str(report.files_seen))
    table.add_row("ingested", str(len(report.ingested)))
    table.add_row("skipped (unchanged)", str(len(report.skipped)))
    table.add_row("deleted (gone from disk)", str(len(report.deleted)))
    table.add_row("failed", str(len(report.failed)))
    table.add_row("chunks written", str(report.chunks))
    table.add_row("action records", str(report.records))
    table.add_row("seconds", f"{report.seconds:.2f}")
    console.print(table)
    for source, reason in report.failed:
        err_console.print(f"[red]failed[/red] {source}: {reason}")
    for warning in report.warnings:
        err_console.print(f"[yellow]warning[/yellow] {warning}")


def run_ingest(
    parts: Components, paths: list[Path] | None, rebuild: bool, progress: RichProgress
) -> IngestReport:
    """Ingest here as the writer, or, while another process holds the writer lease (a
    server's worker), queue the work as a job for it and follow the job: two processes
    never write the index at once (an embedded Chroma cannot even be shared)."""
    jobs = parts.job_store
    me = worker_id()
    lease = parts.settings.job_lease_s
    if jobs.acquire_writer(me, lease):
        stop = threading.Event()
        renew = threading.Thread(target=_renew, args=(jobs, me, lease, stop), daemon=True)
        renew.start()
        try:
            sync_uploads(jobs.uploads(), parts.settings.corpus_dir)  # every replica's uploads
            return parts.ingest(paths, rebuild=rebuild, progress=progress)
        finally:
            stop.set()
            jobs.release_writer(me)
    holder = jobs.writer()
    err_console.print(
        f"An ingest worker ({holder[0] if holder else 'another process'}) is the writer: "
        "queuing this ingest as a job for it."
    )
    corpus = parts.settings.corpus_dir
    files = [f for p in paths or [] for f in discover_files([p])]
    uploads = [(relative_source(f, corpus), f.read_bytes()) for f in files]
    mode: JobMode = "upload" if uploads else "corpus"
    job = jobs.submit_job(uuid.uuid4().hex[:16], mode, rebuild, uploads)
    done = _follow(parts, job.id, progress)
    if done.state == "failed" or done.report is None:
        err_console.print(f"[red]The ingest job failed:[/red] {done.error}")
        raise typer.Exit(1)
    return report_from_dict(done.report)


def _renew(jobs: JobStore, me: str, lease: float, stop: threading.Event) -> None:
    while not stop.wait(lease / 3):
        jobs.acquire_writer(me, lease)


def _follow(parts: Components, job_id: str, progress: RichProgress) -> JobRow:
    """Show a queued job's progress until it ends. If the writer goes away meanwhile (its
    lease runs out: killed, or a crashed CLI held it), this process becomes the writer and
    runs the queue itself, so a queued ingest never waits for nobody."""
    jobs = parts.job_store
    shown = -1
    stand_in: tuple[threading.Event, threading.Thread] | None = None
    try:
        while True:
            job = jobs.job(job_id)
            assert job is not None
            if job.total is not None and shown < 0:
                progress.start(job.total)
                shown = 0
            while 0 <= shown < job.processed:
                shown += 1
                progress.advance(job.current or "", "done")
            if job.state in ("done", "failed"):
                return job
            if stand_in is None and jobs.writer() is None:
                err_console.print(
                    "No ingest worker holds the writer lease now: running the job here."
                )
                stop = threading.Event()
                thread = threading.Thread(
                    target=IngestWorker(parts, poll_s=0.2).run, args=(stop,), daemon=True
                )
                thread.start()
                stand_in = (stop, thread)
            time.sleep(0.3)
    finally:
        if stand_in is not None:
            stand_in[0].set()
            stand_in[1].join(timeout=60)


def report_from_dict(data: dict[str, Any]) -> IngestReport:
    """The report a worker stored with its job (``IngestReport.to_dict``) back as a report."""
    return IngestReport(
        ingested=list(data["ingested"]),
        skipped=list(data["skipped"]),
        deleted=list(data["deleted"]),
        failed=[(f["source"], f["reason"]) for f in data["failed"]],
        warnings=list(data["warnings"]),
        chunks=int(data["chunks"]),
        records=int(data["records"]),
        seconds=float(data["seconds"]),
    )


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the corpus folder)")
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option(help="Build a fresh index beside the one in service, then switch to it"),
    ] = False,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any file fails")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Load, chunk and embed documents; unchanged files are skipped by content hash."""
    parts = components()
    for path in paths or []:
        if not path.exists():
            err_console.print(f"[red]No such file or folder:[/red] {path}")
            raise typer.Exit(2)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    ) as progress:
        report = run_ingest(parts, paths or None, rebuild, RichProgress(progress))
    if as_json:
        console.print_json(json.dumps(report.to_dict()))
    else:
        print_report(report)
    nothing_usable = not report.ingested and not report.skipped and report.failed
    if nothing_usable or (strict and report.failed):
        raise typer.Exit(1)


@app.command()
def documents(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """List what is indexed."""
    rows = components().store.documents()
    if as_json:
        console.print_json(json.dumps([row.__dict__ for row in rows]))
        return
    table = Table(title=f"{len(rows)} documents indexed")
    for column in ("source", "title", "kind", "chunks", "records", "ingested at"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row.source,
            row.title,
            row.kind,
            str(row.chunks),
            str(row.records),
            datetime.fromtimestamp(row.ingested_at).strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)
