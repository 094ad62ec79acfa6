"""Suite loading (YAML, JSONL, errors), thresholds, feedback export and report rendering."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from evals.cases import (
    DraftCase,
    QACase,
    SuiteError,
    load_suites,
    load_thresholds,
    suite_corpus,
)
from evals.feedback import export_feedback
from evals.report import EvalReport
from evals.reporting import write_reports
from evals.scoring import CaseScore, MetricValue, ThresholdCheck
from ingest.store.sqlite import SqliteStore

REPO = Path(__file__).resolve().parents[2]


def test_committed_suites_load_with_unique_ids() -> None:
    suites = sorted((REPO / "evals" / "suites").glob("*.yaml"))
    suites = [p for p in suites if p.name != "thresholds.yaml"]
    cases = load_suites(suites)
    assert len(cases) >= 150
    assert any(isinstance(c, DraftCase) for c in cases)
    qa = [c for c in cases if isinstance(c, QACase)]
    assert sum(1 for c in qa if not c.answerable) >= 15
    thresholds = load_thresholds([REPO / "evals" / "suites" / "thresholds.yaml"])
    assert thresholds["smoke.yaml"]["citation_validity"] == 1.0


CORPUS_SUITES = sorted(
    p for p in (REPO / "evals" / "corpora").glob("*/*.yaml") if p.name != "truth.yaml"
)


@pytest.mark.parametrize("suite", CORPUS_SUITES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_corpus_suite_names_its_own_documents(suite: Path) -> None:
    """A suite under evals/corpora/<name>/ written as a bare list would be asked of the seed
    corpus, and every answer would be a refusal: it must say ``corpus: documents``."""
    assert suite_corpus(suite) == (suite.parent / "documents").resolve()
    assert load_suites([suite])


def test_jsonl_suite_and_review_cases_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    rows = [
        {"id": "a", "question": "q?", "answerable": False},
        {"id": "b", "question": "q2?", "answerable": True, "needs_review": True},
        {"id": "d", "kind": "draft", "owner": "Matt", "must_include_actions": ["x"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    cases = load_suites([path])
    assert [c.id for c in cases] == ["a", "d"]
    assert cases[0].suite == "s.jsonl"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: a, question: q, answerable: true, typo_field: 1}", "typo_field"),
        ("- {id: a, answerable: true}", "question"),
        ("{id: a}", "list of cases"),
        ("- [unclosed", "invalid YAML"),
    ],
)
def test_bad_suites_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(SuiteError, match=message):
        load_suites([path])


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text("- {id: same, question: q, answerable: false}")
    with pytest.raises(SuiteError, match="same"):
        load_suites([tmp_path / "one.yaml", tmp_path / "two.yaml"])
    with pytest.raises(SuiteError, match="no such"):
        load_suites([tmp_path / "missing.yaml"])


def test_feedback_export_writes_review_cases_once(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    store.add_feedback("a1", "down", "wrong owner", "Who owns KTPs?", "Bob [1]", "web")
    store.add_feedback("a2", "up", None, "Fine question", "fine", "slack")
    out = tmp_path / "fb.yaml"
    assert export_feedback(store, out) == 1
    assert export_feedback(store, out) == 0
    cases = yaml.safe_load(out.read_text())
    assert cases[0]["question"] == "Who owns KTPs?" and cases[0]["needs_review"] is True
    assert cases[0]["previous_answer"] == "Bob [1]"
    with pytest.raises(SuiteError, match="no cases"):
        load_suites([out])  # every case still needs review


def test_reports_render_and_junit_parses(tmp_path: Path) -> None:
    cases = [
        CaseScore(
            id="ok",
            suite="s.yaml",
            kind="qa",
            passed=True,
            tags=["fact"],
            metrics={"fact_recall": (1, 1)},
            timings_ms={"ask.total": 12.0},
        ),
        CaseScore(
            id="bad",
            suite="s.yaml",
            kind="qa",
            passed=False,
            tags=["fact"],
            reasons=["missing facts: X <&>"],
            question="Q?",
            expected="X",
            answer="Y",
            metrics={"fact_recall": (0, 1)},
            timings_ms={"ask.total": 30.0},
        ),
    ]
    report = EvalReport(
        created="now",
        suites=["s.yaml"],
        config={"answerer": "extractive"},
        config_hash="h",
        cases_total=2,
        cases=cases,
        headline={"fact_recall": MetricValue(value=0.5, low=0.0, high=1.0, cases=2)},
        by_suite={"s.yaml": {}},
        thresholds=[
            ThresholdCheck(
                suite="s.yaml",
                metric="fact_recall",
                bound=0.7,
                maximum=False,
                value=0.5,
                passed=False,
            )
        ],
        tags={
            "fact": {
                "cases": MetricValue(value=2, cases=2),
                **{
                    m: MetricValue(value=0.5)
                    for m in (
                        "case_pass_rate",
                        "fact_recall",
                        "hit_at_5",
                        "context_recall_at_5",
                        "groundedness",
                        "abstention_recall",
                        "false_refusal_rate",
                        "draft_include_accuracy",
                    )
                },
            }
        },
        exit_code=1,
    )
    report.by_suite["s.yaml"] = {
        m: MetricValue(value=None)
        for m in (
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
        )
    }
    written = {p.name: p for p in write_reports(report, tmp_path / "out")}
    assert set(written) == {"report.json", "report.md", "report.html", "junit.xml", "baseline.json"}
    assert json.loads(written["report.json"].read_text())["exit_code"] == 1
    markdown = written["report.md"].read_text()
    assert "**FAIL**" in markdown and "### `bad`" in markdown and "threshold failed" in markdown
    assert "data:image/png;base64," in written["report.html"].read_text()
    root = ET.parse(written["junit.xml"]).getroot()
    assert root.get("tests") == "3" and root.get("failures") == "2"
