"""The abstain_threshold sweep's arithmetic, range rule and suite selection, on hand-written
per-case outcomes (no model, no index): a wrong ratio or a misplaced bound fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals.calibrate import (
    DEV_SUITES,
    SUITES_DIR,
    CalibrationError,
    CaseOutcome,
    dev_suite_paths,
    markdown,
    outcome_of,
    question_cases,
    sweep,
    threshold_grid,
    write_report,
)
from evals.cases import Fact, QACase, load_suites
from evals.runs import QARun

REPO = Path(__file__).resolve().parents[2]


def answered(case_id: str, found: int = 1, total: int = 1) -> CaseOutcome:
    return CaseOutcome(case_id, True, False, found, total, passed=found == total)


def refused(case_id: str, total: int = 1, gate: bool = True) -> CaseOutcome:
    return CaseOutcome(case_id, True, True, 0, total, weak_retrieval=gate)


def declined(case_id: str, gate: bool = False) -> CaseOutcome:
    """An unanswerable question the assistant (rightly) abstained on."""
    return CaseOutcome(case_id, False, True, passed=True, weak_retrieval=gate)


def leaked(case_id: str) -> CaseOutcome:
    """An unanswerable question the assistant answered anyway."""
    return CaseOutcome(case_id, False, False)


def fake_outcomes() -> dict[float, list[CaseOutcome]]:
    """20 unanswerable + 50 answerable questions. Raising the threshold catches the one leak
    at 0.4 and starts refusing answerable questions at 0.4 (1) and 0.5 (2 more)."""
    unanswerable = [declined(f"u{i}") for i in range(19)]
    answerable = [answered(f"a{i}") for i in range(47)]
    return {
        0.3: [
            *unanswerable,
            leaked("u19"),
            *answerable,
            answered("a47"),
            answered("a48", 1, 2),
            answered("a49"),
        ],
        0.4: [
            *unanswerable,
            declined("u19", gate=True),
            *answerable,
            refused("a47"),
            answered("a48", 1, 2),
            answered("a49"),
        ],
        0.5: [
            *unanswerable,
            declined("u19", gate=True),
            *answerable,
            refused("a47"),
            refused("a48", total=2),
            refused("a49"),
        ],
    }


def test_sweep_rates_and_range() -> None:
    calibration = sweep(fake_outcomes(), current=0.4)
    low, mid, high = calibration.rows
    assert [r.threshold for r in calibration.rows] == [0.3, 0.4, 0.5]
    assert (low.abstained_unanswerable, low.unanswerable) == (19, 20)
    assert low.abstention_recall == pytest.approx(0.95)
    assert low.false_refusal_rate == 0.0
    # facts: 47 + 1 + 1 of 2 + 1 = 50 found of 51
    assert low.fact_recall == pytest.approx(50 / 51)
    assert mid.abstention_recall == 1.0
    assert (mid.refused_answerable, mid.answerable) == (1, 50)
    assert mid.false_refusal_rate == pytest.approx(0.02)
    assert mid.fact_recall == pytest.approx(49 / 51)  # a47's fact is lost
    assert mid.weak_retrieval == 2
    assert high.false_refusal_rate == pytest.approx(0.06)
    assert high.fact_recall == pytest.approx(47 / 51)
    # 0.95 and 0.02 are met exactly at their bounds; 0.06 is over
    assert [r.within_target for r in calibration.rows] == [True, True, False]
    assert calibration.acceptable_range == (0.3, 0.4)
    assert calibration.acceptable_is_contiguous
    assert [r.current for r in calibration.rows] == [False, True, False]
    assert calibration.cases == 70
    assert "0.300-0.400" in calibration.verdict()
    assert "inside" in calibration.verdict()


def test_sweep_reports_a_current_threshold_outside_the_range() -> None:
    calibration = sweep(fake_outcomes(), current=0.5, min_abstention_recall=0.99)
    assert calibration.acceptable == [0.4]
    assert "OUTSIDE" in calibration.verdict()
    none = sweep(fake_outcomes(), current=0.5, min_abstention_recall=1.0, max_false_refusal=0.0)
    assert none.acceptable_range is None
    assert "No threshold" in none.verdict()


def test_crashed_cases_count_no_abstention_but_lose_their_facts() -> None:
    crashed = CaseOutcome("a2", True, False, 0, 3, error=True)
    calibration = sweep({0.35: [answered("a1"), crashed, declined("u1")]}, current=0.35)
    row = calibration.rows[0]
    assert (row.refused_answerable, row.answerable) == (0, 1)  # as in assistant eval
    assert row.fact_recall == pytest.approx(1 / 4)
    assert row.case_pass_rate == pytest.approx(2 / 3)
    assert calibration.errors == 1


def test_sweep_refuses_uneven_or_empty_input() -> None:
    with pytest.raises(ValueError):
        sweep({0.3: [answered("a")], 0.4: []}, current=0.3)
    with pytest.raises(ValueError):
        sweep({}, current=0.3)


def test_threshold_grid_is_exact_and_includes_the_current_setting() -> None:
    grid = threshold_grid(0.2, 0.6, 0.025)
    assert len(grid) == 17
    assert grid[0] == 0.2 and grid[-1] == 0.6
    assert 0.35 in grid  # not 0.35000000000000003
    assert 0.33 in threshold_grid(0.2, 0.6, 0.025, include=[0.33])
    with pytest.raises(ValueError):
        threshold_grid(0.6, 0.2, 0.025)


def test_outcome_uses_the_eval_scoring_rule() -> None:
    case = QACase(
        id="c",
        suite="s.yaml",
        question="Which zone?",
        answerable=True,
        required_facts=[Fact(any_of=["Warton", "Samlesbury"]), Fact(any_of=["£10m"])],
    )
    run = QARun(answer={"answer": "The WARTON zone [1].", "abstained": False, "citations": []})
    outcome = outcome_of(case, run, set(), route="sentences")
    assert (outcome.facts_found, outcome.facts_total) == (1, 2)
    assert not outcome.abstained and not outcome.passed and not outcome.weak_retrieval
    refusal = QARun(answer={"answer": "Not found.", "abstained": True, "citations": []})
    gated = outcome_of(case, refusal, set(), route="abstain: weak retrieval (top score 0.20)")
    assert gated.abstained and gated.weak_retrieval


def test_reports_mark_the_current_row(tmp_path: Path) -> None:
    calibration = sweep(fake_outcomes(), current=0.4)
    text = markdown(calibration)
    current_rows = [line for line in text.splitlines() if "(current)" in line]
    assert len(current_rows) == 1 and current_rows[0].startswith("| **0.400")
    written = write_report(calibration, tmp_path / "out")
    assert {p.name for p in written} >= {"calibration.md", "calibration.json"}
    data = json.loads((tmp_path / "out" / "calibration.json").read_text())
    assert data["acceptable_range"] == [0.3, 0.4]


def test_dev_suites_are_the_question_suites_of_make_evals_and_never_holdout4() -> None:
    makefile = (REPO / "Makefile").read_text()
    line = next(x for x in makefile.splitlines() if "assistant eval evals/suites/plans" in x)
    named = re.findall(r"evals/suites/(\w+\.yaml)", line)
    with_questions = [
        n for n in named if any(isinstance(c, QACase) for c in load_suites([SUITES_DIR / n]))
    ]
    assert tuple(with_questions) == DEV_SUITES
    assert "holdout4.yaml" not in DEV_SUITES
    with pytest.raises(CalibrationError):
        dev_suite_paths([*DEV_SUITES, "holdout4.yaml"])
    with pytest.raises(CalibrationError):
        question_cases([SUITES_DIR / "holdout4.yaml"])
