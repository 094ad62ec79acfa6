"""Section 3: ``POST /v1/ask`` over real HTTP on loopback with 1, 4, 16 concurrent clients.

The server is ``assistant serve`` in its own process over a copy of the index, so its RSS is
the server's alone. Measured only when the web API offers ``POST /v1/ask``; otherwise the
section says so (a load figure is never made up).
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path
from typing import Any

import httpx

from evals.bench.cases import Case
from evals.bench.measure import latency_summary, rss_mb
from evals.bench.servers import start_assistant

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
    url: str, cases: list[Case], clients: int, per_client: int, pid: int
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    peak_rss: list[float] = []
    done = asyncio.Event()

    async def sample_memory() -> None:
        while not done.is_set():
            value = rss_mb(pid)
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
        await asyncio.gather(*(client(i, http) for i in range(clients)))
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
) -> None:
    """Start the server over a copy of ``data_dir``, then run each concurrency level."""
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
    finally:
        server.stop()
