"""One scaling point in a fresh process: ingest a synthetic corpus, then time warm asks.

Run by :mod:`evals.bench.scaling` as ``python -m evals.bench.scale_worker JSON``; prints one
JSON line. A process per size gives a clean memory curve (RSS and its high-water mark
belong to that size alone) and keeps one size's crash from ending the run.
"""

from __future__ import annotations

import json
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from assistant.components import build_components
from assistant.service import Assistant
from evals.bench.cases import MRR_DEPTH, load_cases, request_args
from evals.bench.config import BenchConfig
from evals.bench.index import load_embeddings, make_settings
from evals.bench.measure import latency_summary, peak_rss_mb, rss_mb, timed
from evals.bench.synthetic import ReusingEmbeddings, SyntheticCorpus
from ingest.pipeline import IngestPipeline


def run(spec: dict[str, Any]) -> dict[str, Any]:
    cfg = BenchConfig(model_cache=Path(spec["model_cache"]), batch_size=spec["batch_size"])
    corpus, data_dir = Path(spec["corpus"]), Path(spec["data_dir"])
    overrides: dict[str, Any] = {}
    if spec.get("chroma_port"):
        overrides = {"chroma_host": "127.0.0.1", "chroma_port": spec["chroma_port"]}
    settings = make_settings(data_dir, corpus, spec["backend"], **overrides)
    embeddings = load_embeddings(cfg, spec["backend"])
    embeddings.embed_query("warm up")
    rss_model = rss_mb()
    synthetic = SyntheticCorpus(spec["seed"])
    for factor in range(1, spec["factor"]):  # learn the invented names of every copy
        synthetic.copy_text("", factor)
    reusing = ReusingEmbeddings(embeddings, synthetic)
    components = build_components(settings, embeddings)
    pipeline = IngestPipeline(
        corpus_root=corpus,
        embeddings=reusing,
        store=components.store,
        vectors=components.vectors,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
    )
    report = pipeline.run(rebuild=True)
    out: dict[str, Any] = {
        "ingest_s": round(report.seconds, 2),
        "chunks": report.chunks,
        "files": len(report.ingested),
        "failed": len(report.failed),
        "texts_encoded": reusing.encoded,
        "texts_reused": reusing.reused,
        "chunks_per_s": round(report.chunks / report.seconds, 2),
        "rss_mb_model_only": rss_model,
        "rss_mb_after_ingest": rss_mb(),
    }
    assistant = Assistant(components)
    assistant.warm()
    wanted = set(spec["case_ids"])
    cases = [c for c in load_cases() if c.id in wanted]
    for case in cases[:3]:  # warm-up
        assistant.ask(case.question)
    ask_ms, retrieve_ms, hits, scored = [], [], 0, 0
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
    out.update(
        ask=latency_summary(ask_ms),
        retrieve=latency_summary(retrieve_ms),
        hit_at_5=round(hits / scored, 4) if scored else None,
        rss_mb_end=rss_mb(),
        rss_mb_peak=peak_rss_mb(),
        vectors=components.vectors.count(),
        index_mb_on_disk=round(
            sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file()) / 1e6, 1
        ),
    )
    return out


def main() -> int:
    spec = json.loads(sys.argv[1])
    started = time.perf_counter()
    result = run(spec)
    result["worker_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
