"""The ``assistant`` Typer app and the helpers its commands share."""

from __future__ import annotations

import logging

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.components import Components, build_components
from assistant.settings import Settings

app = typer.Typer(
    help="Cited answers and drafted progress updates over strategy plans and action logs.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
console = Console()
err_console = Console(stderr=True)


def load_settings() -> Settings:
    """Settings from the environment; a bad value is a clear message, not a traceback."""
    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "settings"
            err_console.print(f"[red]Invalid setting[/red] {where}: {error['msg']}")
        raise typer.Exit(2) from exc


def components() -> Components:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return build_components(load_settings())
