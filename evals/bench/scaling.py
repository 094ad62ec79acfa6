"""Section 4: ingest time, ask latency and memory as the corpus grows ×1 → ×10 → ×100.

Every size is a real ingest: the synthetic copies (:mod:`evals.bench.synthetic`) go through
the normal pipeline and every chunk and sentence text is encoded by the real encoder. At ×100
that takes about half an hour on two shared cores, so the index of each size above ×1 is built
once and cached under ``data/bench-cache/x{factor}-{key}/`` (``index/`` plus ``build.json``:
when it was built, how long the ingest took, files, chunks, texts encoded, the machine's load).
``key`` hashes everything that decides what the index holds: the generator's version and
seed, the source corpus's content, the embedding backend and model, the pipeline's
``PROCESSING_VERSION``, chunk size and overlap, and the chromadb version that wrote it. A row
built from the cache reports the ingest figures of ``build.json`` and says so; ×1 is always
ingested in the run. ``--rebuild-cache`` builds every size again.

Each step runs in its own process (:mod:`evals.bench.scale_worker`): the ingest, then the
asks against a private copy of the built index (asking writes answers to the state file, and
the cached index must stay as built). The largest size is also asked through a ``chroma run``
server over another copy of the same index: its query latency is what that row is for, and
ingesting ×100 again through the server would double the section's half hour for an ingest
figure the embedded row already gives.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from evals.bench.cases import Case
from evals.bench.config import BenchConfig
from evals.bench.index import content_hash, copy_index, dir_mb, fresh_dir, make_settings
from evals.bench.measure import log, peak_rss_mb, points, ratio, rss_mb
from evals.bench.servers import bench_env, start_chroma
from evals.bench.synthetic import GENERATOR_VERSION, SyntheticCorpus
from ingest.pipeline import PROCESSING_VERSION

GROWTH_TARGET = 2.0  # ×100 corpus may cost at most 2× the ×1 query p95
CACHE_LAYOUT = 1
"""Bump when what a cache entry holds (or how it is read) changes."""
ASK_TIMEOUT_S = 3600.0


def _worker(spec: dict[str, Any], timeout: float) -> dict[str, Any]:
    proc = subprocess.run(  # faulthandler: a native crash still says where it happened
        [sys.executable, "-X", "faulthandler", "-m", "evals.bench.scale_worker", json.dumps(spec)],
        env=bench_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        code = proc.returncode
        how = f"exit status {code}"
        if code < 0:
            how = f"killed by signal {-code}"
            with contextlib.suppress(ValueError):
                how = f"killed by {signal.Signals(-code).name}"
        raise RuntimeError(f"scale worker failed ({how}): {proc.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@dataclass(frozen=True)
class BuiltIndex:
    """A size's index as built (never asked against: asks use copies) and its build record."""

    data_dir: Path
    build: dict[str, Any]
    cached: bool
    """True when it was built by an earlier run and read from the cache."""
    corpus: Path
    """The corpus to name in settings: the synthetic one, or the base one for a cached index
    (asking reads only the index)."""


def cache_inputs(cfg: BenchConfig, base: Path, backend: str, factor: int) -> dict[str, Any]:
    """Everything that decides what the built index of ``factor`` holds."""
    settings = make_settings(cfg.work / "unused", base, backend)
    return {
        "layout": CACHE_LAYOUT,
        "factor": factor,
        "generator_version": GENERATOR_VERSION,
        "seed": cfg.seed,
        "source_corpus_sha256": content_hash(base),
        "embedding_backend": backend,
        "embedding_model": settings.embedding_model,
        "processing_version": PROCESSING_VERSION,
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "chromadb": version("chromadb"),
    }


