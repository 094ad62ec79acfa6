"""Abstention as a binary classifier ("should not answer"): precision, recall and the
false-refusal rate over answerable questions (as in selective QA / "I don't know" evaluation)."""

from __future__ import annotations

from collections.abc import Sequence

from evals.metrics.stats import Ratio


def abstention_ratios(answerable: bool, abstained: bool) -> dict[str, Ratio]:
    """Per-case contributions; aggregate each with ``stats.aggregate``.

    - precision: of cases that abstained, the share that are unanswerable;
    - recall: of unanswerable cases, the share that abstained;
    - false refusal: of answerable cases, the share that abstained.
    """
    return {
        "abstention_precision": (float(abstained and not answerable), float(abstained)),
        "abstention_recall": (float(abstained and not answerable), float(not answerable)),
        "false_refusal_rate": (float(abstained and answerable), float(answerable)),
    }


def abstention_summary(pairs: Sequence[tuple[bool, bool]]) -> dict[str, float | None]:
    """(answerable, abstained) pairs → the three rates (None when undefined)."""
    from evals.metrics.stats import aggregate

    out: dict[str, float | None] = {}
    for name in ("abstention_precision", "abstention_recall", "false_refusal_rate"):
        out[name] = aggregate([abstention_ratios(a, b)[name] for a, b in pairs])
    return out
