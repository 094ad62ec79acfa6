"""``assistant draft``: a cited progress update from the indexed action logs."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.markdown import Markdown

from assistant.cli.app import app, components, console, err_console
from assistant.drafts import DraftRequest, EmptyIndexError, NoMatchError, make_draft


class OutputFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    slack = "slack"


_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]


@app.command()
def draft(
    aim: Annotated[
        str | None, typer.Option(help="Aim, fuzzy: 'aim 5', 'Staying Ahead', 'governance'")
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Owner name, fuzzy: 'Maya', 'Matt'")] = None,
    status: Annotated[
        str | None,
        typer.Option(help="done | on track | stalled (at risk) | not started (scoping) | unknown"),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=_DATE_FORMATS,
            help="Add 'What changed' since the version ingested on/before this date",
        ),
    ] = None,
    changes: Annotated[
        bool, typer.Option("--changes", help="Add 'What changed' since the previous version")
    ] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="markdown, json or slack (Block Kit)")
    ] = OutputFormat.markdown,
    raw: Annotated[
        bool, typer.Option("--raw", help="Print Markdown source even on a terminal")
    ] = False,
) -> None:
    """Draft a progress update from the action logs; every bullet cites its row."""
    try:
        request = DraftRequest(
            aim=aim,
            owner=owner,
            status=status,
            since=since.date() if since else None,
            changes=changes,
            format=output.value,
        )
    except ValidationError as exc:  # checked before the index is opened
        error = exc.errors()[0]
        option = "--" + str(error["loc"][0]) if error["loc"] else None
        message = str(error["msg"]).removeprefix("Value error, ")
        raise typer.BadParameter(message, param_hint=option) from exc
    parts = components()
    try:
        result = make_draft(parts.store, request, parts.settings)
    except NoMatchError as exc:
        err_console.print(f"[red]No {exc.kind} matches[/red] {exc.query!r}.", highlight=False)
        if exc.suggestions:
            err_console.print(
                f"Closest {exc.kind}s: " + ", ".join(exc.suggestions), highlight=False
            )
        raise typer.Exit(2) from exc
    except EmptyIndexError as exc:
        err_console.print(f"[yellow]{exc}[/yellow]", highlight=False)
        raise typer.Exit(1) from exc
    if result.notice:
        err_console.print(f"[yellow]note[/yellow] {result.notice}", highlight=False)
    if output is OutputFormat.json:
        typer.echo(result.model_dump_json(indent=2, exclude={"blocks"}))
    elif output is OutputFormat.slack:
        typer.echo(json.dumps({"text": result.title, "blocks": result.blocks}, indent=2))
    elif raw or not console.is_terminal:
        typer.echo(result.markdown)
    else:
        console.print(Markdown(result.markdown))
