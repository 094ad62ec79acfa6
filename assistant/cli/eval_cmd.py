"""``assistant eval``: run eval suites through the same Assistant the surfaces use, write
report.json / report.md / report.html / junit.xml, and exit 0 (pass), 1 (a threshold or a
regression failed) or 2 (the harness could not run). ``--from-feedback FILE`` instead turns
thumbs-down feedback into draft cases."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.cli.app import app, console, err_console, load_settings
from assistant.components import Components, build_components
from assistant.service import Assistant
from assistant.settings import Settings
from evals.cases import Case, SuiteError, corpus_of
from evals.evaluate import HarnessError, evaluate
from evals.feedback import export_feedback
from evals.regression import DEFAULT_TOLERANCE, BaselineError
from evals.report import EXIT_FAIL, EXIT_HARNESS, EXIT_PASS, EvalReport
from evals.reporting import write_reports
from evals.reporting.tables import ablation_table, beats_baselines, headline_table, status_lines
from evals.runner import RunOptions

log = logging.getLogger(__name__)


def settings_for_corpus(settings: Settings, corpus: Path) -> Settings:
    """Settings that index ``corpus`` in a folder of its own under the data directory, so a
    suite over another organisation's documents never mixes with (or rebuilds) the main index."""
    name = corpus.parent.name if corpus.name == "documents" else corpus.name
    return settings.model_copy(
        update={"corpus_dir": corpus, "data_dir": settings.data_dir / "corpora" / name}
    )


def make_components(settings: Settings) -> Components:
    """Seam for tests (which reuse the session's loaded model); the CLI builds as usual."""
    return build_components(settings)


def _print_summary(report: EvalReport) -> None:
    for source in (headline_table(report), ablation_table(report)):
        if not source.rows:
            continue
        table = Table(title=source.title, title_justify="left")
        for header in source.headers:
            table.add_column(header)
        for row in source.rows:
            table.add_row(*[c.replace("**", "") for c in row])
        console.print(table)
    for line in beats_baselines(report):
        console.print(f"  {line}", highlight=False)
    for line in status_lines(report) + report.notes:
        console.print(f"[yellow]•[/yellow] {line}", highlight=False)
    verdict = "[green]PASS[/green]" if report.exit_code == EXIT_PASS else "[red]FAIL[/red]"
    passed = sum(1 for c in report.cases if c.passed)
    console.print(f"{verdict} · {passed}/{report.cases_total} cases pass", highlight=False)


@app.command(name="eval")
def eval_command(
    suites: Annotated[
        list[Path] | None, typer.Argument(help="Suite files (.yaml/.yml or .jsonl)")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Directory for the report files")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="baseline.json (or report.json) to compare")
    ] = None,
    answerer: Annotated[
        str | None, typer.Option(help="extractive | openai (default from settings)")
    ] = None,
    tolerance: Annotated[
        float, typer.Option(help="Absolute drop a metric may show before it can regress")
    ] = DEFAULT_TOLERANCE,
    thresholds: Annotated[
        Path | None,
        typer.Option(help="Thresholds YAML (default: thresholds.yaml beside the suites)"),
    ] = None,
    ablation: Annotated[
        bool, typer.Option(help="Also run every retrieval mode and the two baselines")
    ] = True,
    cache: Annotated[bool, typer.Option(help="Reuse answers cached for this config")] = True,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Answer cache (default: DATA_DIR/eval-cache)")
    ] = None,
    seed: Annotated[int, typer.Option(help="Bootstrap seed")] = 0,
    from_feedback: Annotated[
        Path | None,
        typer.Option(
            "--from-feedback", help="Write thumbs-down feedback as draft cases to this YAML file"
        ),
    ] = None,
) -> None:
    """Score the assistant on eval suites; exit 0 pass, 1 threshold/regression, 2 harness error."""
    settings = load_settings()
    if from_feedback is not None:
        try:
            added = export_feedback(make_components(settings).store, from_feedback)
        except Exception as exc:
            err_console.print(f"[red]Could not export feedback[/red]: {exc}")
            raise typer.Exit(EXIT_HARNESS) from exc
        console.print(f"{added} new draft case(s) written to {from_feedback}", highlight=False)
        raise typer.Exit(EXIT_PASS)
    if not suites:
        err_console.print("[red]Name at least one suite file[/red] (or use --from-feedback).")
        raise typer.Exit(EXIT_HARNESS)
    if answerer not in (None, "extractive", "openai"):
        err_console.print(f"[red]Unknown answerer {answerer!r}[/red]: use extractive or openai")
        raise typer.Exit(EXIT_HARNESS)
    if answerer == "openai" and not settings.llm_base_url:
        err_console.print("[red]--answerer openai needs ASSISTANT_LLM_BASE_URL[/red]")
        raise typer.Exit(EXIT_HARNESS)

    try:
        corpus = corpus_of(list(suites))
    except SuiteError as exc:
        err_console.print(f"[red]eval could not run[/red]: {exc}", highlight=False)
        raise typer.Exit(EXIT_HARNESS) from exc
    if corpus is not None:
        settings = settings_for_corpus(settings, corpus)

    logging.getLogger("httpx").setLevel(logging.WARNING)
    progress = Progress(
        TextColumn("[bold]eval[/bold] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )
    task = progress.add_task("starting", total=None)

    def started(cases: list[Case]) -> None:
        progress.update(task, total=len(cases), description="cases")

    def advance(case: Case) -> None:
        progress.update(task, advance=1, description=case.id)

    options = RunOptions(
        answerer=answerer,  # type: ignore[arg-type]
        cache_dir=cache_dir or settings.data_dir / "eval-cache",
        use_cache=cache,
        ablation=ablation,
        on_case=advance,
    )
    try:
        if corpus is not None:
            components = make_components(settings)
            ingested = components.pipeline.run()
            err_console.print(
                f"corpus {corpus}: {ingested.files_seen} files, index {settings.data_dir}",
                highlight=False,
            )
            for source, reason in ingested.failed:
                err_console.print(f"[yellow]not ingested[/yellow] {source}: {reason}")
        else:
            components = make_components(settings)
        assistant = Assistant(components)
        with progress:
            result = evaluate(
                assistant,
                suites,
                options,
                baseline_path=baseline,
                tolerance=tolerance,
                thresholds_path=thresholds,
                seed=seed,
                on_start=started,
            )
        if report is not None:
            written = write_reports(result, report)
            err_console.print(f"reports: {', '.join(str(p) for p in written)}", highlight=False)
    except (SuiteError, HarnessError, BaselineError) as exc:
        err_console.print(f"[red]eval could not run[/red]: {exc}", highlight=False)
        raise typer.Exit(EXIT_HARNESS) from exc
    except Exception as exc:
        log.exception("eval harness error")
        err_console.print(f"[red]eval harness error[/red]: {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_HARNESS) from exc
    _print_summary(result)
    raise typer.Exit(EXIT_FAIL if result.exit_code == EXIT_FAIL else EXIT_PASS)
