"""Calibration sweep for the extractive answerer's first abstention gate, ``abstain_threshold``.

``ASSISTANT_ABSTAIN_THRESHOLD`` (default 0.35) makes the extractive answerer say "not found" when
the best retrieved passage scores under it ("weak retrieval"). Too low and unanswerable questions
get an answer; too high and answerable ones are refused. This module measures that trade-off on
the labelled development suites so the default is a documented choice, not a guess:

1. load the development suites ``make evals`` uses (:data:`DEV_SUITES`; never ``holdout4.yaml``,
   which is kept unseen so it can measure generalisation, and never draft cases);
2. retrieve ONCE per question through the real :class:`~assistant.service.Assistant`, exactly as
   ``Assistant.ask`` does for the extractive answerer (same question cleaning, history, filters);
3. for every threshold, build an :class:`~assistant.answering.extractive.ExtractiveAnswerer` with
   that threshold and answer again from the evidence already retrieved (answering is
   milliseconds; retrieval is what costs), then score each answer with
   :func:`evals.scoring.score_case`, the same code ``assistant eval`` scores with;
4. aggregate (:func:`sweep`, pure) abstention recall, false-refusal rate, fact recall and case
   pass rate per threshold, mark the current setting and the thresholds where abstention recall
   >= 0.95 and false refusals <= 0.02 both hold.

``python -m evals.calibrate [--report DIR] [--start 0.2 --stop 0.6 --step 0.025]`` prints a
rich table and writes ``calibration.md``, ``calibration.json`` and ``calibration.png`` into the
report directory (default ``evals/reports/calibration/``).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.components import build_components
from assistant.schemas import Filters
from assistant.service import Assistant
from assistant.settings import Settings
from evals.cases import QACase, load_suites
from evals.metrics.abstention import abstention_ratios
from evals.metrics.stats import Ratio, aggregate
from evals.reporting.markdown import table_md
from evals.reporting.tables import Table as ReportTable
from evals.runs import QARun
from evals.scoring import score_case

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
SUITES_DIR = REPO / "evals" / "suites"
DEV_SUITES: tuple[str, ...] = (
    "plans.yaml",
    "actions.yaml",
    "unanswerable.yaml",
    "holdout.yaml",
    "holdout2.yaml",
    "holdout3.yaml",
)
"""The question suites of ``make evals`` (its ``drafts.yaml`` holds only draft cases)."""
SPENT_HELD_OUT: tuple[str, ...] = (
    "holdout5.yaml", "holdout6.yaml", "holdout7.yaml", "holdout8.yaml", "holdout9.yaml",
    "holdout10.yaml", "holdout11.yaml", "holdout12.yaml", "holdout13.yaml", "holdout14.yaml",
    "holdout15.yaml", "holdout16.yaml", "holdout17.yaml", "holdout18.yaml", "holdout19.yaml",
    "holdout20.yaml", "holdout21.yaml", "holdout22.yaml", "holdout23.yaml", "holdout24.yaml",
    "holdout25.yaml", "holdout26.yaml", "holdout27.yaml", "holdout28.yaml", "holdout29.yaml",
)  # fmt: skip
"""Held-out suites measured once and reported, now development data for the fitted weights
(:mod:`evals.fit`)."""
UNSEEN_SUITES = frozenset({"holdout4.yaml", "holdout30.yaml"})
"""Written after tuning and never tuned on: calibrating on them would spoil what they measure."""
DEFAULT_REPORT_DIR = Path("evals/reports/calibration")  # relative, like the Makefile paths
DEFAULT_START, DEFAULT_STOP, DEFAULT_STEP = 0.20, 0.60, 0.025
MIN_ABSTENTION_RECALL = 0.95
MAX_FALSE_REFUSAL = 0.02
WEAK_RETRIEVAL_ROUTE = "abstain: weak retrieval"
_EPS = 1e-9  # bounds are compared with the same slack as evals.scoring.check_thresholds


class CalibrationError(RuntimeError):
    """The sweep cannot run (nothing indexed, an unseen suite requested, no questions)."""


# --- per-case outcomes and the pure sweep ---------------------------------------------------
@dataclass(frozen=True)
class CaseOutcome:
    """One question answered at one threshold: everything the sweep needs, nothing more.

    Kept separate from :class:`~evals.scoring.CaseScore` so the sweep can be tested on
    hand-written outcomes without the model; :func:`outcome_of` builds it from a real score.
    """

    case_id: str
    answerable: bool
    abstained: bool
    facts_found: int = 0
    facts_total: int = 0
    passed: bool = False
    weak_retrieval: bool = False
    """Abstained at the gate this sweep moves (not for a later reason such as a missing fact)."""
    error: bool = False
    """Retrieval or answering crashed: like ``assistant eval``, no abstention ratios count."""


@dataclass(frozen=True)
class ThresholdRow:
    """The metrics of every question at one threshold (rates are None when undefined)."""

    threshold: float
    abstention_recall: float | None
    abstained_unanswerable: int
    unanswerable: int
    false_refusal_rate: float | None
    refused_answerable: int
    answerable: int
    fact_recall: float | None
    case_pass_rate: float | None
    weak_retrieval: int
    current: bool
    within_target: bool


@dataclass(frozen=True)
class Calibration:
    """A whole sweep: one row per threshold, ascending, and the targets it was judged on."""

    rows: list[ThresholdRow]
    current: float
    min_abstention_recall: float = MIN_ABSTENTION_RECALL
    max_false_refusal: float = MAX_FALSE_REFUSAL
    cases: int = 0
    suites: tuple[str, ...] = ()
    errors: int = 0

    @property
    def acceptable(self) -> list[float]:
        """Thresholds meeting both targets."""
        return [r.threshold for r in self.rows if r.within_target]

    @property
    def acceptable_range(self) -> tuple[float, float] | None:
        """(lowest, highest) acceptable threshold, or None when no threshold meets both."""
        ok = self.acceptable
        return (ok[0], ok[-1]) if ok else None

    @property
    def acceptable_is_contiguous(self) -> bool:
        """Whether every grid point between the ends of the range is acceptable too (both
        rates can only rise with the threshold, so a gap means something is off)."""
        flags = [r.within_target for r in self.rows]
        if True not in flags:
            return True
        first = flags.index(True)
        last = len(flags) - 1 - flags[::-1].index(True)
        return all(flags[first : last + 1])

    @property
    def current_row(self) -> ThresholdRow | None:
        return next((r for r in self.rows if r.current), None)

    def verdict(self) -> str:
        """One sentence: where the current threshold sits relative to the acceptable range."""
        span = self.acceptable_range
        targets = (
            f"abstention recall >= {self.min_abstention_recall:.2f} and "
            f"false refusals <= {self.max_false_refusal:.2f}"
        )
        if span is None:
            return f"No threshold in the sweep meets {targets}; current {self.current:.3f}."
        where = f"{span[0]:.3f}-{span[1]:.3f}"
        if not self.acceptable_is_contiguous:
            where += " (not contiguous: " + ", ".join(f"{t:.3f}" for t in self.acceptable) + ")"
        row = self.current_row
        inside = row is not None and row.within_target
        return f"{targets} hold for thresholds {where}; the current {self.current:.3f} is " + (
            "inside that range." if inside else "OUTSIDE that range."
        )


def threshold_grid(
    start: float = DEFAULT_START,
    stop: float = DEFAULT_STOP,
    step: float = DEFAULT_STEP,
    include: Sequence[float] = (),
) -> list[float]:
    """Evenly spaced thresholds from start to stop inclusive, plus ``include`` (the current
    setting, so it is always measured even when off-grid). Computed as start + i*step and
    rounded, so 0.2 + 6*0.025 is 0.35 and not 0.35000000000000003."""
    if step <= 0 or stop < start:
        raise ValueError("need step > 0 and stop >= start")
    count = math.floor((stop - start) / step + 1e-9) + 1
    values = {round(start + i * step, 6) for i in range(count)}
    values.update(round(v, 6) for v in include)
    return sorted(values)


def outcome_of(case: QACase, run: QARun, corpus: set[str], route: str = "") -> CaseOutcome:
    """Score an answer with the eval harness's own :func:`~evals.scoring.score_case`, so fact
    recall (any_of, case-insensitive substring), abstention and pass/fail here are exactly what
    ``assistant eval`` would report for the same answer. ``route`` is the answerer's debug
    route (not part of the dumped answer), which says whether the threshold gate refused."""
    score = score_case(case, run, corpus)
    found, total = score.metrics.get("fact_recall", (0.0, 0.0))
    return CaseOutcome(
        case_id=case.id,
        answerable=case.answerable,
        abstained=bool(score.abstained),
        facts_found=int(found),
        facts_total=int(total),
        passed=score.passed,
        weak_retrieval=route.startswith(WEAK_RETRIEVAL_ROUTE),
        error=run.answer is None,
    )


def _row(
    threshold: float,
    outcomes: Sequence[CaseOutcome],
    current: float,
    min_abstention_recall: float,
    max_false_refusal: float,
) -> ThresholdRow:
    scored = [o for o in outcomes if not o.error]
    ratios = [abstention_ratios(o.answerable, o.abstained) for o in scored]
    recall = [r["abstention_recall"] for r in ratios]
    refusal = [r["false_refusal_rate"] for r in ratios]
    facts: list[Ratio] = [
        (float(o.facts_found), float(o.facts_total)) for o in outcomes if o.answerable
    ]
    passes: list[Ratio] = [(float(o.passed), 1.0) for o in outcomes]
    abstention_recall = aggregate(recall)
    false_refusal_rate = aggregate(refusal)
    within = (
        abstention_recall is not None
        and false_refusal_rate is not None
        and abstention_recall >= min_abstention_recall - _EPS
        and false_refusal_rate <= max_false_refusal + _EPS
    )
    return ThresholdRow(
        threshold=threshold,
        abstention_recall=abstention_recall,
        abstained_unanswerable=int(sum(n for n, _ in recall)),
        unanswerable=int(sum(d for _, d in recall)),
        false_refusal_rate=false_refusal_rate,
        refused_answerable=int(sum(n for n, _ in refusal)),
        answerable=int(sum(d for _, d in refusal)),
        fact_recall=aggregate(facts),
        case_pass_rate=aggregate(passes),
        weak_retrieval=sum(1 for o in scored if o.weak_retrieval),
        current=math.isclose(threshold, current, abs_tol=1e-6),
        within_target=within,
    )


def sweep(
    outcomes: Mapping[float, Sequence[CaseOutcome]],
    current: float,
    min_abstention_recall: float = MIN_ABSTENTION_RECALL,
    max_false_refusal: float = MAX_FALSE_REFUSAL,
) -> Calibration:
    """Per-threshold outcomes → the calibration table. Pure: no model, no files, so the
    arithmetic and the range rule are unit-tested on hand-written outcomes.

    Rates are ratios of sums over cases, as in :mod:`evals.metrics.stats`: abstention recall
    over unanswerable cases, false refusals and fact recall over answerable ones, case pass
    rate over all. A threshold is within target when both abstention bounds hold.
    """
    if not outcomes:
        raise ValueError("no thresholds to sweep")
    counts = {len(v) for v in outcomes.values()}
    if len(counts) != 1:
        raise ValueError("every threshold must score the same cases")
    rows = [
        _row(t, outcomes[t], current, min_abstention_recall, max_false_refusal)
        for t in sorted(outcomes)
    ]
    first = next(iter(outcomes.values()))
    return Calibration(
        rows=rows,
        current=current,
        min_abstention_recall=min_abstention_recall,
        max_false_refusal=max_false_refusal,
        cases=counts.pop(),
        errors=sum(1 for o in first if o.error),
    )


# --- running the real assistant ---------------------------------------------------------
def dev_suite_paths(names: Sequence[str] = DEV_SUITES, folder: Path = SUITES_DIR) -> list[Path]:
    """Paths of the development suites; refuses the unseen holdout so it is never read."""
    unseen = [n for n in names if Path(n).name in UNSEEN_SUITES]
    if unseen:
        raise CalibrationError(f"{', '.join(unseen)} is never used for tuning or calibration")
    return [folder / n for n in names]


def question_cases(paths: Sequence[Path]) -> list[QACase]:
    """The question cases of the suites (``kind: draft`` cases have no abstention to tune)."""
    if any(p.name in UNSEEN_SUITES for p in paths):
        raise CalibrationError("the unseen holdout is never used for tuning or calibration")
    cases = [c for c in load_suites(list(paths)) if isinstance(c, QACase)]
    if not cases:
        raise CalibrationError("the suites hold no question cases")
    return cases


def collect(
    assistant: Assistant,
    cases: Sequence[QACase],
    thresholds: Sequence[float],
    on_case: Callable[[QACase], None] | None = None,
) -> dict[float, list[CaseOutcome]]:
    """Retrieve once per question, then answer and score it at every threshold.

    Retrieval is the answer chain's own first step (:meth:`Assistant.gather_evidence`), so the
    evidence is what ``assistant eval`` answers from; the answers are not logged as ``ask``
    would, so a sweep leaves no trace in the feedback log.
    """
    store = assistant.components.store
    if store.index_version()[0] == 0 or not assistant.documents():
        raise CalibrationError("Nothing is indexed: run `assistant ingest` first.")
    corpus = {d.source for d in assistant.documents()}
    answerers = {t: ExtractiveAnswerer(store, t) for t in thresholds}
    out: dict[float, list[CaseOutcome]] = {t: [] for t in thresholds}
    assistant.warm()
    for case in cases:
        filters = Filters.model_validate(case.filters) if case.filters else None
        try:
            evidence = assistant.gather_evidence(case.question, case.history, filters, "extractive")
        except Exception as exc:  # a crash is a failed case at every threshold, as in evals
            log.warning("case %s: retrieval failed: %s", case.id, exc)
            failed = QARun(error=f"{type(exc).__name__}: {exc}")
            for t in thresholds:
                out[t].append(outcome_of(case, failed, corpus))
        else:
            for t, answerer in answerers.items():
                route = ""
                try:  # the chain's answer step, minus the answer log: no trace of a sweep
                    answer = answerer.answer(evidence.question, evidence.result)
                    run = QARun(answer=answer.model_dump(mode="json"))
                    route = str((answer.debug or {}).get("route", ""))
                except Exception as exc:
                    run = QARun(error=f"{type(exc).__name__}: {exc}")
                out[t].append(outcome_of(case, run, corpus, route))
        if on_case is not None:
            on_case(case)
    return out


def calibrate(
    assistant: Assistant,
    thresholds: Sequence[float] | None = None,
    suite_paths: Sequence[Path] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_case: Callable[[QACase], None] | None = None,
) -> Calibration:
    """The whole sweep on the development suites with the assistant's current threshold
    marked (and always measured, even when it is off the grid)."""
    current = assistant.settings.abstain_threshold
    paths = list(suite_paths) if suite_paths is not None else dev_suite_paths()
    grid = threshold_grid(include=[current]) if thresholds is None else list(thresholds)
    if not any(math.isclose(t, current, abs_tol=1e-6) for t in grid):
        grid = sorted([*grid, current])
    cases = question_cases(paths)
    if on_start is not None:
        on_start(len(cases))
    result = sweep(collect(assistant, cases, grid, on_case), current)
    return replace(result, suites=tuple(p.name for p in paths))


# --- rendering ----------------------------------------------------------------------------
def _rate(value: float | None, num: int | None = None, den: int | None = None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" + (f" ({num}/{den})" if num is not None and den is not None else "")


HEADERS = (
    "threshold",
    "abstention recall",
    "false refusals",
    "fact recall",
    "case pass",
    "weak-retrieval abstains",
    "both targets",
)


def table_rows(calibration: Calibration) -> list[list[str]]:
    """Cells shared by the console table and the Markdown table, so they cannot disagree."""
    rows = []
    for r in calibration.rows:
        rows.append(
            [
                f"{r.threshold:.3f}" + (" (current)" if r.current else ""),
                _rate(r.abstention_recall, r.abstained_unanswerable, r.unanswerable),
                _rate(r.false_refusal_rate, r.refused_answerable, r.answerable),
                _rate(r.fact_recall),
                _rate(r.case_pass_rate),
                str(r.weak_retrieval),
                "yes" if r.within_target else "no",
            ]
        )
    return rows


def rich_table(calibration: Calibration) -> Table:
    table = Table(
        title=(
            f"abstain_threshold sweep · {calibration.cases} questions · "
            f"targets: abstention recall >= {calibration.min_abstention_recall:.2f}, "
            f"false refusals <= {calibration.max_false_refusal:.2f}"
        ),
        title_justify="left",
    )
    for header in HEADERS:
        table.add_column(header, justify="left" if header == "threshold" else "right")
    for row, cells in zip(calibration.rows, table_rows(calibration), strict=True):
        style = "bold" if row.current else ("green" if row.within_target else None)
        table.add_row(*cells, style=style)
    return table


def markdown(calibration: Calibration, plot_note: str = "") -> str:
    """The report a person reads: settings, targets, the table, the verdict."""
    suites = ", ".join(calibration.suites) or "(given cases)"
    lines = [
        "# Abstention threshold calibration",
        "",
        f"Generated {datetime.now(UTC).isoformat(timespec='seconds')} by "
        "`python -m evals.calibrate`.",
        "",
        f"- suites: {suites} ({calibration.cases} question cases; draft cases and the unseen "
        "holdout4.yaml are not used)",
        f"- current `abstain_threshold` (ASSISTANT_ABSTAIN_THRESHOLD): {calibration.current:.3f}",
        f"- targets: abstention recall >= {calibration.min_abstention_recall:.2f} on "
        f"unanswerable questions, false-refusal rate <= {calibration.max_false_refusal:.2f} "
        "on answerable ones",
        "- retrieval ran once per question; each threshold re-answered the same evidence with "
        "the extractive answerer and was scored by `evals.scoring.score_case`",
    ]
    if calibration.errors:
        lines.append(f"- {calibration.errors} case(s) failed to run (scored as failures)")
    lines += ["", f"**{calibration.verdict()}**", ""]
    rows = [
        [f"**{c}**" for c in cells] if row.current else cells
        for row, cells in zip(calibration.rows, table_rows(calibration), strict=True)
    ]
    note = (
        "Abstention recall: unanswerable questions answered with “not found” / unanswerable "
        "questions. False refusals: answerable questions refused / answerable questions. Fact "
        "recall: required facts found in the answer / required facts, over answerable questions "
        "(the `assistant eval` rule). Weak-retrieval abstains: questions refused by this gate "
        "(top retrieval score under the threshold); other abstentions come from later evidence "
        "checks and do not move with the threshold."
    )
    lines.append(table_md(ReportTable("Sweep", list(HEADERS), rows, note)))
    if plot_note:
        lines += ["", plot_note]
    return "\n".join(lines) + "\n"


def plot(calibration: Calibration, path: Path) -> bool:
    """Two panels sharing the threshold axis (false refusals need their own small scale);
    False when matplotlib is not installed, so the rest of the report is still written."""
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r.threshold for r in calibration.rows]

    def series(values: list[float | None]) -> list[float]:
        return [math.nan if v is None else v for v in values]

    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(8, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    top.plot(
        xs, series([r.abstention_recall for r in calibration.rows]), "o-", label="abstention recall"
    )
    top.plot(xs, series([r.fact_recall for r in calibration.rows]), "s-", label="fact recall")
    top.plot(xs, series([r.case_pass_rate for r in calibration.rows]), "^-", label="case pass rate")
    top.axhline(calibration.min_abstention_recall, color="grey", linestyle=":", linewidth=1)
    top.set_ylabel("rate")
    top.set_title("abstain_threshold sweep (development suites)")
    refusals = series([r.false_refusal_rate for r in calibration.rows])
    bottom.plot(xs, refusals, "o-", color="tab:red", label="false-refusal rate")
    bottom.axhline(calibration.max_false_refusal, color="grey", linestyle=":", linewidth=1)
    finite = [v for v in refusals if not math.isnan(v)]
    bottom.set_ylim(0, max([calibration.max_false_refusal * 2, *finite]) * 1.1)
    bottom.set_ylabel("rate")
    bottom.set_xlabel("abstain_threshold")
    span = calibration.acceptable_range
    gaps = [b - a for a, b in pairwise(xs) if b > a]
    half = min(gaps, default=DEFAULT_STEP) / 2
    for axis in (top, bottom):
        if span is not None:
            axis.axvspan(span[0] - half, span[1] + half, color="tab:green", alpha=0.12)
        axis.axvline(calibration.current, color="black", linestyle="--", linewidth=1)
        axis.legend(loc="best", fontsize="small")
    figure.text(
        0.01,
        0.005,
        "green: both targets hold · dashed: current setting · dotted: targets",
        fontsize="small",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(figure)
    return True


def write_report(calibration: Calibration, directory: Path) -> list[Path]:
    """calibration.md, calibration.json and (with matplotlib) calibration.png."""
    directory.mkdir(parents=True, exist_ok=True)
    png = directory / "calibration.png"
    plotted = plot(calibration, png)
    note = (
        "![sweep](calibration.png)"
        if plotted
        else "(matplotlib is not installed: no plot was drawn.)"
    )
    written = [directory / "calibration.md", directory / "calibration.json"]
    written[0].write_text(markdown(calibration, note), encoding="utf-8")
    payload = {
        **asdict(calibration),
        "acceptable": calibration.acceptable,
        "acceptable_range": calibration.acceptable_range,
        "verdict": calibration.verdict(),
    }
    written[1].write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return [*written, png] if plotted else written


# --- entry point --------------------------------------------------------------------------
def run(
    report_dir: Path = DEFAULT_REPORT_DIR,
    start: float = DEFAULT_START,
    stop: float = DEFAULT_STOP,
    step: float = DEFAULT_STEP,
    console: Console | None = None,
) -> int:
    """Build the assistant from settings (as ``assistant eval`` does), sweep, print, write.
    Returns 0, or 2 when the sweep could not run (the eval harness's exit code for that)."""
    # piped output (CI logs, README excerpts) gets room for the whole table, not 80 columns
    out = console or Console(width=None if sys.stdout.isatty() else 120)
    err = Console(stderr=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = Settings()
        assistant = Assistant(build_components(settings))
        grid = threshold_grid(start, stop, step, include=[settings.abstain_threshold])
        progress = Progress(
            TextColumn("[bold]calibrate[/bold] {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
        )
        task = progress.add_task("loading", total=None)
        with progress:
            calibration = calibrate(
                assistant,
                grid,
                on_start=lambda n: progress.update(task, total=n, description="questions"),
                on_case=lambda c: progress.update(task, advance=1, description=c.id),
            )
    except (CalibrationError, ValueError) as exc:
        err.print(f"[red]calibration could not run[/red]: {exc}", highlight=False)
        return 2
    out.print(rich_table(calibration))
    out.print(calibration.verdict(), highlight=False)
    written = write_report(calibration, report_dir)
    if not any(p.suffix == ".png" for p in written):
        out.print("matplotlib is not installed: no plot was drawn", highlight=False)
    err.print(f"reports: {', '.join(str(p) for p in written)}", highlight=False)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m evals.calibrate``: argparse here so the module runs without the CLI."""
    parser = argparse.ArgumentParser(
        prog="python -m evals.calibrate",
        description="Sweep ASSISTANT_ABSTAIN_THRESHOLD over the development eval suites.",
    )
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT_DIR, help="report dir")
    parser.add_argument("--start", type=float, default=DEFAULT_START)
    parser.add_argument("--stop", type=float, default=DEFAULT_STOP)
    parser.add_argument("--step", type=float, default=DEFAULT_STEP)
    args = parser.parse_args(argv)
    return run(args.report, args.start, args.stop, args.step)


if __name__ == "__main__":
    raise SystemExit(main())
