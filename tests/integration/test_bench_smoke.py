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
    assert (tmp_path / "report.md").read_text().startswith("# Benchmark report")
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
