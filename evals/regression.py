"""Compare a run with a committed baseline: paired bootstrap over the cases both runs share.

A metric regresses when it got worse by more than ``tolerance`` (absolute) AND fewer than 5%
of paired resamples show no drop, so one flaky case in a small suite does not fail the build
but a real drop does. Cases that passed in the baseline and fail now are listed either way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evals.metrics.stats import Ratio, paired_bootstrap
from evals.scoring import HEADLINE, LOWER_IS_BETTER, CaseScore

SIGNIFICANCE = 0.05
DEFAULT_TOLERANCE = 0.02


class BaselineError(ValueError):
    """The baseline file cannot be read; a harness error."""


class MetricDelta(BaseModel):
    metric: str
    baseline: float
    current: float
    delta: float
    p_no_drop: float
    cases: int
    regressed: bool


class RegressionReport(BaseModel):
    baseline_file: str
    shared_cases: int
    tolerance: float
    deltas: list[MetricDelta] = Field(default_factory=list)
    newly_failing: list[str] = Field(default_factory=list)
    newly_passing: list[str] = Field(default_factory=list)

    @property
    def regressed(self) -> list[MetricDelta]:
        return [d for d in self.deltas if d.regressed]


def load_baseline(path: Path) -> dict[str, dict[str, Any]]:
    """Case id → {passed, metrics}; accepts ``baseline.json`` or a full ``report.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from exc
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, list):
        raise BaselineError(f"{path}: no 'cases' list; is this a report/baseline JSON?")
    out = {}
    for case in cases:
        metrics = {k: (float(v[0]), float(v[1])) for k, v in case.get("metrics", {}).items()}
        out[str(case["id"])] = {"passed": bool(case.get("passed")), "metrics": metrics}
    return out


def compare(
    scores: Sequence[CaseScore],
    baseline: dict[str, dict[str, Any]],
    baseline_file: str,
    tolerance: float = DEFAULT_TOLERANCE,
    metrics: Sequence[str] = HEADLINE,
    seed: int = 0,
) -> RegressionReport:
    shared = [s for s in scores if s.id in baseline]
    report = RegressionReport(
        baseline_file=baseline_file, shared_cases=len(shared), tolerance=tolerance
    )
    for metric in metrics:
        current: list[Ratio] = []
        before: list[Ratio] = []
        for score in shared:
            old = baseline[score.id]["metrics"].get(metric)
            new = score.metrics.get(metric)
            if old is not None and new is not None:
                current.append(new)
                before.append(old)
        result = paired_bootstrap(
            current, before, higher_is_better=metric not in LOWER_IS_BETTER, seed=seed
        )
        if result is None:
            continue
        worse = -result.delta if metric not in LOWER_IS_BETTER else result.delta
        regressed = worse > tolerance and result.p_no_drop < SIGNIFICANCE
        report.deltas.append(
            MetricDelta(
                metric=metric,
                baseline=result.baseline,
                current=result.current,
                delta=result.delta,
                p_no_drop=result.p_no_drop,
                cases=result.cases,
                regressed=regressed,
            )
        )
    for score in shared:
        was = baseline[score.id]["passed"]
        if was and not score.passed:
            report.newly_failing.append(score.id)
        elif score.passed and not was:
            report.newly_passing.append(score.id)
    return report
