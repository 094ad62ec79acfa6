"""Section 1: pipeline vs raw encoder, and the encoder options (backends, length sorting).

Each backend ingests the corpus through the real pipeline (timed, with the encoder's share
measured inside it), then ``SentenceTransformer.encode`` is timed on the very texts the
pipeline embedded, and retrieval quality is measured over the index that backend built.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.components import build_components
from assistant.service import Assistant
from assistant.settings import Settings
from evals.bench.cases import Case, retrieval_quality
from evals.bench.config import REPO, BenchConfig
from evals.bench.index import (
    TimedEmbeddings,
    corpus_bytes,
    fresh_dir,
    load_embeddings,
    make_settings,
)
from evals.bench.measure import points, ratio
from ingest.loaders import discover_files, load_file
from ingest.pipeline import prepare

QUALITY_TOLERANCE = 0.01  # "within 1 point" of torch on hit@5 and MRR
PIPELINE_TARGET = 0.85


@dataclass
class Shared:
    """What later sections reuse: loaded models and the index each backend built."""

    embeddings: dict[str, TimedEmbeddings] = field(default_factory=dict)
    index_dirs: dict[str, Path] = field(default_factory=dict)
    recommended_backend: str = "torch"


def prepared_texts(
    corpus: Path, chunk_size: int, overlap: int
) -> list[tuple[list[str], list[str]]]:
    """Per file: (chunk embedding texts, sentence texts), exactly as the pipeline embeds them."""
    out = []
    for path in discover_files([corpus]):
        prepared = prepare(load_file(path, corpus), chunk_size, overlap)
        out.append(
            ([c.embedding_text() for c in prepared.chunks], [s for _, _, s in prepared.sentences])
        )
    return out


def _time_encode(embeddings: TimedEmbeddings, batches: list[list[str]], batch_size: int) -> float:
    """Seconds for ``SentenceTransformer.encode`` over each list in ``batches`` (one call each)."""
    model = embeddings.model
    started = time.perf_counter()
    for texts in batches:
        if texts:
            model.encode(
                texts,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
    return time.perf_counter() - started


def measure_backend(
    cfg: BenchConfig, backend: str, corpus: Path, cases: list[Case], shared: Shared
) -> dict[str, Any]:
    """One encoder option end to end: load, pipeline ingest, raw encodes, retrieval quality."""
    row: dict[str, Any] = {"backend": backend}
    started = time.perf_counter()
    embeddings = load_embeddings(cfg, backend)
    embeddings.embed_query("warm up")
    row["load_s"] = round(time.perf_counter() - started, 2)  # includes a first ONNX export

    data_dir = fresh_dir(cfg.work / f"index-{backend}")
    settings = make_settings(data_dir, corpus, backend, embedding_batch_size=cfg.batch_size)
    components = build_components(settings, embeddings)
    _ = components.store, components.vectors  # opening stores is start-up, not ingest
    embeddings.reset_watch()
    report = components.pipeline.run(rebuild=True)
    size_mb = corpus_bytes(corpus) / 1e6
    pipeline_s = report.seconds
    encode_s = embeddings.encode_watch.seconds
    row["pipeline"] = {
        "seconds": round(pipeline_s, 2),
        "chunks": report.chunks,
        "embedded_texts": report.embedded_texts,
        "encoded_texts": report.encoded_texts,
        "sentences": report.embedded_texts - report.chunks,
        "chunks_per_s": round(report.chunks / pipeline_s, 2),
        "texts_per_s": round(report.embedded_texts / pipeline_s, 2),
        "encoded_texts_per_s": round(report.encoded_texts / pipeline_s, 2),
        "mb_per_s": round(size_mb / pipeline_s, 4),
        "encoder_seconds_inside": round(encode_s, 2),
        "encoder_share": ratio(encode_s, pipeline_s),
        # parsing, structure, sentence split, SQLite and Chroma writes: what is not hidden
        # behind the encoder (parsing ahead and writing behind overlap most of it)
        "own_work_seconds": round(max(pipeline_s - encode_s, 0.0), 2),
        "own_work_share": ratio(max(pipeline_s - encode_s, 0.0), pipeline_s),
        "failed": [f"{s}: {r}" for s, r in report.failed],
    }

    files = prepared_texts(corpus, settings.chunk_size, settings.chunk_overlap)
    chunk_texts = [t for chunks, _ in files for t in chunks]
    per_file = [list(dict.fromkeys(chunks + sentences)) for chunks, sentences in files]
    raw_chunks_s = _time_encode(embeddings, [chunk_texts], cfg.batch_size)
    raw_all_s = _time_encode(embeddings, per_file, cfg.batch_size)
    n_all = sum(len(t) for t in per_file)
    raw: dict[str, Any] = {
        "chunks": len(chunk_texts),
        "chunks_seconds": round(raw_chunks_s, 2),
        "chunks_per_s": round(len(chunk_texts) / raw_chunks_s, 2),
        "mb_per_s": round(size_mb / raw_chunks_s, 4),
        "all_texts": n_all,
        "all_texts_seconds": round(raw_all_s, 2),
        "all_texts_per_s": round(n_all / raw_all_s, 2),
    }
    if cfg.unsorted_baseline:
        batches = [
            chunk_texts[i : i + cfg.batch_size] for i in range(0, len(chunk_texts), cfg.batch_size)
        ]
        unsorted_s = _time_encode(embeddings, batches, cfg.batch_size)
        raw["unsorted_chunks_per_s"] = round(len(chunk_texts) / unsorted_s, 2)
        raw["length_sorting_speedup"] = ratio(raw["chunks_per_s"], raw["unsorted_chunks_per_s"])
    row["raw_encoder"] = raw
    row["pipeline_vs_raw"] = {
        # the definition: pipeline chunks/s over raw encode of the chunk texts alone
        "chunks_ratio": ratio(row["pipeline"]["chunks_per_s"], raw["chunks_per_s"]),
        # like for like: the same distinct chunk + sentence texts of each file, encoded per
        # file as the pipeline does
        "like_for_like_ratio": ratio(
            row["pipeline"]["encoded_texts_per_s"], raw["all_texts_per_s"]
        ),
        # the chunks ratio a pipeline with no work of its own would reach while it encodes
        # every sentence too: raw encode of the chunk texts over raw encode of all its texts
        "chunks_ratio_ceiling": ratio(raw_chunks_s, raw_all_s),
        "sentence_share_of_encoding": ratio(max(raw_all_s - raw_chunks_s, 0.0), raw_all_s),
        "target": PIPELINE_TARGET,
    }

    row["serving"] = serving_cost(backend, [c.question for c in cases][:40])
    assistant = Assistant(components)
    row["quality"] = retrieval_quality(assistant, cases, "hybrid+rescore")
    row["quality_dense_only"] = retrieval_quality(assistant, cases, "vector")
    shared.index_dirs[backend] = data_dir
    if backend == Settings.model_fields["embedding_backend"].default:
        shared.embeddings[backend] = embeddings  # the later sections run the default
    del assistant, components
    gc.collect()
    return row


SERVING_PROBE = """
import json, sys, time
t0 = time.perf_counter()

