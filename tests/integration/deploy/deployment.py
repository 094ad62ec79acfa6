"""Real deployments for the replica tests: web processes, ingest workers and shared servers.

Every process is a real ``assistant serve`` / ``assistant worker`` started as a user would,
configured only through the environment. The shapes (test_replicas.py also has ``processes``,
several processes of one machine):

- ``hosts``: two "hosts" A and B, each a web process with its own data dir and its own
  (empty) corpus folder, plus a worker host W with the corpus; all share a PostgreSQL cluster
  (``ASSISTANT_DATABASE_URL``), a Redis (``ASSISTANT_REDIS_URL``) and a Chroma server.
- ``embedded``: the defaults on a fresh machine — one web process with SQLite, the embedded
  Chroma and its own worker thread; A and B are the same server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.servers.ports import free_port

VENV_BIN = Path(sys.executable).parent
ADMIN = {"Authorization": "Bearer admin-key-1"}
USER = {"Authorization": "Bearer user-key-1"}
LIMITED_KEY = "limited-key-1"
RATE_LIMIT = 120
"""Requests per minute per key; the shared-limit test spends a whole bucket."""
LEASE_S = 3.0


@dataclass
class Service:
    """One real process: started, stopped, or killed with SIGKILL."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Service:
        out = self.log.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )
        out.close()
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


@dataclass
class Host:
    """A web process: its URL, its settings (for the CLI run 'on that host') and process."""

    name: str
    url: str
    env: dict[str, str]
    web: Service

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)


@dataclass
class Deployment:
    name: str
    a: Host
    b: Host
    worker_env: dict[str, str] | None
    """Settings of the worker host (None: the web process is its own worker)."""
    folder: Path
    workers: list[Service] = field(default_factory=list)

    def start_worker(self, name: str) -> Service:
        assert self.worker_env is not None
        worker = Service(
            name,
            [str(VENV_BIN / "assistant"), "worker", "--poll", "0.2"],
            self.worker_env,
            self.folder / f"{name}.log",
        ).start()
        self.workers.append(worker)
        return worker

    def services(self) -> list[Service]:
        webs = [self.a.web] if self.a.web is self.b.web else [self.a.web, self.b.web]
        return [*webs, *self.workers]

    def logs(self) -> str:
        return "\n".join(f"--- {s.name}\n{s.output()}" for s in self.services())

    def stop(self) -> None:
        for service in self.services():
            service.stop()

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        for host in {id(h): h for h in (self.a, self.b)}.values():
            while True:
                assert host.web.running(), self.logs()
                try:
                    if httpx.get(f"{host.url}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, f"{host.name} not ready\n{self.logs()}"
                time.sleep(0.3)

    def wait_job(self, host: Host, job_id: str, timeout: float = 240) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with host.client() as http:
            while True:
                job: dict[str, Any] = http.get(f"/v1/ingest/{job_id}", headers=ADMIN).json()
                if job.get("state") in ("done", "failed"):
                    return job
                assert time.monotonic() < deadline, f"job {job}\n{self.logs()}"
                time.sleep(0.3)


def base_env(data_dir: Path, corpus: Path, slack_api_url: str, **extra: str) -> dict[str, str]:
    """A user's environment: nothing from the developer's ASSISTANT_* settings leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "SLACK_"))}
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_CORPUS_DIR=str(corpus),
        ASSISTANT_MODEL_CACHE_DIR=os.environ.get("ASSISTANT_MODEL_CACHE_DIR", ""),
        ASSISTANT_API_KEYS=f'["user-key-1", "{LIMITED_KEY}"]',
        ASSISTANT_ADMIN_KEYS='["admin-key-1"]',
        ASSISTANT_RATE_LIMIT_PER_MINUTE=str(RATE_LIMIT),
        ASSISTANT_JOB_LEASE_S=str(LEASE_S),
        ASSISTANT_SLACK_API_URL=slack_api_url,
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET="test-signing-secret-8f14e45f",
    )
    env.update(extra)
    if not env["ASSISTANT_MODEL_CACHE_DIR"]:
        del env["ASSISTANT_MODEL_CACHE_DIR"]
    return env


def web(name: str, env: dict[str, str], folder: Path) -> Host:
    port = free_port()
    service = Service(
        f"web-{name}",
        [str(VENV_BIN / "assistant"), "serve", "--port", str(port), "--log-level", "warning"],
        env,
        folder / f"web-{name}.log",
    ).start()
    return Host(name, f"http://127.0.0.1:{port}", env, service)


def run_cli(
    env: dict[str, str], *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``assistant ARGS`` as a user on that host runs it."""
    return subprocess.run(
        [str(VENV_BIN / "assistant"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
