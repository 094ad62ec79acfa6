"""Section 3: ``POST /v1/ask`` over real HTTP on loopback with 1, 4, 16 concurrent clients,
and the "workers" section: one process vs ``assistant serve --workers 2``.

The server is ``assistant serve`` in its own process over a copy of the index, so its RSS is
the server's alone. Measured only when the web API offers ``POST /v1/ask``; otherwise the
section says so (a load figure is never made up).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from evals.bench.cases import Case
from evals.bench.index import fresh_dir
from evals.bench.measure import (
    busy_percent,
    command_line,
    cpu_seconds,
    latency_summary,
    load_average,
    machine_cpu,
    parent_pid,
    process_tree,
    ratio,
    rss_mb,
    tree_rss_mb,
)
from evals.bench.servers import (
    Server,
    assistant_command,
    assistant_env,
    start_assistant,
    start_chroma,
)

NOT_AVAILABLE = "not measured: web API not available"


def web_api_available() -> bool:
    """True when ``assistant.web`` builds an app whose OpenAPI schema has ``POST /v1/ask``.

    The schema rather than ``app.routes``: routers may be nested, the schema is flat.
    """
    try:
        from assistant.settings import Settings
        from assistant.web.app import create_app

        app = create_app(Settings(_env_file=None))
        paths = app.openapi().get("paths", {})
    except Exception:
        return False
    return "post" in paths.get("/v1/ask", {})


def _payload(case: Case) -> dict[str, Any]:
    body: dict[str, Any] = {"question": case.question}
    if case.history:
        body["history"] = [{"role": r, "content": c} for r, c in case.history]
    if case.filters:
        body["filters"] = case.filters
    return body


async def _level(
    url: str,
    cases: list[Case],
    clients: int,
    per_client: int,
    pid: int,
    memory: Callable[[int], float | None] = rss_mb,
    deadline_s: float = 600.0,
) -> dict[str, Any]:
    """``clients`` concurrent clients, each sending ``per_client`` asks one after another.

    ``memory(pid)`` is sampled every 0.2 s (one process's RSS, or a process tree's). The
    whole level must finish within ``deadline_s``; otherwise it raises ``TimeoutError``.
    """
    latencies: list[float] = []
    errors: list[str] = []
    peak_rss: list[float] = []
    done = asyncio.Event()

    async def sample_memory() -> None:
        while not done.is_set():
            value = memory(pid)
            if value is not None:
                peak_rss.append(value)
            await asyncio.sleep(0.2)

    async def client(index: int, http: httpx.AsyncClient) -> None:
        for i in range(per_client):
            case = cases[(index * per_client + i) % len(cases)]
            started = time.perf_counter()
            try:
                response = await http.post(url + "/v1/ask", json=_payload(case))
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}: {response.text[:120]}")
                    continue
                response.json()
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120.0, limits=limits) as http:
        sampler = asyncio.create_task(sample_memory())
        started = time.perf_counter()
        try:
            await asyncio.wait_for(
                asyncio.gather(*(client(i, http) for i in range(clients))), deadline_s
            )
        finally:
            wall = time.perf_counter() - started
            done.set()
            await sampler
    total = clients * per_client
    return {
        "clients": clients,
        "requests": total,
        "ok": len(latencies),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "req_per_s": round(len(latencies) / wall, 2) if wall else None,
        **latency_summary(latencies),
        "server_rss_mb_peak": max(peak_rss) if peak_rss else None,
    }


def run_load(
    data_dir: Path,
    corpus: Path,
    backend: str,
    cases: list[Case],
    levels: tuple[int, ...],
    per_client: int,
    work: Path,
    entry: dict[str, Any],
    soak: SoakPlan | None = None,
) -> None:
    """Start the server over a copy of ``data_dir``, run each concurrency level, then the
    soak (``soak``) on the same server."""
    if not web_api_available():
        entry["status"] = NOT_AVAILABLE
        return
    serve_dir = work / "serve-data"
    if serve_dir.exists():
        shutil.rmtree(serve_dir)
    shutil.copytree(data_dir, serve_dir)
    server = start_assistant(serve_dir, corpus, backend, work / "serve.log")
    try:
        entry["server_ready_s"] = round(server.wait_until("/readyz", timeout=180), 2)
        entry["server_rss_mb_ready"] = rss_mb(server.pid)
        entry["backend"] = backend
        entry["server"] = "assistant serve (one uvicorn process), 127.0.0.1"
        asyncio.run(_level(server.url, cases, 1, 2, server.pid))  # warm-up, not reported
        entry["levels"] = [
            asyncio.run(_level(server.url, cases, c, per_client, server.pid)) for c in levels
        ]
        entry["status"] = "measured"
        single = entry["levels"][0]["req_per_s"] if entry["levels"] else None
        for level in entry["levels"]:
            level["throughput_vs_1_client"] = (
                round(level["req_per_s"] / single, 2) if single and level["req_per_s"] else None
            )
        if soak is not None and soak.requests > 0:
            entry["soak"] = _soak(server.url, cases, server.pid, soak)
    finally:
        server.stop()


@dataclass(frozen=True)
class SoakPlan:
    """``requests`` asks from ``clients`` clients in ``rounds`` equal rounds, the server's RSS
    read after each: memory that grows per request shows as a slope."""

    requests: int = 10_000
    clients: int = 4
    rounds: int = 10


def _soak(url: str, cases: list[Case], pid: int, plan: SoakPlan) -> dict[str, Any]:
    per_client = max(1, plan.requests // (plan.rounds * plan.clients))
    started = time.perf_counter()
    before = rss_mb(pid)
    curve: list[dict[str, Any]] = []
    done = errors = 0
    latencies: list[float] = []
    for _ in range(plan.rounds):
        row = asyncio.run(_level(url, cases, plan.clients, per_client, pid, deadline_s=1800))
        done += row["requests"]
        errors += row["errors"]
        latencies.append(row["p95_ms"])
        curve.append({"requests": done, "rss_mb": rss_mb(pid), "p95_ms": row["p95_ms"]})
    half = curve[len(curve) // 2 :]
    slope = None
    if len(half) >= 2 and half[0]["rss_mb"] is not None and half[-1]["rss_mb"] is not None:
        added = half[-1]["requests"] - half[0]["requests"]
        slope = round(1000 * (half[-1]["rss_mb"] - half[0]["rss_mb"]) / added, 3)
    return {
        "requests": done,
        "clients": plan.clients,
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 1),
        "rss_mb_before": before,
        "rss_mb_after": curve[-1]["rss_mb"] if curve else None,
        # after the first rounds have filled the caches, memory must stay flat
        "rss_mb_per_1000_requests_second_half": slope,
        "curve": curve,
    }


# --- "workers": one process vs ``--workers 2`` over one Chroma server -----------------------

WORKERS_TARGET_RATIO = 1.8  # req/s of --workers 2 over req/s of one process
WORKERS_TARGET_P95_MS = 400.0
WARMUP_ROUNDS = 2  # warm-up asks per client before each measured round (2 × clients)


def run_workers(
    corpus: Path,
    backend: str,
    cases: list[Case],
    clients: int,
    per_client: int,
    work: Path,
    entry: dict[str, Any],
    process_counts: tuple[int, ...] = (1, 2),
) -> None:
    """``POST /v1/ask`` at ``clients`` concurrent clients against ``assistant serve`` with one
    process, then with ``--workers 2``: the same ``chroma run`` server, the same index (the
    corpus ingested once by ``assistant ingest`` into a fresh data directory), the same
    questions. Each configuration is started, warmed, measured and stopped in turn, so the
    two never share the CPU.
    """
    if not web_api_available():
        entry["status"] = NOT_AVAILABLE
        return
    base = fresh_dir(work / "workers")
    entry.update(
        backend=backend,
        clients=clients,
        requests_per_client=per_client,
        questions=len(cases),
        warmup_requests=WARMUP_ROUNDS * clients,
        target_ratio_min=WORKERS_TARGET_RATIO,
        target_p95_ms_max=WORKERS_TARGET_P95_MS,
        rss_note="RSS summed over the serve process and all its descendants (uvicorn web "
        "processes, assistant worker), from /proc; pages shared between processes count "
        "once per process, as in ps/top",
    )
    chroma = start_chroma(fresh_dir(base / "chroma"), base / "chroma.log")
    try:
        chroma.wait_until("/api/v2/heartbeat", timeout=120)
        port = int(chroma.url.rsplit(":", 1)[1])
        entry["chroma_server"] = f"chroma run, {chroma.url}"
        data_dir = fresh_dir(base / "data")
        entry["index"] = _ingest(data_dir, corpus, backend, port, base / "ingest.log")
        runs: list[dict[str, Any]] = entry.setdefault("runs", [])
        for count in process_counts:
            log_path = base / f"serve-workers-{count}.log"
            runs.append(
                _serve_and_measure(
                    data_dir, corpus, backend, chroma, count, cases, clients, per_client, log_path
                )
            )
        entry["chroma_server_rss_mb"] = rss_mb(chroma.pid)
    finally:
        chroma.stop()
    single = next((r for r in runs if r["processes"] == 1), None)
    for row in runs:
        row["throughput_vs_1_process"] = ratio(
            row.get("req_per_s"), single.get("req_per_s") if single else None
        )
    entry["throughput_ratio"] = {  # req/s of each multi-process run over one process's
        row["label"]: row["throughput_vs_1_process"] for row in runs if row["processes"] > 1
    }
    entry["status"] = "measured"


def _ingest(data_dir: Path, corpus: Path, backend: str, port: int, log_path: Path) -> Any:
    """``assistant ingest --json`` into ``data_dir`` with the vectors in the Chroma server."""
    started = time.perf_counter()
    proc = subprocess.run(
        assistant_command("ingest", "--strict", "--json"),
        env=assistant_env(data_dir, corpus, backend, port),
        capture_output=True,
        text=True,
        timeout=900,
    )
    seconds = round(time.perf_counter() - started, 1)
    log_path.write_text(proc.stdout + "\n--- stderr ---\n" + proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"assistant ingest exited {proc.returncode}: {proc.stderr[-800:]}")
    report: dict[str, Any] = {"process_s": seconds}
    match = re.search(r"^\{.*\}\s*\Z", proc.stdout, re.S | re.M)
    if match:
        try:
            parsed = json.loads(match.group(0))
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            report.update({k: parsed[k] for k in ("chunks", "records", "seconds") if k in parsed})
            for key in ("ingested", "failed"):
                if isinstance(parsed.get(key), list):
                    report[f"{key}_files"] = len(parsed[key])
    return report


def _serve_and_measure(
    data_dir: Path,
    corpus: Path,
    backend: str,
    chroma: Server,
    count: int,
    cases: list[Case],
    clients: int,
    per_client: int,
    log_path: Path,
) -> dict[str, Any]:
    label = "1 process" if count == 1 else f"--workers {count}"
    row: dict[str, Any] = {"processes": count, "label": label, "load_start": load_average()}
    chroma_port = int(chroma.url.rsplit(":", 1)[1])
    server = start_assistant(
        data_dir, corpus, backend, log_path, workers=count, chroma_port=chroma_port
    )
    try:
        row["ready_s"] = round(server.wait_until("/readyz", timeout=240), 2)
        # /readyz answered by one process says nothing of the others: wait until every
        # process of the tree has finished its start-up (model loads burn CPU), then warm up
        row["quiet_s"] = round(_wait_quiet(server.pid, timeout=180) + row["ready_s"], 2)
        warm = asyncio.run(
            _level(server.url, cases, clients, WARMUP_ROUNDS, server.pid, tree_rss_mb, 600)
        )
        row["warmup_errors"] = warm["errors"]
        row["readyz"] = _all_ready(server, count, timeout=120)
        before = _processes(server.pid)
        row["server_rss_mb_ready"] = round(sum(p["rss_mb"] or 0 for p in before.values()), 1)
        machine, chroma_cpu, client_cpu = (
            machine_cpu(),
            cpu_seconds(chroma.pid),
            time.process_time(),
        )
        level = asyncio.run(
            _level(server.url, cases, clients, per_client, server.pid, tree_rss_mb, 900)
        )
        after = _processes(server.pid)
        row.update(level)
        # where the CPU went during the round: a 2-core machine also runs Chroma and the client
        row["cpu_in_round"] = {
            "machine_busy_percent": busy_percent(machine, machine_cpu()),
            "cores": os.cpu_count(),
            "chroma_server_s": _delta(cpu_seconds(chroma.pid), chroma_cpu),
            "bench_client_s": round(time.process_time() - client_cpu, 2),
            "server_tree_s": round(
                sum(
                    _delta(i["cpu_s"], before.get(p, {}).get("cpu_s")) or 0
                    for p, i in after.items()
                ),
                2,
            ),
        }
        row["server_rss_mb_end"] = round(sum(p["rss_mb"] or 0 for p in after.values()), 1)
        row["processes_seen"] = [
            {
                "role": info["role"],
                "rss_mb": info["rss_mb"],
                "cpu_s_in_round": _delta(info["cpu_s"], before.get(pid, {}).get("cpu_s")),
            }
            for pid, info in after.items()
        ]
        web_before = {p for p, i in before.items() if i["role"] == "web"}
        web_after = {p for p, i in after.items() if i["role"] == "web"}
        row["web_processes"] = len(web_after)
        row["web_processes_replaced"] = len(web_before - web_after)  # died or restarted
        web_cpu = [p["cpu_s_in_round"] or 0.0 for p in row["processes_seen"] if p["role"] == "web"]
        row["web_cpu_split_percent"] = (
            [round(100 * c / sum(web_cpu)) for c in web_cpu] if sum(web_cpu) > 0 else None
        )
    except Exception as exc:  # the other configuration is still measured and reported
        row["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        stopping = time.perf_counter()
        server.stop()
        row["stop_s"] = round(time.perf_counter() - stopping, 1)
        row["log_problems"] = _log_problems(log_path)
        row["load_end"] = load_average()
    return row


def _all_ready(server: Server, count: int, timeout: float) -> dict[str, Any]:
    """``/readyz`` 200 on ``4 × count`` fresh connections in a row (the kernel hands each
    to one of the web processes), within ``timeout`` seconds; the last body is returned."""
    deadline = time.perf_counter() + timeout
    streak, body = 0, {}
    while streak < 4 * count:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"/readyz not 200 {4 * count} times in a row after {timeout} s")
        try:
            response = httpx.get(server.url + "/readyz", timeout=10.0)  # a new connection
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 200:
            streak, body = streak + 1, response.json()
        else:
            streak = 0
            time.sleep(0.2)
    return body if isinstance(body, dict) else {}


def _wait_quiet(
    root: int, timeout: float, window: float = 1.0, busy_s: float = 0.05, windows: int = 2
) -> float:
    """Seconds until no process of the tree used more than ``busy_s`` CPU seconds in each of
    ``windows`` consecutive ``window``-second windows (nobody is loading a model any more).
    Raises ``TimeoutError`` after ``timeout`` seconds."""
    started = time.perf_counter()
    quiet = 0
    last = {pid: cpu_seconds(pid) for pid in process_tree(root)}
    while quiet < windows:
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"server processes still busy after {timeout:.0f} s: {last}")
        time.sleep(window)
        now = {pid: cpu_seconds(pid) for pid in process_tree(root)}
        busy = [
            pid
            for pid, cpu in now.items()
            if pid not in last or (_delta(cpu, last[pid]) or 0.0) > busy_s
        ]
        quiet = 0 if busy else quiet + 1
        last = now
    return time.perf_counter() - started


def _processes(root: int) -> dict[int, dict[str, Any]]:
    """Every process of the server's tree: its role, RSS and CPU seconds so far."""
    out: dict[int, dict[str, Any]] = {}
    for pid in process_tree(root):
        argv = command_line(pid)
        joined = " ".join(argv)
        if pid == root:
            role = "serve"
        elif "resource_tracker" in joined:
            role = "multiprocessing resource tracker"
        elif "spawn_main" in joined and parent_pid(pid) == root:
            role = "web"
        elif "worker" in argv[1:]:
            role = "ingest worker"
        else:
            role = "other: " + " ".join(Path(a).name for a in argv[:3])[:60]
        out[pid] = {"role": role, "rss_mb": rss_mb(pid), "cpu_s": cpu_seconds(pid)}
    return out


def _delta(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else round(after - before, 2)


def _log_problems(log_path: Path, limit: int = 5) -> list[str]:
    """Lines of the server log that speak of errors, tracebacks or dying processes."""
    try:
        lines = log_path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    pattern = re.compile(r"error|traceback|exception|died|killed|restart|timed? ?out", re.I)
    return [line[:200] for line in lines if pattern.search(line)][:limit]