def peak_rss_mb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork+exec, so a child of a large
    # benchmark process would report the parent's size
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None

from ingest.embeddings import SentenceTransformerEmbeddings
from assistant.settings import Settings
from evals.bench.config import MODEL_CACHE
settings = Settings(_env_file=None, embedding_backend=sys.argv[1], model_cache_dir=MODEL_CACHE)
embeddings = SentenceTransformerEmbeddings.from_settings(settings)
embeddings.embed_query("warm up")
loaded = time.perf_counter() - t0
times = []
for question in json.loads(sys.stdin.read()):
    t = time.perf_counter()
    embeddings.encode([question])
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({"load_s": loaded, "p50_ms": times[len(times) // 2],
                  "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
                  "rss_mb": peak_rss_mb(),
                  "backend": embeddings.active_backend}))
"""


def serving_cost(backend: str, questions: list[str]) -> dict[str, Any]:
    """What a serving process pays for the encoder, in a fresh interpreter: imports + model
    load, one-question embedding latency, peak memory. Ingest speed matters once per file
    change; these matter on every start and every question."""
    proc = subprocess.run(
        [sys.executable, "-c", SERVING_PROBE, backend],
        input=json.dumps(questions),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=REPO,
    )
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}


def run_ingestion(
    cfg: BenchConfig, corpus: Path, cases: list[Case], shared: Shared, entry: dict[str, Any]
) -> None:
    """Fill ``entry`` with one row per backend, the option table and the recommendation."""
    entry["corpus_mb"] = round(corpus_bytes(corpus) / 1e6, 4)
    entry["batch_size"] = cfg.batch_size
    rows: dict[str, Any] = entry.setdefault("backends", {})
    for backend in cfg.backends:
        try:
            rows[backend] = measure_backend(cfg, backend, corpus, cases, shared)
        except Exception as exc:  # one backend missing (e.g. no onnxruntime) is a finding
            rows[backend] = {"backend": backend, "error": f"{type(exc).__name__}: {exc}"}
    entry["options"] = option_table(rows)
    entry["recommendation"] = recommend(rows)
    shared.recommended_backend = entry["recommendation"]["fastest_holding_quality"]


def option_table(rows: dict[str, Any]) -> list[dict[str, Any]]:
    """Chunks/s and quality per option, as ratios and point changes against torch."""
    ref = rows.get("torch", {})
    ref_speed = ref.get("raw_encoder", {}).get("chunks_per_s")
    ref_q = ref.get("quality", {})
    table = []
    for backend, row in rows.items():
        if "error" in row:
            table.append({"option": backend, "error": row["error"]})
            continue
        raw, q = row["raw_encoder"], row["quality"]
        base = {
            "hit_at_5": q["hit_at_5"],
            "mrr": q["mrr"],
            "hit_at_5_change_points": points(q["hit_at_5"], ref_q.get("hit_at_5")),
            "mrr_change_points": points(q["mrr"], ref_q.get("mrr")),
            "dense_hit_at_5": row["quality_dense_only"]["hit_at_5"],
        }
        if "unsorted_chunks_per_s" in raw:
            table.append(
                {
                    "option": f"{backend}, batches in corpus order",
                    "chunks_per_s": raw["unsorted_chunks_per_s"],
                    "speed_vs_torch": ratio(raw["unsorted_chunks_per_s"], ref_speed),
                    **base,
                    "note": "same vectors as length-sorted; only the batching differs",
                }
            )
        table.append(
            {
                "option": f"{backend}, length-sorted batches",
                "chunks_per_s": raw["chunks_per_s"],
                "speed_vs_torch": ratio(raw["chunks_per_s"], ref_speed),
                "pipeline_chunks_per_s": row["pipeline"]["chunks_per_s"],
                **base,
            }
        )
    return table


def recommend(rows: dict[str, Any]) -> dict[str, Any]:
    """The backend to serve with: among those whose hit@5 and MRR stay within one point of
    torch's, the one that embeds a question fastest in a fresh process (every question pays
    it; ingestion runs once per changed file). Ingest speed is reported alongside."""
    ref = rows.get("torch")
    if not ref or "error" in ref:
        return {"fastest_holding_quality": "torch", "why": "torch reference not measured"}
    ref_q = ref["quality"]
    considered = {}
    for backend, row in rows.items():
        if "error" in row:
            continue
        q = row["quality"]
        holds = (
            q["hit_at_5"] >= ref_q["hit_at_5"] - QUALITY_TOLERANCE
            and q["mrr"] >= ref_q["mrr"] - QUALITY_TOLERANCE
        )
        considered[backend] = {
            "quality_holds": holds,
            "chunks_per_s": row["raw_encoder"]["chunks_per_s"],
            "query_p50_ms": row.get("serving", {}).get("p50_ms"),
            "load_s": row.get("serving", {}).get("load_s"),
            "rss_mb": row.get("serving", {}).get("rss_mb"),
        }
    holding = [b for b, c in considered.items() if c["quality_holds"]]
    best = min(holding, key=lambda b: considered[b]["query_p50_ms"] or float("inf"))
    ref_serving = ref.get("serving", {})
    chosen = considered[best]
    return {
        "fastest_holding_quality": best,
        "speedup_vs_torch": ratio(chosen["chunks_per_s"], ref["raw_encoder"]["chunks_per_s"]),
        "query_speedup_vs_torch": ratio(ref_serving.get("p50_ms"), chosen["query_p50_ms"]),
        "load_speedup_vs_torch": ratio(ref_serving.get("load_s"), chosen["load_s"]),
        "considered": considered,
        "rule": "fastest question embedding (fresh process) with hit@5 and MRR within 1 point "
        "of torch",
    }
