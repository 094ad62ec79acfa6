"""Section 2: warm query latency (retrieve and full extractive ask) and start-up to ready."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from assistant.components import build_components
from assistant.service import Assistant
from evals.bench.cases import Case, request_args
from evals.bench.index import make_settings
from evals.bench.measure import latency_summary, rss_mb, timed
from evals.bench.servers import bench_env
from ingest.embeddings import SentenceTransformerEmbeddings

ASK_P95_TARGET_MS = 100.0
READY_TARGET_S = 10.0


def time_questions(assistant: Assistant, cases: list[Case]) -> tuple[list[float], list[float]]:
    """Per question: retrieve ms and ask ms (ask includes its own retrieve, as users see it)."""
    retrieve_ms, ask_ms = [], []
    for case in cases:
        history, filters = request_args(case)
        _, ms = timed(partial(assistant.retrieve, case.question, history, filters))
        retrieve_ms.append(ms)
        _, ms = timed(partial(assistant.ask, case.question, history, filters))
        ask_ms.append(ms)
    return retrieve_ms, ask_ms


def run_latency(
    data_dir: Path,
    corpus: Path,
    embeddings: SentenceTransformerEmbeddings,
    cases: list[Case],
    entry: dict[str, Any],
) -> None:
    """Warm latencies over ``cases`` against an index that already exists in ``data_dir``."""
    settings = make_settings(data_dir, corpus, embeddings.backend)
    assistant = Assistant(build_components(settings, embeddings))
    assistant.warm()
    time_questions(assistant, cases[:3])  # warm caches (SQLite pages, HNSW, FTS5)
    retrieve_ms, ask_ms = time_questions(assistant, cases)
    entry["backend"] = embeddings.backend
    entry["questions"] = len(cases)
    entry["retrieve"] = latency_summary(retrieve_ms)
    entry["ask"] = latency_summary(ask_ms)
    entry["ask_p95_target_ms"] = ASK_P95_TARGET_MS
    entry["process_rss_mb"] = rss_mb()


STARTUP_PROBE = """
import json, time, sys
t0 = time.perf_counter()
from assistant.components import build_components
from assistant.service import Assistant
from assistant.settings import Settings
t1 = time.perf_counter()
a = Assistant(build_components(Settings(_env_file=None)))
a.warm()
ready = a.ready()
t2 = time.perf_counter()
a.ask("Who owns the Innovation Ambassadors action?")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "warm_s": t2 - t1, "first_ask_s": t3 - t2,
                  "ready": ready}), flush=True)
"""


def run_startup(data_dir: Path, corpus: Path, backend: str, entry: dict[str, Any]) -> None:
    """Fresh interpreter → imports → model loaded, stores open (``ready()``): wall seconds."""
    env = bench_env(data_dir=str(data_dir), corpus_dir=str(corpus), embedding_backend=backend)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    wall = time.perf_counter() - started
    probe = json.loads(proc.stdout.strip().splitlines()[-1])
    ready_s = wall - probe["first_ask_s"]  # exit time minus the first ask after ready
    entry["startup"] = {
        "backend": backend,
        "process_to_ready_s": round(ready_s, 2),
        "imports_s": round(probe["import_s"], 2),
        "model_and_stores_s": round(probe["warm_s"], 2),
        "first_ask_ms": round(probe["first_ask_s"] * 1000, 1),
        "target_s": READY_TARGET_S,
        "documents": probe["ready"].get("documents"),
    }
