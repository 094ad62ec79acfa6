"""Case scoring, thresholds, exit codes and baseline regression detection on synthetic runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.cases import DraftCase, QACase
from evals.regression import compare, load_baseline
from evals.report import EXIT_FAIL, EXIT_PASS, EvalReport, baseline_payload, exit_code
from evals.runs import DraftRun, QARun, RankedChunk, SentenceSupport
from evals.scoring import CaseScore, check_thresholds, metric_value, score_case, summarise

SRC = "plans/a.txt"
CORPUS = {SRC, "plans/b.txt"}


def qa_case(**overrides: object) -> QACase:
    data: dict[str, object] = {
        "id": "c1",
        "suite": "s.yaml",
        "question": "Which zone?",
        "answerable": True,
        "required_facts": [{"any_of": ["Warton"]}],
        "forbidden": ["Samlesbury"],
        "gold_sources": [SRC],
        "gold_spans": ["Warton Enterprise Zone"],
        "tags": ["fact"],
    }
    data.update(overrides)
    return QACase.model_validate(data)


def qa_run(text: str, abstained: bool = False, source: str = SRC) -> QARun:
    chunk = RankedChunk(id="x", source=SRC, score=1.0, text="Warton Enterprise Zone is prime")
    return QARun(
        answer={
            "answer": text,
            "abstained": abstained,
            "citations": [{"id": 1, "source": source, "section": "", "score": 1.0}],
        },
        cited_texts={1: "Warton Enterprise Zone is prime"},
        support=[SentenceSupport(text="Warton is prime zone", cites=[1], cosine=0.9, lexical=1.0)],
        retrieval={
            "hybrid+rescore": [chunk],
            "bm25": [RankedChunk(id="y", source="plans/b.txt", score=1.0, text="no"), chunk],
        },
        timings_ms={"ask.total": 10.0},
    )


def test_answerable_case_passes_with_all_metrics() -> None:
    score = score_case(qa_case(), qa_run("Warton Enterprise Zone is prime [1]."), CORPUS)
    assert score.passed, score.reasons
    assert score.metrics["fact_recall"] == (1.0, 1.0)
    assert score.metrics["hit_at_1"] == (1.0, 1.0)
    assert score.metrics["context_recall_at_5"] == (1.0, 1.0)
    assert score.metrics["groundedness"] == (1.0, 1.0)
    assert score.metrics["false_refusal_rate"] == (0.0, 1.0)
    assert score.systems["bm25"]["hit_at_1"] == (0.0, 1.0)
    assert score.systems["bm25"]["mrr_at_10"] == (0.5, 1.0)


def test_forbidden_fails_the_case_whatever_the_facts() -> None:
    score = score_case(qa_case(), qa_run("Warton, not Samlesbury [1]"), CORPUS)
    assert not score.passed
    assert any("forbidden" in r for r in score.reasons)
    assert score.metrics["fact_recall"] == (1.0, 1.0)


def test_invalid_citation_and_refusal_fail() -> None:
    bad = score_case(qa_case(), qa_run("Warton [2]"), CORPUS)
    assert bad.metrics["citation_validity"] == (0.0, 1.0) and not bad.passed
    refused = score_case(qa_case(), qa_run("I can't find that.", abstained=True), CORPUS)
    assert refused.metrics["false_refusal_rate"] == (1.0, 1.0)
    assert "groundedness" not in refused.metrics


def test_unanswerable_case_needs_abstention() -> None:
    case = qa_case(answerable=False, required_facts=[], gold_sources=[], gold_spans=[])
    assert score_case(case, qa_run("Not covered.", abstained=True), CORPUS).passed
    answered = score_case(case, qa_run("Paris [1]"), CORPUS)
    assert not answered.passed
    assert answered.metrics["abstention_recall"] == (0.0, 1.0)
    assert "hit_at_1" not in answered.metrics


def test_errors_are_failed_cases_not_crashes() -> None:
    score = score_case(qa_case(), QARun(error="RuntimeError: boom"), CORPUS)
    assert not score.passed and score.metrics["fact_recall"] == (0.0, 1.0)


def test_draft_scoring_counts_each_check() -> None:
    case = DraftCase(
        id="d",
        kind="draft",
        suite="drafts.yaml",
        owner="Matt",
        must_include_actions=["alpha", "beta"],
        must_exclude_actions=["gamma"],
    )
    run = DraftRun(actions=["Alpha thing", "Gamma thing"], rows=[1, 2], markdown="- a [row 1]")
    score = score_case(case, run, CORPUS)
    assert score.metrics["draft_include_accuracy"] == (1.0, 3.0)
    assert score.metrics["draft_included_recall"] == (1.0, 2.0)
    assert score.metrics["draft_excluded_accuracy"] == (0.0, 1.0)
    assert not score.passed
    failed = score_case(case, DraftRun(error="NoMatchError: x"), CORPUS)
    assert failed.metrics["draft_include_accuracy"] == (0.0, 3.0)


def _score(case_id: str, suite: str, passed: bool, **metrics: tuple[float, float]) -> CaseScore:
    return CaseScore(id=case_id, suite=suite, kind="qa", passed=passed, metrics=metrics)


def test_thresholds_min_max_and_not_applicable() -> None:
    scores = [
        _score("a", "s.yaml", True, fact_recall=(1, 1), false_refusal_rate=(0, 1)),
        _score("b", "s.yaml", False, fact_recall=(0, 1), false_refusal_rate=(1, 1)),
    ]
    checks = check_thresholds(
        scores,
        {"s.yaml": {"fact_recall": 0.5, "false_refusal_rate_max": 0.4, "abstention_recall": 0.9}},
    )
    by_metric = {c.metric: c for c in checks}
    assert by_metric["fact_recall"].passed
    assert not by_metric["false_refusal_rate"].passed and by_metric["false_refusal_rate"].maximum
    assert by_metric["abstention_recall"].value is None and by_metric["abstention_recall"].passed
    assert exit_code(checks, None) == EXIT_FAIL
    assert exit_code([c for c in checks if c.passed], None) == EXIT_PASS


def test_summary_with_ci_is_deterministic() -> None:
    scores = [_score(str(i), "s", i % 2 == 0, fact_recall=(float(i % 2), 1.0)) for i in range(20)]
    first = summarise(scores, ["fact_recall"], ci=True, seed=3)["fact_recall"]
    assert first == summarise(scores, ["fact_recall"], ci=True, seed=3)["fact_recall"]
    assert first.value == 0.5 and first.low is not None and first.low < 0.5 < (first.high or 0)
    assert metric_value(scores, "groundedness").value is None


def _report(scores: list[CaseScore]) -> EvalReport:
    return EvalReport(
        created="now",
        suites=["s.yaml"],
        config={},
        config_hash="h",
        cases_total=len(scores),
        cases=scores,
    )


def test_regression_detected_against_baseline_file(tmp_path: Path) -> None:
    before = [_score(f"c{i}", "s", True, hit_at_5=(1, 1), fact_recall=(1, 1)) for i in range(30)]
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline_payload(_report(before))))
    baseline = load_baseline(path)

    same = compare(before, baseline, str(path))
    assert not same.regressed and same.newly_failing == []
    assert exit_code([], same) == EXIT_PASS

    after = [
        _score(f"c{i}", "s", i >= 10, hit_at_5=(float(i >= 10), 1), fact_recall=(1, 1))
        for i in range(30)
    ]
    report = compare(after, baseline, str(path), tolerance=0.02)
    assert [d.metric for d in report.regressed] == ["hit_at_5"]
    assert report.newly_failing == [f"c{i}" for i in range(10)]
    assert exit_code([], report) == EXIT_FAIL


def test_one_flipped_case_within_tolerance_is_not_a_regression(tmp_path: Path) -> None:
    before = [_score(f"c{i}", "s", True, fact_recall=(1, 1)) for i in range(100)]
    after = [_score(f"c{i}", "s", i != 0, fact_recall=(float(i != 0), 1)) for i in range(100)]
    path = tmp_path / "b.json"
    path.write_text(json.dumps(baseline_payload(_report(before))))
    report = compare(after, load_baseline(path), str(path), tolerance=0.02)
    assert not report.regressed
    assert report.newly_failing == ["c0"]


def test_baseline_accepts_full_report_and_rejects_junk(tmp_path: Path) -> None:
    scores = [_score("a", "s", True, fact_recall=(1, 1))]
    full = tmp_path / "report.json"
    full.write_text(_report(scores).model_dump_json())
    assert load_baseline(full)["a"]["metrics"]["fact_recall"] == (1.0, 1.0)
    junk = tmp_path / "junk.json"
    junk.write_text("{}")
    from evals.regression import BaselineError

    with pytest.raises(BaselineError):
        load_baseline(junk)


def test_a_crashed_retriever_scores_zero_not_missing() -> None:
    run = qa_run("Warton [1]")
    run.retrieval = {}
    run.error = "retrieve[hybrid+rescore] RuntimeError: boom"
    score = score_case(qa_case(), run, CORPUS)
    assert score.metrics["hit_at_1"] == (0.0, 1.0)
    assert not score.passed
