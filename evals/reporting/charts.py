"""Matplotlib figures (Agg, no display) returned as base64 PNG for embedding in report.html."""

from __future__ import annotations

import base64
import io

from evals.report import EvalReport

TAG_CHART_METRICS = ("case_pass_rate", "fact_recall", "hit_at_5", "context_recall_at_5")


def _png(figure: object) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(figure)  # type: ignore[arg-type]
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def tag_chart(report: EvalReport) -> str | None:
    """Horizontal grouped bars: a few metrics for every tag."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    tags = list(report.tags)
    if not tags:
        return None
    height = 0.8 / len(TAG_CHART_METRICS)
    figure, axis = plt.subplots(figsize=(9, max(3.0, 0.42 * len(tags) + 1)))
    positions = np.arange(len(tags))
    for offset, metric in enumerate(TAG_CHART_METRICS):
        values = [report.tags[t][metric].value for t in tags]
        axis.barh(
            positions + offset * height,
            [v if v is not None else 0.0 for v in values],
            height=height,
            label=metric,
        )
    axis.set_yticks(positions + 0.4 - height / 2)
    axis.set_yticklabels([f"{t} ({int(report.tags[t]['cases'].value or 0)})" for t in tags])
    axis.invert_yaxis()
    axis.set_xlim(0, 1.0)
    axis.set_xlabel("score (missing bar = metric not applicable)")
    axis.legend(loc="lower right", fontsize="small")
    axis.set_title("Metrics per tag")
    return _png(figure)


def latency_histogram(report: EvalReport) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    values = [
        c.timings_ms["ask.total"]
        for c in report.cases
        if "ask.total" in c.timings_ms and not c.cached
    ]
    if not values:
        return None
    figure, axis = plt.subplots(figsize=(7, 3.2))
    axis.hist(values, bins=min(30, max(5, len(values) // 3)))
    axis.set_xlabel("ask total latency (ms)")
    axis.set_ylabel("cases")
    axis.set_title("End-to-end ask latency")
    return _png(figure)
