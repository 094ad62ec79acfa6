"""The report's tables as plain rows, shared by the Markdown and HTML renderers."""

from __future__ import annotations

from dataclasses import dataclass, field

from evals.report import EvalReport
from evals.runs import MAIN_SYSTEM
from evals.scoring import RETRIEVAL_METRICS, TAG_METRICS, MetricValue

LABELS = {
    "case_pass_rate": "case pass rate",
    "hit_at_1": "hit@1",
    "hit_at_3": "hit@3",
    "hit_at_5": "hit@5",
    "hit_at_10": "hit@10",
    "mrr_at_10": "MRR@10",
    "ndcg_at_10": "nDCG@10",
    "context_recall_at_5": "context recall@5",
    "fact_recall": "fact recall",
    "forbidden_hit_rate": "forbidden-hit rate ↓",
    "citation_validity": "citation validity",
    "citation_precision": "citation precision",
    "groundedness": "groundedness",
    "unsupported_literal_rate": "unsupported-literal rate ↓",
    "abstention_precision": "abstention precision",
    "abstention_recall": "abstention recall",
    "false_refusal_rate": "false-refusal rate ↓",
    "draft_include_accuracy": "draft include/exclude accuracy",
    "draft_included_recall": "draft included recall",
    "draft_excluded_accuracy": "draft excluded accuracy",
    "draft_citation_validity": "draft citation validity",
    "latency_p50_ms": "retrieve p50 ms",
}
BEAT_METRICS = ("hit_at_1", "mrr_at_10", "context_recall_at_5")
BASELINES = ("langchain-naive@4", "langchain-naive@10", "bm25")


def label(metric: str) -> str:
    return LABELS.get(metric, metric)


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def fmt_ci(metric: MetricValue) -> str:
    if metric.low is None or metric.high is None:
        return "–"
    return f"[{metric.low:.3f}, {metric.high:.3f}]"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


def headline_table(report: EvalReport) -> Table:
    table = Table(
        "Headline (all suites)",
        ["metric", "value", "95% CI (bootstrap)", "cases"],
        note="↓ lower is better. CIs: percentile bootstrap over cases, 1000 resamples, "
        f"seed {report.seed}. Retrieval metrics are for the assistant's {MAIN_SYSTEM} retriever.",
    )
    for metric, value in report.headline.items():
        if value.value is None:
            continue
        table.rows.append([label(metric), fmt(value.value), fmt_ci(value), str(value.cases)])
    return table


def suite_table(report: EvalReport) -> Table:
    metrics = [
        "case_pass_rate",
        "fact_recall",
        "hit_at_5",
        "context_recall_at_5",
        "citation_validity",
        "groundedness",
        "abstention_precision",
        "abstention_recall",
        "false_refusal_rate",
        "draft_include_accuracy",
    ]
    table = Table("Per suite", ["suite", "cases", *[label(m) for m in metrics]])
    for suite, values in report.by_suite.items():
        n = sum(1 for c in report.cases if c.suite == suite)
        table.rows.append([suite, str(n), *[fmt(values[m].value) for m in metrics]])
    return table


def threshold_table(report: EvalReport) -> Table:
    table = Table("Thresholds", ["suite", "metric", "bound", "value", "result"])
    for check in report.thresholds:
        bound = f"≤ {check.bound:g}" if check.maximum else f"≥ {check.bound:g}"
        result = "n/a" if check.value is None else ("pass" if check.passed else "**FAIL**")
        table.rows.append([check.suite, label(check.metric), bound, fmt(check.value), result])
    return table


