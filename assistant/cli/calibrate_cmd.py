"""``assistant eval-calibrate``: the abstain_threshold sweep of :mod:`evals.calibrate` from the
usual console script (this module registers itself like every ``*_cmd`` module)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.app import app
from evals.calibrate import DEFAULT_REPORT_DIR, DEFAULT_START, DEFAULT_STEP, DEFAULT_STOP, run


@app.command(name="eval-calibrate")
def eval_calibrate_command(
    report: Annotated[
        Path, typer.Option("--report", help="Directory for calibration.md/.json/.png")
    ] = DEFAULT_REPORT_DIR,
    start: Annotated[float, typer.Option(help="Lowest threshold")] = DEFAULT_START,
    stop: Annotated[float, typer.Option(help="Highest threshold")] = DEFAULT_STOP,
    step: Annotated[float, typer.Option(help="Grid step")] = DEFAULT_STEP,
) -> None:
    """Sweep ASSISTANT_ABSTAIN_THRESHOLD over the development suites (never holdout4.yaml):
    abstention recall, false refusals and fact recall per threshold; exit 2 if it cannot run."""
    raise typer.Exit(run(report, start, stop, step))
