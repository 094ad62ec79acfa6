"""One evaluation, end to end: load suites → run → score → summarise → compare → report.

The CLI (``assistant eval``) and the tests call :func:`evaluate`; rendering is separate
(``evals.reporting``) so a report can be re-rendered from ``report.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from assistant.service import Assistant
from evals.cases import Case, load_suites, load_thresholds, thresholds_beside
from evals.regression import DEFAULT_TOLERANCE, compare, load_baseline
from evals.report import EvalReport, exit_code
from evals.runner import Runner, RunOptions
from evals.scoring import (
    HEADLINE,
    check_thresholds,
    latency,
    per_tag,
    score_case,
    summarise,
    system_summary,
)


class HarnessError(RuntimeError):
    """The evaluation could not run (no index, bad suite, unreadable baseline): exit code 2."""


def evaluate(
    assistant: Assistant,
    suite_paths: list[Path],
    options: RunOptions,
    baseline_path: Path | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    thresholds_path: Path | None = None,
    seed: int = 0,
    on_start: Callable[[list[Case]], None] | None = None,
) -> EvalReport:
    cases = load_suites(suite_paths)
    threshold_files = [thresholds_path] if thresholds_path else thresholds_beside(suite_paths)
    thresholds = load_thresholds(threshold_files)
    if not assistant.documents():
        raise HarnessError("Nothing is indexed: run `assistant ingest` before `assistant eval`.")
    runner = Runner(assistant, options)
    if on_start is not None:
        on_start(cases)
    runs = runner.run(cases)
    scores = [score_case(case, runs[case.id], runner.corpus_sources) for case in cases]

    notes: list[str] = []
    regression = None
    if baseline_path is not None:
        if baseline_path.is_file():
            regression = compare(
                scores, load_baseline(baseline_path), str(baseline_path), tolerance, seed=seed
            )
        else:
            notes.append(f"No baseline at {baseline_path}: regression check skipped.")
    checks = check_thresholds(scores, thresholds)
    suites = list(dict.fromkeys(s.suite for s in scores))
    report = EvalReport(
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        suites=suites,
        config=runner.config,
        config_hash=runner.config_key,
        cases_total=len(scores),
        cached_cases=sum(1 for s in scores if s.cached),
        baseline_chunks=runner.baseline_chunks,
        seed=seed,
        headline=summarise(scores, HEADLINE, ci=True, seed=seed),
        by_suite={
            suite: summarise([s for s in scores if s.suite == suite], HEADLINE) for suite in suites
        },
        thresholds=checks,
        tags=per_tag(scores),
        ablation=system_summary(scores),
        latency=latency(scores),
        regression=regression,
        notes=notes,
        cases=scores,
    )
    report.exit_code = exit_code(checks, regression)
    return report