def cache_key(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


def run_scaling(
    cfg: BenchConfig, base: Path, backend: str, cases: list[Case], entry: dict[str, Any]
) -> None:
    """One row per size (plus Chroma server mode at the largest), and the growth factors."""
    entry["backend"] = backend
    entry["encoder_note"] = (
        "every chunk and sentence text of every size is encoded for real by the ingest "
        "pipeline: texts_encoded, counted at the encoder, = texts_distinct, the texts "
        "distinct within their own file (a sentence in two overlapping chunks of one file is "
        "encoded once; nothing is shared between files, so copies are all encoded)"
    )
    entry["cache_dir"] = str(cfg.cache_dir)
    entry["questions"] = len(cases)
    rows: list[dict[str, Any]] = entry.setdefault("sizes", [])
    synthetic = SyntheticCorpus(cfg.seed)
    spec_base = {
        "backend": backend,
        "model_cache": str(cfg.model_cache),
        "batch_size": cfg.batch_size,
    }
    ask_base = {**spec_base, "mode": "ask", "case_ids": [c.id for c in cases]}
    built: dict[int, BuiltIndex] = {}
    for factor in cfg.scales:
        row: dict[str, Any] = {"factor": factor, "store": "embedded"}
        try:
            index = _index_for(cfg, synthetic, base, backend, factor, spec_base)
            built[factor] = index
            row.update(_build_figures(index))
            data_dir = copy_index(index.data_dir, cfg.work / f"scale-x{factor}")
            spec = {**ask_base, "corpus": str(index.corpus), "data_dir": str(data_dir)}
            row.update(_worker(spec, timeout=ASK_TIMEOUT_S))
        except Exception as exc:
            row["error"] = f"{type(exc).__name__}: {exc}"
        rows.append(row)
    if cfg.chroma_server_at_largest and cfg.scales:
        largest = max(cfg.scales)
        if largest in built:
            rows.append(_server_mode(cfg, ask_base, largest, built[largest]))
        else:
            rows.append(
                {"factor": largest, "store": "chroma server", "error": "no index was built"}
            )
    _growth(rows, entry)


def _index_for(
    cfg: BenchConfig,
    synthetic: SyntheticCorpus,
    base: Path,
    backend: str,
    factor: int,
    spec_base: dict[str, Any],
) -> BuiltIndex:
    """×1 ingested now; a larger size from the cache, or ingested now and cached."""
    if factor == 1:
        data_dir = fresh_dir(cfg.work / "build-x1")
        return _build(cfg, synthetic, base, factor, data_dir, spec_base, {})
    inputs = cache_inputs(cfg, base, backend, factor)
    key = cache_key(inputs)
    entry = cfg.cache_dir / f"x{factor}-{key}"
    record = entry / "build.json"
    if record.exists() and not cfg.rebuild_cache:
        build = json.loads(record.read_text())
        log.info("scaling ×%d: cached build %s (made %s)", factor, entry, build["built_at"])
        return BuiltIndex(entry / "index", build, cached=True, corpus=base)
    _remove_abandoned(cfg.cache_dir, f".x{factor}-{key}.")
    staging = fresh_dir(cfg.cache_dir / f".x{factor}-{key}.{os.getpid()}.building")
    try:
        index = _build(cfg, synthetic, base, factor, staging / "index", spec_base, inputs)
        (staging / "build.json").write_text(json.dumps(index.build, indent=2) + "\n")
        old = entry.with_name(f".{entry.name}.{os.getpid()}.old")
        if entry.exists():
            entry.rename(old)
        staging.rename(entry)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuiltIndex(entry / "index", index.build, cached=False, corpus=index.corpus)


def _build(
    cfg: BenchConfig,
    synthetic: SyntheticCorpus,
    base: Path,
    factor: int,
    data_dir: Path,
    spec_base: dict[str, Any],
    inputs: dict[str, Any],
) -> BuiltIndex:
    """Write the ×``factor`` corpus and ingest it into the empty ``data_dir`` (a process)."""
    corpus = cfg.work / f"corpus-x{factor}"
    if corpus.exists():
        shutil.rmtree(corpus)
    made = synthetic.write(base, corpus, factor)
    data_dir.mkdir(parents=True, exist_ok=True)
    log.info("scaling ×%d: ingesting %d documents (real encoder) …", factor, made["documents"])
    progress = cfg.work / f"ingest-x{factor}.progress"
    spec = {
        **spec_base,
        "mode": "ingest",
        "corpus": str(corpus),
        "data_dir": str(data_dir),
        "progress": str(progress),
    }
    figures = _worker(spec, timeout=cfg.build_timeout_s)
    build = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cache_key": cache_key(inputs) if inputs else None,
        "inputs": inputs,
        "corpus": made,
        "ingest": figures,
        "index_mb_on_disk": dir_mb(data_dir),
    }
    return BuiltIndex(data_dir, build, cached=False, corpus=corpus)


