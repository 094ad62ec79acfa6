"""Section 4: ingest time, ask latency and memory as the corpus grows ×1 → ×10 → ×100.

Each size runs in its own process (:mod:`evals.bench.scale_worker`); the largest size runs a
second time against a ``chroma run`` server instead of the embedded store.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from evals.bench.cases import Case
from evals.bench.config import BenchConfig
from evals.bench.index import fresh_dir
from evals.bench.measure import peak_rss_mb, ratio, rss_mb
from evals.bench.servers import bench_env, start_chroma
from evals.bench.synthetic import SyntheticCorpus

GROWTH_TARGET = 2.0  # ×100 corpus may cost at most 2× the ×1 query p95


def _worker(spec: dict[str, Any], timeout: float) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "evals.bench.scale_worker", json.dumps(spec)],
        env=bench_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"scale worker failed: {proc.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def run_scaling(
    cfg: BenchConfig, base: Path, backend: str, cases: list[Case], entry: dict[str, Any]
) -> None:
    """One row per size (plus Chroma server mode at the largest), and the growth factors."""
    entry["backend"] = backend
    entry["encoder_note"] = (
        "copies reuse their source text's vector (plus a small deterministic perturbation); "
        "each distinct text is encoded for real — see texts_encoded/texts_reused"
    )
    entry["questions"] = len(cases)
    rows: list[dict[str, Any]] = entry.setdefault("sizes", [])
    synthetic = SyntheticCorpus(cfg.seed)
    spec_base = {
        "backend": backend,
        "model_cache": str(cfg.model_cache),
        "batch_size": cfg.batch_size,
        "seed": cfg.seed,
        "case_ids": [c.id for c in cases],
    }
    made_by_factor: dict[int, dict[str, Any]] = {}
    for factor in cfg.scales:
        corpus = cfg.work / f"corpus-x{factor}"
        if corpus.exists():
            shutil.rmtree(corpus)
        made = synthetic.write(base, corpus, factor)
        made_by_factor[factor] = made
        row: dict[str, Any] = {**made, "store": "embedded"}
        try:
            spec = {**spec_base, "factor": factor, "corpus": str(corpus)}
            spec["data_dir"] = str(fresh_dir(cfg.work / f"scale-x{factor}"))
            row.update(_worker(spec, timeout=3600))
        except Exception as exc:
            row["error"] = f"{type(exc).__name__}: {exc}"
        rows.append(row)
    if cfg.chroma_server_at_largest and cfg.scales:
        largest = max(cfg.scales)
        rows.append(_server_mode(cfg, spec_base, largest, made_by_factor.get(largest, {})))
    _growth(rows, entry)


def _server_mode(
    cfg: BenchConfig, spec_base: dict[str, Any], factor: int, made: dict[str, Any]
) -> dict[str, Any]:
    corpus = cfg.work / f"corpus-x{factor}"
    row: dict[str, Any] = {**made, "factor": factor, "store": "chroma server"}
    chroma_dir = fresh_dir(cfg.work / f"chroma-server-x{factor}")
    server = start_chroma(chroma_dir, cfg.work / "chroma-server.log")
    try:
        server.wait_until("/api/v2/heartbeat", timeout=120)
        port = int(server.url.rsplit(":", 1)[1])
        spec = {**spec_base, "factor": factor, "corpus": str(corpus), "chroma_port": port}
        spec["data_dir"] = str(fresh_dir(cfg.work / f"scale-x{factor}-server"))
        row.update(_worker(spec, timeout=3600))
        row["chroma_server_rss_mb"] = rss_mb(server.pid)
        row["chroma_server_rss_mb_peak"] = peak_rss_mb(server.pid)
    except Exception as exc:
        row["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        server.stop()
    return row


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
    }
    server = [r for r in rows if r.get("store") == "chroma server" and "ask" in r]
    if server:
        entry["chroma_server_vs_embedded_ask_p95"] = ratio(
            server[0]["ask"]["p95_ms"], last["ask"]["p95_ms"]
        )
