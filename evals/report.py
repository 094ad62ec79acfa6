"""The report model every output format is rendered from, and the exit-code rule."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from evals.regression import RegressionReport
from evals.scoring import CaseScore, MetricValue, StageLatency, ThresholdCheck

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_HARNESS = 2


class EvalReport(BaseModel):
    created: str
    suites: list[str]
    config: dict[str, Any]
    config_hash: str
    cases_total: int
    cached_cases: int = 0
    baseline_chunks: int = 0
    seed: int = 0
    headline: dict[str, MetricValue] = Field(default_factory=dict)
    by_suite: dict[str, dict[str, MetricValue]] = Field(default_factory=dict)
    thresholds: list[ThresholdCheck] = Field(default_factory=list)
    tags: dict[str, dict[str, MetricValue]] = Field(default_factory=dict)
    ablation: dict[str, dict[str, MetricValue]] = Field(default_factory=dict)
    latency: list[StageLatency] = Field(default_factory=list)
    regression: RegressionReport | None = None
    notes: list[str] = Field(default_factory=list)
    exit_code: int = EXIT_PASS
    cases: list[CaseScore] = Field(default_factory=list)

    @property
    def failed_thresholds(self) -> list[ThresholdCheck]:
        return [t for t in self.thresholds if not t.passed]


def exit_code(thresholds: list[ThresholdCheck], regression: RegressionReport | None) -> int:
    """1 when any threshold fails or any metric regressed significantly; else 0. Individual
    failing cases do not fail the run: the thresholds say how many failures are acceptable."""
    if any(not t.passed for t in thresholds):
        return EXIT_FAIL
    if regression is not None and regression.regressed:
        return EXIT_FAIL
    return EXIT_PASS


def baseline_payload(report: EvalReport) -> dict[str, Any]:
    """The compact form committed as ``evals/baseline.json``: per-case pass and metric ratios
    (what the paired comparison needs), plus the headline for humans reading the diff."""
    return {
        "created": report.created,
        "suites": report.suites,
        "config": report.config,
        "config_hash": report.config_hash,
        "headline": {k: v.value for k, v in report.headline.items()},
        "cases": [
            {"id": c.id, "suite": c.suite, "passed": c.passed, "metrics": c.metrics}
            for c in report.cases
        ],
    }
