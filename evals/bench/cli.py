"""``python -m evals.bench [--quick] [--out DIR] [--rebuild-cache]``: run every section, write
the reports."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from evals.bench.cases import corpus_sources, load_cases, spread
from evals.bench.config import SECTIONS, BenchConfig
from evals.bench.encoders import Shared, run_ingestion
from evals.bench.index import base_corpus, fresh_dir, load_embeddings
from evals.bench.latency import run_latency, run_startup
from evals.bench.load import SoakPlan, run_load, run_workers
from evals.bench.measure import load_average, section
from evals.bench.plots import make_plots
from evals.bench.report import print_table, write_reports
from evals.bench.scaling import run_scaling

NOTES = [
    "hit@5 and MRR are span-level (a top-5 / top-10 chunk contains a gold span) over the "
    "answerable eval cases; 'dense_hit_at_5' in report.json is the same with vector-only "
    "retrieval, which isolates the encoder from the keyword side of hybrid search.",
    "The pipeline-vs-raw 'chunks' ratio follows the issue's definition (raw = encode of the chunk "
    "texts only). The pipeline also embeds every sentence for sentence-level re-scoring and "
    "answer selection, so the like-for-like ratio compares the same chunk + sentence texts "
    "encoded per file, and the 'ceiling' is the chunks ratio a pipeline with no work of its "
    "own would reach while encoding every sentence (raw chunk encode / raw encode of all its "
    "texts, same run). Without sentence vectors, or with them computed at question time, "
    "answers got worse or first questions slow (README, Benchmarks), so every sentence is "
    "still encoded. 'Own work' is the pipeline's time outside the encoder: the next file "
    "parses in the worker and the previous one is written in a background thread while a "
    "file is encoded, so only what does not overlap remains.",
    "sentence-transformers already sorts each encode() call's texts by length; the "
    "'batches in corpus order' option times batches passed one by one, i.e. without sorting.",
    "ONNX models are exported offline with torch.onnx from the packaged MiniLM and cached under "
    "data/models; int8 is onnxruntime dynamic quantisation (per-channel, reduced range). "
    "sentence-transformers' own backend='onnx' needs optimum-onnx, which requires "
    "transformers<4.58 and does not import with the transformers 5.x used here.",
    "The 'workers' rows compare `assistant serve` with one process and with `--workers 2`, "
    "both over the same `chroma run` server (loopback) and index, one after the other, with "
    "the same questions and client count, after a warm-up of 2 asks per client; RSS is summed "
    "over the serve process and its descendants (web processes and the `assistant worker` "
    "ingest writer). Several web processes share the rate-limit buckets through the SQLite "
    "state file, one process keeps them in memory. Each process answers at most "
    "ASSISTANT_ANSWER_CONCURRENCY (2) questions at once; with several, a process busier "
    "than its peer closes keep-alive connections so their clients reconnect elsewhere.",
    "Scaling: ×10 and ×100 are renamed and paraphrased copies of the corpus (every copy distinct "
    "text), ingested by the normal pipeline with every chunk and sentence text encoded for real "
    "('a/b texts encoded': a counted at the encoder, b embedded by the pipeline). Indexes above "
    "×1 are built once and cached under data/bench-cache/ (keyed on the generator, seed, "
    "corpus content, encoder, processing version and chunking); a row built from the cache "
    "gives that build's ingest figures and says when it was made and how long it took; "
    "`--rebuild-cache` builds them again. ×1 is ingested in every run. Questions are asked "
    "in a fresh process against a copy of the built index.",
    "The Chroma-server row asks the largest index through `chroma run --path` over a copy of "
    "the embedded row's Chroma files; it is not ingested again through the server.",
]


def run(cfg: BenchConfig) -> dict[str, Any]:
    """Every section in order; each records an ``error`` instead of stopping the run."""
    started = time.perf_counter()
    results: dict[str, Any] = {
        "meta": {
            "command": "python -m evals.bench"
            + (" --quick" if cfg.quick else "")
            + (" --rebuild-cache" if cfg.rebuild_cache else "")
            + "".join(f" --only {name}" for name in cfg.only),
            "quick": cfg.quick,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "load_start": load_average(),
            "python": sys.version.split()[0],
            "notes": NOTES,
        }
    }
    cfg.work.mkdir(parents=True, exist_ok=True)
    corpus = base_corpus(cfg)
    cases = load_cases(sources=corpus_sources(cfg.corpus, cfg.corpus_files))
    shared = Shared()

    if cfg.runs("ingestion"):
        with section(results, "ingestion") as entry:
            run_ingestion(cfg, corpus, spread(cases, cfg.quality_cases), shared, entry)

    default = Settings.model_fields["embedding_backend"].default
    if cfg.runs("latency"):
        with section(results, "latency") as entry:
            embeddings = shared.embeddings.get(default) or load_embeddings(cfg, default)
            data_dir = shared.index_dirs.get(default)
            if data_dir is None:  # section 1 failed: build the index here
                from assistant.components import build_components
                from evals.bench.index import make_settings

                data_dir = fresh_dir(cfg.work / f"index-{default}")
                parts = build_components(make_settings(data_dir, corpus, default), embeddings)
                parts.pipeline.run()
                shared.index_dirs[default] = data_dir
            run_latency(data_dir, corpus, embeddings, spread(cases, cfg.max_questions), entry)
            run_startup(data_dir, corpus, default, entry)

    if cfg.runs("load"):
        with section(results, "load") as entry:
            if default not in shared.index_dirs:
                raise RuntimeError("no index to serve (ingestion and latency sections failed)")
            run_load(
                shared.index_dirs[default],
                corpus,
                default,
                spread(cases, cfg.max_questions),
                cfg.concurrency,
                cfg.requests_per_client,
                cfg.work,
                entry,
                SoakPlan(cfg.soak_requests, cfg.soak_clients),
            )

    if cfg.runs("workers"):
        with section(results, "workers") as entry:
            if cfg.workers_clients <= 0:
                entry["status"] = "not measured: switched off in this configuration"
            else:
                run_workers(
                    corpus,
                    default,
                    spread(cases, cfg.max_questions),
                    cfg.workers_clients,
                    cfg.workers_requests_per_client,
                    cfg.work,
                    entry,
                    cfg.workers_processes,
                )

    if cfg.runs("scaling"):
        with section(results, "scaling") as entry:
            backend = shared.recommended_backend
            run_scaling(cfg, corpus, backend, spread(cases, cfg.scale_questions), entry)

    results["meta"]["load_end"] = load_average()
    results["meta"]["wall_s"] = round(time.perf_counter() - started, 1)
    plots = make_plots(results, cfg.out) if cfg.plots else []
    results["plots"] = plots
    write_reports(results, cfg.out, plots)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run: small corpus, few queries")
    parser.add_argument("--out", type=Path, help="report directory (default bench/)")
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        help="run only this section (repeatable; load and workers need latency's index)",
    )
    parser.add_argument(
        "--rebuild-cache",
        action="store_true",
        help="ingest the ×10/×100 scaling corpora again instead of using their cached builds",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    cfg = BenchConfig.quick_run(args.out) if args.quick else BenchConfig.full(args.out)
    cfg.rebuild_cache = args.rebuild_cache
    cfg.only = tuple(args.only or ())
    results = run(cfg)
    print_table(results)
    print(f"wrote {cfg.out / 'report.md'} and report.json")
    return 0
