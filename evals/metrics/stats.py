"""Aggregation, percentiles and (paired) bootstrap over per-case ratios.

Each case contributes a numerator and a denominator per metric; a metric over a set of cases is
sum(num) / sum(den). Resampling cases with replacement and recomputing that ratio gives the
percentile bootstrap CI (Efron & Tibshirani 1993); doing it on the cases two runs share gives the
paired bootstrap used for regression checks (as in Koehn 2004 for MT significance).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Ratio = tuple[float, float]


def aggregate(ratios: Sequence[Ratio]) -> float | None:
    """sum(num)/sum(den); None when no case has a denominator (metric not applicable)."""
    den = sum(d for _, d in ratios)
    if den <= 0:
        return None
    return sum(n for n, _ in ratios) / den


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), None for no values."""
    if not values:
        return None
    return float(np.percentile(np.asarray(values, dtype=float), q))


def bootstrap_ci(
    ratios: Sequence[Ratio], samples: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float] | None:
    """Percentile bootstrap CI of the aggregate, resampling cases. Deterministic for a seed."""
    pairs = [r for r in ratios if r[1] > 0]
    if not pairs:
        return None
    num = np.array([n for n, _ in pairs], dtype=float)
    den = np.array([d for _, d in pairs], dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(pairs), size=(samples, len(pairs)))
    values = num[idx].sum(axis=1) / den[idx].sum(axis=1)
    alpha = (1 - level) / 2
    return float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha))


@dataclass(frozen=True)
class PairedResult:
    """Current minus baseline on the shared cases, with the bootstrap evidence for a drop."""

    baseline: float
    current: float
    delta: float
    p_no_drop: float
    """Share of resamples where the metric did not get worse (small = a real drop)."""
    cases: int


def paired_bootstrap(
    current: Sequence[Ratio],
    baseline: Sequence[Ratio],
    higher_is_better: bool = True,
    samples: int = 1000,
    seed: int = 0,
) -> PairedResult | None:
    """Paired bootstrap over cases present in both runs (same order, same length)."""
    if len(current) != len(baseline):
        raise ValueError("paired samples must have equal length")
    keep = [i for i in range(len(current)) if current[i][1] > 0 and baseline[i][1] > 0]
    if not keep:
        return None
    cn = np.array([current[i][0] for i in keep], dtype=float)
    cd = np.array([current[i][1] for i in keep], dtype=float)
    bn = np.array([baseline[i][0] for i in keep], dtype=float)
    bd = np.array([baseline[i][1] for i in keep], dtype=float)
    cur, base = cn.sum() / cd.sum(), bn.sum() / bd.sum()
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(keep), size=(samples, len(keep)))
    deltas = cn[idx].sum(1) / cd[idx].sum(1) - bn[idx].sum(1) / bd[idx].sum(1)
    if not higher_is_better:
        deltas = -deltas
    p_no_drop = float(np.mean(deltas >= 0))
    return PairedResult(float(base), float(cur), float(cur - base), p_no_drop, len(keep))
