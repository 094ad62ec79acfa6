"""The benchmark's quick mode end to end, so ``python -m evals.bench`` can't rot.

Figures are not checked against targets (benchmarks never fail a build on a number); only
that every section produced numbers and the report files exist.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _processes_mentioning(text: str) -> list[str]:
    """Live processes whose command line or environment holds ``text`` (Linux ``/proc``)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        for name in ("cmdline", "environ"):
            try:
                raw = (proc / name).read_bytes()
            except OSError:
                continue
            if text.encode() in raw:
                shown = raw.replace(b"\0", b" ")[:120]
                found.append(f"{proc.name}: {shown!r}")
                break
    return found


@pytest.mark.timeout(900)  # ~2 min on a 2-core machine (~40 s of it starting the servers of
# the workers comparison); shared CI boxes are slower
def test_quick_bench_writes_reports(tmp_path: Path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env = {k: v for k, v in env.items() if not k.startswith("ASSISTANT_")}
    proc = subprocess.run(
        [sys.executable, "-m", "evals.bench", "--quick", "--out", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=880,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Benchmarks" in proc.stdout  # the rich table was printed
    report = json.loads((tmp_path / "report.json").read_text())
    markdown = (tmp_path / "report.md").read_text()
    assert markdown.startswith("# Benchmark report")
    assert "chunks/s" in markdown and "MB/s" in markdown  # the two throughput units
    for name in report["plots"]:
        assert (tmp_path / name).stat().st_size > 0

    ingestion = report["ingestion"]
    assert "error" not in ingestion, ingestion.get("traceback")
    torch_row = ingestion["backends"]["torch"]
    assert "error" not in torch_row, torch_row
    for value in (
        torch_row["pipeline"]["chunks_per_s"],
        torch_row["pipeline"]["mb_per_s"],
        torch_row["raw_encoder"]["chunks_per_s"],
        torch_row["pipeline_vs_raw"]["chunks_ratio"],
        torch_row["pipeline_vs_raw"]["like_for_like_ratio"],
        torch_row["pipeline_vs_raw"]["chunks_ratio_ceiling"],
        torch_row["pipeline"]["own_work_seconds"],
        torch_row["quality"]["hit_at_5"],
        torch_row["quality"]["mrr"],
    ):
        assert _number(value)

    latency = report["latency"]
    assert "error" not in latency, latency.get("traceback")
    for key in ("retrieve", "ask"):
        assert all(_number(latency[key][p]) for p in ("p50_ms", "p95_ms", "p99_ms"))
    assert _number(latency["startup"]["process_to_ready_s"])

    load = report["load"]
    assert "error" not in load, load.get("traceback")
    if load["status"] == "measured":
        for level in load["levels"]:
            assert _number(level["req_per_s"]) and _number(level["p95_ms"])
            assert level["errors"] == 0, level["error_examples"]
        soak = load["soak"]
        assert soak["requests"] == 40 and soak["errors"] == 0
        assert len(soak["curve"]) == 10 and all(_number(p["rss_mb"]) for p in soak["curve"])
        assert _number(soak["rss_mb_per_1000_requests_second_half"])
    else:
        assert load["status"].startswith("not measured")

    workers = report["workers"]
    assert "error" not in workers, workers.get("traceback")
    if workers["status"] == "measured":
        assert [run["processes"] for run in workers["runs"]] == [1, 2]
        for run in workers["runs"]:
            assert "error" not in run, run["error"]
            assert _number(run["req_per_s"]) and _number(run["p95_ms"])
            assert _number(run["server_rss_mb_peak"])
            assert run["errors"] == 0, run["error_examples"]
    else:
        assert workers["status"].startswith("not measured")
    if Path("/proc/self").exists():  # every server the bench started was stopped
        assert not _processes_mentioning(str(tmp_path))

    scaling = report["scaling"]
    assert "error" not in scaling, scaling.get("traceback")
    assert scaling["sizes"] and all("error" not in row for row in scaling["sizes"])
    for row in scaling["sizes"]:
        assert _number(row["ingest_s"]) and _number(row["ask"]["p95_ms"])
        # every text distinct within its file is encoded; nothing is shared between files
        assert row["texts_encoded"] == row["texts_distinct"] > row["chunks"] > 0
        assert row["texts_distinct"] <= row["texts_total"]
        assert row["build"]["source"] == "this run"  # a fresh --out has no cache
    assert Path(scaling["cache_dir"]).is_relative_to(tmp_path)  # data/ is left alone


@pytest.mark.timeout(600)  # ~1 min: one ingest and three ask processes, one Chroma server
def test_scaling_reuses_its_cached_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run asks the cached index (and reports the first run's build), also through
    a Chroma server over a copy of it, without ingesting again."""
    from evals.bench.cases import corpus_sources, load_cases, spread
    from evals.bench.config import BenchConfig
    from evals.bench.index import base_corpus
    from evals.bench.scaling import run_scaling

    for name in [k for k in os.environ if k.startswith("ASSISTANT_")]:
        monkeypatch.delenv(name)
    cfg = BenchConfig.quick_run(tmp_path)
    cfg.work.mkdir(parents=True)
    base = base_corpus(cfg)
    cases = spread(load_cases(sources=corpus_sources(cfg.corpus, cfg.corpus_files)), 3)
    first: dict[str, Any] = {}
    run_scaling(cfg, base, "torch", cases, first)
    (built,) = first["sizes"]
    assert "error" not in built, built["error"]
    assert built["build"]["source"] == "this run"
    (entry,) = cfg.cache_dir.glob("x2-*")
    record = json.loads((entry / "build.json").read_text())
    for key in ("ingest_s", "files", "chunks", "texts_encoded", "chunks_per_s", "load_before"):
        assert key in record["ingest"]
    assert record["ingest"]["texts_encoded"] == record["ingest"]["texts_distinct"]

    cfg.chroma_server_at_largest = True
    second: dict[str, Any] = {}
    run_scaling(cfg, base, "torch", cases, second)
    embedded, server = second["sizes"]
    assert "error" not in embedded and "error" not in server, (embedded, server)
    assert embedded["build"]["source"] == "cache"
    assert embedded["build"]["built_at"] == record["built_at"]
    assert embedded["ingest_s"] == built["ingest_s"] and embedded["chunks"] == built["chunks"]
    assert embedded["documents"] == record["corpus"]["documents"] == 2 * len(cfg.corpus_files)
    assert server["store"] == "chroma server" and _number(server["ask"]["p95_ms"])
    assert server["vectors"] == embedded["vectors"] == built["chunks"]
    assert json.loads((entry / "build.json").read_text()) == record  # the cache is untouched
    if Path("/proc/self").exists():
        assert not _processes_mentioning(str(tmp_path))
