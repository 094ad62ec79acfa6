"""``assistant ask``: one cited answer in the terminal (Markdown) or as JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.panel import Panel

from assistant.cli.app import app, components, console, err_console
from assistant.schemas import Filters
from assistant.service import Assistant, QuestionError


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="What you want to know, in plain words")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer JSON")] = False,
    answerer: Annotated[
        str | None, typer.Option(help="extractive | openai (default from settings)")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Only 'plan' or 'action' evidence")] = None,
    source: Annotated[str | None, typer.Option(help="Only this corpus file")] = None,
) -> None:
    """Answer a question from the indexed plans and action logs, with citations."""
    if answerer not in (None, "extractive", "openai"):
        err_console.print(f"[red]Unknown answerer {answerer!r}[/red]: use extractive or openai")
        raise typer.Exit(2)
    if kind not in (None, "plan", "action"):
        err_console.print(f"[red]Unknown kind {kind!r}[/red]: use plan or action")
        raise typer.Exit(2)
    assistant = Assistant(components())
    if not assistant.documents():
        err_console.print("[red]Nothing is indexed yet[/red]: run `assistant ingest` first.")
        raise typer.Exit(1)
    filters = Filters(kind=kind, source=source) if kind or source else None
    try:
        result = assistant.ask(question, filters=filters, answerer=answerer)  # type: ignore[arg-type]
    except QuestionError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    if as_json:
        console.print_json(json.dumps(result.model_dump(mode="json")))
        return
    console.print(Markdown(result.answer))
    if result.notice:
        console.print(f"[yellow]{result.notice}[/yellow]")
    for citation in result.citations:
        where = f"{citation.title} › {citation.section}" if citation.section else citation.title
        lines = f"lines {citation.line_start}-{citation.line_end}" if citation.line_start else ""
        console.print(
            Panel(
                citation.snippet,
                title=f"[{citation.id}] {where}",
                subtitle=f"{citation.source} {lines}".strip(),
                title_align="left",
                subtitle_align="right",
            )
        )
    timing = ", ".join(f"{k} {v:.0f} ms" for k, v in result.timings_ms.items())
    console.print(f"[dim]{result.model} · {timing}[/dim]")
