"""One scaling step in a fresh process: ``ingest`` a corpus into a data directory, or ``ask``
warm questions against a built one.

Run by :mod:`evals.bench.scaling` as ``python -m evals.bench.scale_worker JSON``; prints one
JSON line. A process per step gives clean memory figures (RSS and its high-water mark belong
to that step alone), keeps one size's crash from ending the run, and means an ``ask`` process
opens the index from disk as a server would, whether it was built a minute or a month ago.

``ingest`` is the normal pipeline (``build_components(...).pipeline.run()``) with the real
encoder: every chunk and sentence text is encoded, and the encoder's own count says so.
"""

from __future__ import annotations

import json
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from assistant.components import build_components
from assistant.service import Assistant
from evals.bench.cases import MRR_DEPTH, load_cases, request_args
from evals.bench.config import BenchConfig
from evals.bench.index import dir_mb, load_embeddings, make_settings
from evals.bench.measure import latency_summary, load_average, peak_rss_mb, rss_mb, timed
from evals.bench.synthetic import canonical_text


class ProgressFile:
    """One line per file (``done/total elapsed_s outcome source``) for whoever watches a long
    build: ``tail -f bench/work/ingest-x100.progress``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()

    def start(self, total: int) -> None:
        self.total = total
        self.path.write_text(f"0/{total} 0.0 start\n")

    def advance(self, source: str, outcome: str) -> None:
        self.done += 1
        elapsed = time.perf_counter() - self.started
        with self.path.open("a") as handle:
            handle.write(f"{self.done}/{self.total} {elapsed:.1f} {outcome} {source}\n")


def ingest(spec: dict[str, Any]) -> dict[str, Any]:
    """A first ingest of ``spec["corpus"]`` into the empty ``spec["data_dir"]``."""
    cfg = BenchConfig(model_cache=Path(spec["model_cache"]), batch_size=spec["batch_size"])
    corpus, data_dir = Path(spec["corpus"]), Path(spec["data_dir"])
    settings = make_settings(data_dir, corpus, spec["backend"])
    embeddings = load_embeddings(cfg, spec["backend"])
    embeddings.embed_query("warm up")
    embeddings.reset_watch()  # from here on, only the pipeline's texts are counted
    rss_model = rss_mb()
    components = build_components(settings, embeddings)
    load_before = load_average()
    cpu_before = os.times()
    progress = ProgressFile(Path(spec["progress"])) if spec.get("progress") else None
    report = components.pipeline.run(progress=progress)
    cpu_after = os.times()
    return {
        "ingest_s": round(report.seconds, 2),
        "files": len(report.ingested),
        "failed": len(report.failed),
        "chunks": report.chunks,
        "texts_total": report.embedded_texts,  # chunk + sentence texts the pipeline embedded
        "texts_distinct": report.encoded_texts,  # of those, distinct within their file
        "texts_encoded": embeddings.texts,  # texts the encoder itself was given
        "encode_s": round(embeddings.encode_watch.seconds, 2),
        "chunks_per_s": round(report.chunks / report.seconds, 2),
        "texts_per_s": round(report.embedded_texts / report.seconds, 2),
        "cpu_s": round(
            (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system), 1
        ),
        "load_before": load_before,
        "load_after": load_average(),
        "cpus": os.cpu_count(),
        "vectors": components.vectors.count(),
        "rss_mb_model_only": rss_model,
        "rss_mb_after_ingest": rss_mb(),
        "rss_mb_peak_ingest": peak_rss_mb(),
    }


def ask(spec: dict[str, Any]) -> dict[str, Any]:
    """Warm retrieve and ask latency and span-level hit@5 on a built ``spec["data_dir"]``;
    with ``chroma_port``, the vectors are in that ``chroma run`` server."""
    cfg = BenchConfig(model_cache=Path(spec["model_cache"]), batch_size=spec["batch_size"])
    corpus, data_dir = Path(spec["corpus"]), Path(spec["data_dir"])
    overrides: dict[str, Any] = {}
    if spec.get("chroma_port"):
        overrides = {"chroma_host": "127.0.0.1", "chroma_port": spec["chroma_port"]}
    settings = make_settings(data_dir, corpus, spec["backend"], **overrides)
    embeddings = load_embeddings(cfg, spec["backend"])
    components = build_components(settings, embeddings)
    assistant = Assistant(components)
    _, open_ms = timed(assistant.warm)  # model + stores, as at a server's start-up
    rss_ready = rss_mb()
    wanted = set(spec["case_ids"])
    cases = [c for c in load_cases() if c.id in wanted]
    for case in cases[:3]:  # warm-up
        assistant.ask(case.question)
    ask_ms, retrieve_ms, hits, hits_any_copy, scored = [], [], 0, 0, 0
    for case in cases:
        history, filters = request_args(case)
        result, ms = timed(
            partial(assistant.retrieve, case.question, history, filters, k=MRR_DEPTH)
        )
        retrieve_ms.append(ms)
        _, ms = timed(partial(assistant.ask, case.question, history, filters))
        ask_ms.append(ms)
        if case.answerable and case.gold_spans:
            scored += 1
            spans = [" ".join(s.split()).lower() for s in case.gold_spans]
            top = [" ".join(c.chunk.text.split()).lower() for c in result.candidates[:5]]
            hits += any(s in t for s in spans for t in top)
            same = [canonical_text(s) for s in spans]
            hits_any_copy += any(s in canonical_text(t) for s in same for t in top)
    return {
        "open_s": round(open_ms / 1000, 2),
        "ask": latency_summary(ask_ms),
        "retrieve": latency_summary(retrieve_ms),
        "hit_at_5": round(hits / scored, 4) if scored else None,
        # the answering passage in the original or in any copy of it (they differ only by
        # names and synonyms: a question that names nothing a copy renamed fits them all)
        "hit_at_5_any_copy": round(hits_any_copy / scored, 4) if scored else None,
        "rss_mb_ready": rss_ready,
        "rss_mb_end": rss_mb(),
        "rss_mb_peak": peak_rss_mb(),
        "vectors": components.vectors.count(),
        "index_mb_on_disk": dir_mb(data_dir),
    }


def main() -> int:
    spec = json.loads(sys.argv[1])
    started = time.perf_counter()
    result = {"ingest": ingest, "ask": ask}[spec["mode"]](spec)
    result["worker_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
