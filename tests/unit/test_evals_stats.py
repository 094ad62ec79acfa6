"""Aggregation, percentiles and bootstrap: determinism and known values."""

from __future__ import annotations

import pytest

from evals.metrics.stats import aggregate, bootstrap_ci, paired_bootstrap, percentile


def test_aggregate_is_ratio_of_sums() -> None:
    assert aggregate([(1, 2), (3, 4)]) == pytest.approx(4 / 6)
    assert aggregate([(0, 0)]) is None
    assert aggregate([]) is None


def test_percentile() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10.0], 95) == 10.0
    assert percentile([], 50) is None


def test_bootstrap_is_deterministic_for_a_seed_and_brackets_the_value() -> None:
    ratios = [(float(i % 3 == 0), 1.0) for i in range(40)]
    first = bootstrap_ci(ratios, seed=7)
    assert first == bootstrap_ci(ratios, seed=7)
    other = bootstrap_ci(ratios, seed=8)
    assert other is not None and abs(other[0] - first[0]) < 0.1  # type: ignore[index]
    assert first is not None
    low, high = first
    assert low <= aggregate(ratios) <= high  # type: ignore[operator]
    assert 0.0 <= low < high <= 1.0


def test_bootstrap_of_constant_metric_is_a_point() -> None:
    assert bootstrap_ci([(1.0, 1.0)] * 10) == (1.0, 1.0)
    assert bootstrap_ci([(0.0, 0.0)]) is None


def test_paired_bootstrap_detects_a_drop_and_not_noise() -> None:
    before = [(1.0, 1.0)] * 30
    after = [(1.0, 1.0)] * 15 + [(0.0, 1.0)] * 15
    drop = paired_bootstrap(after, before)
    assert drop is not None
    assert drop.delta == pytest.approx(-0.5)
    assert drop.p_no_drop < 0.05
    same = paired_bootstrap(before, before)
    assert same is not None and same.delta == 0 and same.p_no_drop == 1.0
    # lower-is-better: a rise is the drop
    worse = paired_bootstrap(before, after, higher_is_better=False)
    assert worse is not None and worse.p_no_drop < 0.05


def test_paired_bootstrap_rejects_unpaired_input() -> None:
    with pytest.raises(ValueError):
        paired_bootstrap([(1.0, 1.0)], [])