def ablation_table(report: EvalReport) -> Table:
    metrics = [*RETRIEVAL_METRICS, "latency_p50_ms"]
    n = next(iter(report.ablation.values()))["hit_at_1"].cases if report.ablation else 0
    table = Table(
        "Retrieval ablation and baselines",
        ["system", *[label(m) for m in metrics]],
        note=(
            f"Same {n} answerable cases, one run. vector/keyword/hybrid/hybrid+rescore are the "
            "assistant's retriever modes (Assistant.retrieve). langchain-naive: "
            "RecursiveCharacterTextSplitter(1000, 200) over the raw corpus files, same embedding "
            "model, in-memory Chroma via langchain-chroma, top-4 (so hit@5/hit@10/recall@5 are "
            "computed on 4 chunks) and top-10. bm25: rank_bm25 BM25Okapi over the same "
            f"{report.baseline_chunks} chunks. Hit/MRR: a chunk from a gold source; "
            "recall/nDCG: gold spans inside the chunks."
        ),
    )
    for system, values in report.ablation.items():
        cells = [
            fmt(values[m].value, 1 if m == "latency_p50_ms" else 3) if m in values else "–"
            for m in metrics
        ]
        name = f"**{system}**" if system == MAIN_SYSTEM else system
        table.rows.append([name, *cells])
    return table


def beats_baselines(report: EvalReport) -> list[str]:
    """One line per metric issue 3 names: does the assistant's retriever beat each baseline?"""
    main = report.ablation.get(MAIN_SYSTEM)
    if not main:
        return []
    lines = []
    for metric in BEAT_METRICS:
        ours = main[metric].value
        parts = []
        for baseline in BASELINES:
            theirs = report.ablation.get(baseline, {}).get(metric)
            if theirs is None or theirs.value is None or ours is None:
                continue
            if abs(ours - theirs.value) < 1e-9:
                verdict = "ties"
            else:
                verdict = "beats" if ours > theirs.value else "does NOT beat"
            parts.append(f"{verdict} {baseline} ({fmt(ours)} vs {fmt(theirs.value)})")
        if parts:
            lines.append(f"{label(metric)}: {MAIN_SYSTEM} " + "; ".join(parts))
    return lines


def tag_table(report: EvalReport) -> Table:
    table = Table("Per tag", ["tag", "cases", *[label(m) for m in TAG_METRICS]])
    for tag, values in report.tags.items():
        cells = [fmt(values[m].value) for m in TAG_METRICS]
        table.rows.append([tag, str(int(values["cases"].value or 0)), *cells])
    return table


def latency_table(report: EvalReport) -> Table:
    fresh = report.cases_total - report.cached_cases
    table = Table(
        "Latency per stage (ms)",
        ["stage", "cases", "p50", "p95"],
        note=f"Measured on the {fresh} cases run fresh (cached answers keep no timings); "
        "model warmed before the first case.",
    )
    for stage in report.latency:
        table.rows.append(
            [stage.stage, str(stage.cases), fmt(stage.p50_ms, 1), fmt(stage.p95_ms, 1)]
        )
    return table


def regression_table(report: EvalReport) -> Table | None:
    regression = report.regression
    if regression is None:
        return None
    table = Table(
        f"Regression vs {regression.baseline_file}",
        ["metric", "baseline", "now", "Δ", "P(no drop)", "cases", "result"],
        note=f"Paired bootstrap over {regression.shared_cases} shared cases; a metric fails when "
        f"it is worse by more than {regression.tolerance:g} and P(no drop) < 0.05.",
    )
    for delta in regression.deltas:
        table.rows.append(
            [
                label(delta.metric),
                fmt(delta.baseline),
                fmt(delta.current),
                f"{delta.delta:+.3f}",
                fmt(delta.p_no_drop, 2),
                str(delta.cases),
                "**REGRESSED**" if delta.regressed else "ok",
            ]
        )
    return table


def status_lines(report: EvalReport) -> list[str]:
    lines = []
    for check in report.failed_thresholds:
        op = "≤" if check.maximum else "≥"
        lines.append(
            f"threshold failed: {check.suite} {label(check.metric)} = {fmt(check.value)} "
            f"(needs {op} {check.bound:g})"
        )
    if report.regression is not None:
        for delta in report.regression.regressed:
            lines.append(
                f"regression: {label(delta.metric)} {fmt(delta.baseline)} → {fmt(delta.current)}"
            )
        if report.regression.newly_failing:
            lines.append(
                "passed in the baseline, fail now: " + ", ".join(report.regression.newly_failing)
            )
    return lines
