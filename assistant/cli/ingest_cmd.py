"""``assistant ingest`` and ``assistant documents``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

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
from ingest.pipeline import IngestReport


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
        report = parts.ingest(paths or None, rebuild=rebuild, progress=RichProgress(progress))
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
