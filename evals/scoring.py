"""Case runs → per-case scores (pass/fail with reasons, per-metric ratios) → summaries:
headline with bootstrap CIs, per suite with thresholds, per tag, ablation and latency."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from evals.cases import Case, DraftCase, QACase, Thresholds
from evals.metrics.abstention import abstention_ratios
from evals.metrics.answer import (
    citation_precision,
    citation_valid,
    fact_hits,
    forbidden_found,
    is_supported,
    markers,
    unsupported_literals,
)
from evals.metrics.drafts import include_exclude
from evals.metrics.retrieval import (
    Retrieved,
    hit_at_k,
    ndcg_at_k,
    reciprocal_rank,
    span_recall,
    spans_in,
)
from evals.metrics.stats import Ratio, aggregate, bootstrap_ci, percentile
from evals.runs import MAIN_SYSTEM, SYSTEMS, CaseRun, DraftRun, QARun, RankedChunk

RETRIEVAL_METRICS = (
    "hit_at_1",
    "hit_at_3",
    "hit_at_5",
    "hit_at_10",
    "mrr_at_10",
    "ndcg_at_10",
    "context_recall_at_5",
)
ANSWER_METRICS = (
    "fact_recall",
    "forbidden_hit_rate",
    "citation_validity",
    "citation_precision",
    "groundedness",
    "unsupported_literal_rate",
)
ABSTENTION_METRICS = ("abstention_precision", "abstention_recall", "false_refusal_rate")
DRAFT_METRICS = (
    "draft_include_accuracy",
    "draft_included_recall",
    "draft_excluded_accuracy",
    "draft_citation_validity",
)
HEADLINE = (
    "case_pass_rate",
    *RETRIEVAL_METRICS,
    *ANSWER_METRICS,
    *ABSTENTION_METRICS,
    *DRAFT_METRICS,
)
LOWER_IS_BETTER = frozenset(
    {"false_refusal_rate", "forbidden_hit_rate", "unsupported_literal_rate"}
)
TAG_METRICS = (
    "case_pass_rate",
    "fact_recall",
    "hit_at_5",
    "context_recall_at_5",
    "groundedness",
    "abstention_recall",
    "false_refusal_rate",
    "draft_include_accuracy",
)
ABLATION_METRICS = ("hit_at_1", "hit_at_3", "hit_at_5", "hit_at_10", "mrr_at_10", "ndcg_at_10")


class CaseScore(BaseModel):
    """One case, scored: everything the reports show and the baseline compares."""

    id: str
    suite: str
    kind: str
    tags: list[str] = Field(default_factory=list)
    passed: bool
    reasons: list[str] = Field(default_factory=list)
    metrics: dict[str, tuple[float, float]] = Field(default_factory=dict)
    systems: dict[str, dict[str, tuple[float, float]]] = Field(default_factory=dict)
    question: str = ""
    expected: str = ""
    answer: str = ""
    abstained: bool | None = None
    citations: list[dict[str, Any]] = Field(default_factory=list)
    retrieved: list[dict[str, Any]] = Field(default_factory=list)
    support: list[dict[str, Any]] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    cached: bool = False
    error: str | None = None


def retrieval_ratios(ranked: Sequence[RankedChunk], case: QACase) -> dict[str, Ratio]:
    items = [Retrieved(c.source, c.text) for c in ranked]
    out: dict[str, Ratio] = {
        f"hit_at_{k}": (hit_at_k(items, case.gold_sources, k), 1.0) for k in (1, 3, 5, 10)
    }
    out["mrr_at_10"] = (reciprocal_rank(items, case.gold_sources, 10), 1.0)
    if case.gold_spans:
        out["ndcg_at_10"] = (ndcg_at_k(items, case.gold_spans, 10), 1.0)
        found, total = span_recall(items, case.gold_spans, 5)
        out["context_recall_at_5"] = (float(found), float(total))
    return out


def _expected(case: Case) -> str:
    if isinstance(case, DraftCase):
        include = "; ".join(case.must_include_actions) or "–"
        exclude = "; ".join(case.must_exclude_actions) or "–"
        return f"include: {include} · exclude: {exclude}"
    if not case.answerable:
        forbidden = f" (never: {', '.join(case.forbidden)})" if case.forbidden else ""
        return "abstain" + forbidden
    facts = " AND ".join(" | ".join(f.any_of) for f in case.required_facts) or "(no facts)"
    return facts + (f" · never: {', '.join(case.forbidden)}" if case.forbidden else "")


def score_case(case: Case, run: CaseRun, corpus: set[str]) -> CaseScore:
    if isinstance(case, DraftCase):
        assert isinstance(run, DraftRun)
        return _score_draft(case, run)
    assert isinstance(run, QARun)
    return _score_qa(case, run, corpus)


def _score_qa(case: QACase, run: QARun, corpus: set[str]) -> CaseScore:
    score = CaseScore(
        id=case.id,
        suite=case.suite,
        kind="qa",
        tags=case.tags,
        passed=False,
        question=case.question,
        expected=_expected(case),
        timings_ms=run.timings_ms,
        cached=run.cached,
        error=run.error,
    )
    if run.answer is None:
        score.reasons.append(f"error: {run.error}")
        if case.answerable:
            score.metrics["fact_recall"] = (0.0, float(len(case.required_facts)))
        score.metrics["case_pass_rate"] = (0.0, 1.0)
        return score
    answer_text = str(run.answer["answer"])
    abstained = bool(run.answer["abstained"])
    citations = list(run.answer.get("citations", []))
    score.answer, score.abstained = answer_text, abstained
    score.citations = [
        {k: c.get(k) for k in ("id", "source", "section", "score", "chunk_id")} for c in citations
    ]
    metrics = score.metrics
    metrics.update(abstention_ratios(case.answerable, abstained))

    hits = fact_hits(answer_text, [f.any_of for f in case.required_facts])
    if case.answerable:
        metrics["fact_recall"] = (float(sum(hits)), float(len(hits)))
        missing = [
            " | ".join(f.any_of) for f, ok in zip(case.required_facts, hits, strict=True) if not ok
        ]
        if missing:
            score.reasons.append("missing facts: " + "; ".join(missing))
        if abstained:
            score.reasons.append("abstained on an answerable question")
    elif not abstained:
        score.reasons.append("answered an unanswerable question")
    leaked = forbidden_found(answer_text, case.forbidden)
    metrics["forbidden_hit_rate"] = (float(bool(leaked)), 1.0)
    if leaked:
        score.reasons.append("forbidden: " + ", ".join(leaked))

    sources = {int(c["id"]): str(c["source"]) for c in citations}
    valid = citation_valid(answer_text, sources, corpus)
    metrics["citation_validity"] = (float(valid), 1.0)
    if not valid:
        score.reasons.append(f"invalid citation markers {markers(answer_text)}")
    used = [sources[n] for n in markers(answer_text) if n in sources]
    if case.answerable and case.gold_sources and not abstained:
        good, total = citation_precision(used, case.gold_sources)
        metrics["citation_precision"] = (float(good), float(total))

    if not abstained:
        checked = [s for s in run.support if s.checkable]
        if checked:
            supported = sum(1 for s in checked if is_supported(s.cosine, s.lexical))
            metrics["groundedness"] = (float(supported), float(len(checked)))
        score.support = [
            {**s.model_dump(), "supported": is_supported(s.cosine, s.lexical)} for s in checked
        ]
        cited = [run.cited_texts[n] for n in markers(answer_text) if n in run.cited_texts]
        missing_literals, total_literals = unsupported_literals(answer_text, cited)
        if total_literals:
            metrics["unsupported_literal_rate"] = (
                float(len(missing_literals)),
                float(total_literals),
            )

    if run.error:  # the answer came back but a retrieval for the ablation failed
        score.reasons.append(f"error: {run.error}")
    if case.scores_retrieval:
        for system in SYSTEMS:
            if system in run.retrieval:
                score.systems[system] = retrieval_ratios(run.retrieval[system], case)
        if MAIN_SYSTEM not in score.systems:  # a crashed retriever found nothing
            score.systems[MAIN_SYSTEM] = retrieval_ratios([], case)
        metrics.update(score.systems.get(MAIN_SYSTEM, {}))
        score.retrieved = [
            {
                "id": c.id,
                "source": c.source,
                "score": round(c.score, 4),
                "gold_spans": sorted(spans_in(c.text, case.gold_spans)),
            }
            for c in run.retrieval.get(MAIN_SYSTEM, [])[:5]
        ]
    score.passed = not score.reasons
    metrics["case_pass_rate"] = (float(score.passed), 1.0)
    return score


def _score_draft(case: DraftCase, run: DraftRun) -> CaseScore:
    score = CaseScore(
        id=case.id,
        suite=case.suite,
        kind="draft",
        tags=case.tags,
        passed=False,
        question=" · ".join(
            f"{k}={v}"
            for k, v in (("owner", case.owner), ("aim", case.aim), ("status", case.status))
            if v
        ),
        expected=_expected(case),
        answer=run.markdown,
        timings_ms=run.timings_ms,
        cached=run.cached,
        error=run.error,
    )
    n_inc, n_exc = len(case.must_include_actions), len(case.must_exclude_actions)
    if run.error is not None:
        score.reasons.append(f"error: {run.error}")
        missing, leaked = list(case.must_include_actions), list[str]()
    else:
        missing, leaked = include_exclude(
            run.actions, case.must_include_actions, case.must_exclude_actions
        )
    checks = n_inc + n_exc
    held = checks - len(missing) - (len(leaked) if run.error is None else n_exc)
    score.metrics["draft_include_accuracy"] = (float(held), float(checks))
    score.metrics["draft_included_recall"] = (float(n_inc - len(missing)), float(n_inc))
    if run.error is None:
        score.metrics["draft_excluded_accuracy"] = (float(n_exc - len(leaked)), float(n_exc))
    score.metrics["draft_citation_validity"] = (float(run.citations_valid and not run.error), 1.0)
    if missing:
        score.reasons.append("missing actions: " + "; ".join(missing))
    if leaked:
        score.reasons.append("should not include: " + "; ".join(leaked))
    if not run.citations_valid:
        score.reasons.append("a [row N] citation names no selected row")
    score.passed = not score.reasons
    score.metrics["case_pass_rate"] = (float(score.passed), 1.0)
    return score


# --- summaries ---------------------------------------------------------------------------
class MetricValue(BaseModel):
    value: float | None
    low: float | None = None
    high: float | None = None
    cases: int = 0


def metric_value(
    scores: Iterable[CaseScore], metric: str, ci: bool = False, seed: int = 0, samples: int = 1000
) -> MetricValue:
    ratios = [s.metrics[metric] for s in scores if metric in s.metrics]
    ratios = [r for r in ratios if r[1] > 0]
    value = aggregate(ratios)
    out = MetricValue(value=value, cases=len(ratios))
    if ci and value is not None:
        interval = bootstrap_ci(ratios, samples=samples, seed=seed)
        if interval is not None:
            out.low, out.high = interval
    return out


def summarise(
    scores: Sequence[CaseScore], metrics: Sequence[str] = HEADLINE, ci: bool = False, seed: int = 0
) -> dict[str, MetricValue]:
    return {m: metric_value(scores, m, ci=ci, seed=seed) for m in metrics}


def system_summary(scores: Sequence[CaseScore]) -> dict[str, dict[str, MetricValue]]:
    """The ablation table: each retrieval system over the same answerable cases."""
    out: dict[str, dict[str, MetricValue]] = {}
    for system in SYSTEMS:
        rows = [s for s in scores if system in s.systems]
        if not rows:
            continue
        out[system] = {}
        for metric in (*ABLATION_METRICS, "context_recall_at_5"):
            ratios = [s.systems[system][metric] for s in rows if metric in s.systems[system]]
            out[system][metric] = MetricValue(value=aggregate(ratios), cases=len(ratios))
        stage = (
            "retrieve.langchain-naive" if system.startswith("langchain") else f"retrieve.{system}"
        )
        times = [s.timings_ms[stage] for s in rows if stage in s.timings_ms and not s.cached]
        out[system]["latency_p50_ms"] = MetricValue(value=percentile(times, 50), cases=len(times))
    return out


class ThresholdCheck(BaseModel):
    suite: str
    metric: str
    bound: float
    maximum: bool
    value: float | None
    passed: bool


def check_thresholds(scores: Sequence[CaseScore], thresholds: Thresholds) -> list[ThresholdCheck]:
    """Per suite file: each listed metric against its minimum (or ``*_max`` maximum). A metric
    the suite has no cases for is reported as n/a and does not fail."""
    checks = []
    suites = dict.fromkeys(s.suite for s in scores)
    for suite in suites:
        rows = [s for s in scores if s.suite == suite]
        for name, bound in thresholds.get(suite, {}).items():
            maximum = name.endswith("_max")
            metric = name.removesuffix("_max")
            value = metric_value(rows, metric).value
            if value is None:
                passed = True
            else:
                passed = value <= bound + 1e-9 if maximum else value >= bound - 1e-9
            checks.append(
                ThresholdCheck(
                    suite=suite,
                    metric=metric,
                    bound=bound,
                    maximum=maximum,
                    value=value,
                    passed=passed,
                )
            )
    return checks


def per_tag(scores: Sequence[CaseScore]) -> dict[str, dict[str, MetricValue]]:
    tags = sorted({t for s in scores for t in s.tags})
    out = {}
    for tag in tags:
        rows = [s for s in scores if tag in s.tags]
        out[tag] = {"cases": MetricValue(value=float(len(rows)), cases=len(rows))}
        out[tag].update(summarise(rows, TAG_METRICS))
    return out


class StageLatency(BaseModel):
    stage: str
    cases: int
    p50_ms: float | None
    p95_ms: float | None


def latency(scores: Sequence[CaseScore]) -> list[StageLatency]:
    """p50/p95 per stage over freshly run cases (cached cases keep their old timings out)."""
    stages: dict[str, list[float]] = {}
    for score in scores:
        if score.cached:
            continue
        for stage, value in score.timings_ms.items():
            stages.setdefault(stage, []).append(value)
    return [
        StageLatency(stage=k, cases=len(v), p50_ms=percentile(v, 50), p95_ms=percentile(v, 95))
        for k, v in sorted(stages.items())
    ]