def _build_figures(index: BuiltIndex) -> dict[str, Any]:
    """A row's corpus and ingest figures, with where they come from."""
    build = index.build
    ingest = build["ingest"]
    keep = (
        "ingest_s",
        "files",
        "failed",
        "chunks",
        "texts_total",
        "texts_encoded",
        "encode_s",
        "chunks_per_s",
        "texts_per_s",
        "cpu_s",
        "rss_mb_peak_ingest",
    )
    return {
        **{k: build["corpus"][k] for k in ("documents", "mb")},
        **{k: ingest.get(k) for k in keep},
        # a build from before within-file de-duplication encoded every text
        "texts_distinct": ingest.get("texts_distinct", ingest.get("texts_total")),
        "all_texts_encoded": ingest.get("texts_encoded")
        == ingest.get("texts_distinct", ingest.get("texts_total")),
        "build": {
            "source": "cache" if index.cached else "this run",
            "built_at": build["built_at"],
            "build_s": ingest.get("ingest_s"),
            "load_during_build": [ingest.get("load_before"), ingest.get("load_after")],
            "path": str(index.data_dir.parent if build.get("cache_key") else index.data_dir),
        },
    }


def _server_mode(
    cfg: BenchConfig, ask_base: dict[str, Any], factor: int, index: BuiltIndex
) -> dict[str, Any]:
    """The largest index asked through ``chroma run --path`` over a copy of its Chroma files."""
    row: dict[str, Any] = {
        "factor": factor,
        "store": "chroma server",
        "documents": index.build["corpus"]["documents"],
        "mb": index.build["corpus"]["mb"],
        "index": f"a copy of the ×{factor} embedded row's index, served by `chroma run "
        "--path`; not ingested again",
    }
    try:
        data_dir = copy_index(index.data_dir, cfg.work / f"scale-x{factor}-server")
        server = start_chroma(data_dir / "chroma", cfg.work / "chroma-server.log")
    except Exception as exc:
        row["error"] = f"{type(exc).__name__}: {exc}"
        return row
    try:
        server.wait_until("/api/v2/heartbeat", timeout=120)
        port = int(server.url.rsplit(":", 1)[1])
        spec = {
            **ask_base,
            "corpus": str(index.corpus),
            "data_dir": str(data_dir),
            "chroma_port": port,
        }
        row.update(_worker(spec, timeout=ASK_TIMEOUT_S))
        row["chroma_server_rss_mb"] = rss_mb(server.pid)
        row["chroma_server_rss_mb_peak"] = peak_rss_mb(server.pid)
    except Exception as exc:
        row["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        server.stop()
    return row


def _remove_abandoned(root: Path, prefix: str) -> None:
    """Staging directories of this entry left by runs that were killed mid-build."""
    for path in root.glob(prefix + "*"):
        pid = path.name[len(prefix) :].split(".")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(path, ignore_errors=True)


def _growth(rows: list[dict[str, Any]], entry: dict[str, Any]) -> None:
    embedded = [r for r in rows if r.get("store") == "embedded" and "ask" in r]
    if not embedded:
        return
    first, last = embedded[0], embedded[-1]
    entry["growth"] = {
        "from_factor": first["factor"],
        "to_factor": last["factor"],
        "ask_p95_growth": ratio(last["ask"]["p95_ms"], first["ask"]["p95_ms"]),
        "retrieve_p95_growth": ratio(last["retrieve"]["p95_ms"], first["retrieve"]["p95_ms"]),
        "rss_growth": ratio(last.get("rss_mb_end"), first.get("rss_mb_end")),
        "target_ask_p95_growth_max": GROWTH_TARGET,
        "hit_at_5_change_points": points(last.get("hit_at_5"), first.get("hit_at_5")),
        "hit_at_5_any_copy_change_points": points(
            last.get("hit_at_5_any_copy"), first.get("hit_at_5_any_copy")
        ),
    }
    server = [r for r in rows if r.get("store") == "chroma server" and "ask" in r]
    if server:
        entry["chroma_server_vs_embedded_ask_p95"] = ratio(
            server[0]["ask"]["p95_ms"], last["ask"]["p95_ms"]
        )
