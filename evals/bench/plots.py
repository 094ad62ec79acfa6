"""PNG plots for bench/report.md: latency and memory against corpus size, ingest per option."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    return plt


def latency_vs_size(scaling: dict[str, Any], out: Path) -> Path | None:
    rows = [r for r in scaling.get("sizes", []) if r.get("store") == "embedded" and "ask" in r]
    if not rows:
        return None
    plt = _pyplot()
    docs = [r["documents"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label in (("ask", "ask"), ("retrieve", "retrieve")):
        left.plot(docs, [r[key]["p95_ms"] for r in rows], marker="o", label=f"{label} p95")
    left.plot(docs, [r["ask"]["p50_ms"] for r in rows], marker="o", ls="--", label="ask p50")
    server = [
        r for r in scaling.get("sizes", []) if r.get("store") == "chroma server" and "ask" in r
    ]
    if server:
        left.scatter(
            [r["documents"] for r in server],
            [r["ask"]["p95_ms"] for r in server],
            marker="x",
            s=80,
            color="black",
            label="ask p95, Chroma server",
        )
    left.set(xscale="log", xlabel="documents in corpus", ylabel="ms", title="Query latency")
    left.legend()
    right.plot(docs, [r.get("rss_mb_end") for r in rows], marker="o", label="RSS after queries")
    right.plot(docs, [r.get("rss_mb_peak") for r in rows], marker="o", ls="--", label="peak RSS")
    right.set(xscale="log", xlabel="documents in corpus", ylabel="MB", title="Memory")
    right.legend()
    fig.tight_layout()
    path = out / "latency_vs_corpus_size.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def ingest_per_option(ingestion: dict[str, Any], out: Path) -> Path | None:
    options = [o for o in ingestion.get("options", []) if "chunks_per_s" in o]
    if not options:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4))
    labels = [o["option"].replace(", ", "\n") for o in options]
    ax.bar(labels, [o["chunks_per_s"] for o in options], label="raw encoder")
    pipeline = [o.get("pipeline_chunks_per_s") or 0 for o in options]
    ax.bar(labels, pipeline, width=0.4, label="whole pipeline (also embeds sentences)")
    ax.set(ylabel="chunks / s", title="Ingest throughput per encoder option")
    ax.legend()
    fig.tight_layout()
    path = out / "ingest_throughput.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def make_plots(results: dict[str, Any], out: Path) -> list[str]:
    made = []
    for maker, key in ((latency_vs_size, "scaling"), (ingest_per_option, "ingestion")):
        try:
            path = maker(results.get(key, {}), out)
        except Exception:  # a plot is never worth failing the run for
            path = None
        if path is not None:
            made.append(path.name)
    return made
