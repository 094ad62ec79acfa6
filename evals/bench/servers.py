"""Subprocesses the benchmarks talk to over real sockets: ``assistant serve`` and ``chroma run``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from evals.bench.config import MODEL_CACHE, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_env(**assistant_vars: str) -> dict[str, str]:
    """The parent's environment, offline, with ``ASSISTANT_*`` replaced by what is given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env["ASSISTANT_MODEL_CACHE_DIR"] = str(MODEL_CACHE)  # start-up must not re-export ONNX
    env.update({f"ASSISTANT_{k.upper()}": v for k, v in assistant_vars.items()})
    return env


def venv_script(name: str) -> Path:
    """A console script installed next to this interpreter (``assistant``, ``chroma``)."""
    return Path(sys.executable).parent / name


@dataclass
class Server:
    """A started subprocess with the URL it answers on.

    It leads its own process group (``start_new_session``), so ``stop()`` also ends whatever
    it started (uvicorn's web processes, ``assistant worker``) and nothing else.
    """

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path
    started: float

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_until(self, path: str, timeout: float) -> float:
        """Seconds from spawn until ``GET path`` answers 200; raises if it never does."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-1500:]
                raise RuntimeError(f"server exited with {self.process.returncode}: {tail}")
            try:
                if httpx.get(self.url + path, timeout=2.0).status_code == 200:
                    return time.perf_counter() - self.started
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.url}{path} not ready after {timeout:.0f} s")

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM (a clean shutdown stops the server's own children), then SIGKILL what is
        left of the group after ``timeout`` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.process.wait(timeout=5)
        if self._signal_group(signal.SIGTERM):  # left behind by the server
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self._signal_group(0):
                time.sleep(0.1)
            self._signal_group(signal.SIGKILL)

    def _signal_group(self, signum: int) -> bool:
        """Signal this server's process group (its group id is its pid); False when empty."""
        try:
            os.killpg(self.pid, signum)
        except (ProcessLookupError, PermissionError):
            return False
        return True


def _spawn(command: list[str], env: dict[str, str], log_path: Path, url: str) -> Server:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: stop() reaches its children too
        )
    return Server(process, url, log_path, started)


def assistant_env(
    data_dir: Path, corpus: Path, backend: str, chroma_port: int | None = None
) -> dict[str, str]:
    """What ``assistant`` subprocesses of the bench run with; with ``chroma_port`` the vectors
    live in the ``chroma run`` server on that loopback port.

    The per-key rate limit is lifted: a load test from one address is exactly what it is
    there to stop.
    """
    chroma = (
        {} if chroma_port is None else {"chroma_host": "127.0.0.1", "chroma_port": str(chroma_port)}
    )
    return bench_env(
        data_dir=str(data_dir),
        corpus_dir=str(corpus),
        embedding_backend=backend,
        rate_limit_per_minute="100000000",
        prompts_dir=str(REPO / "prompts"),
        **chroma,
    )


def assistant_command(*args: str) -> list[str]:
    """``assistant ARGS`` with this interpreter's console script (or its module)."""
    script = venv_script("assistant")
    command = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from assistant.cli import app; app()"]
    )
    return [*command, *args]


def start_assistant(
    data_dir: Path,
    corpus: Path,
    backend: str,
    log_path: Path,
    *,
    workers: int | None = None,
    chroma_port: int | None = None,
) -> Server:
    """``assistant serve`` on a free loopback port, over its own data directory.

    ``workers`` is passed as ``--workers`` when given (with a Chroma server, serve's own
    default is one process per core, so a one-process run must say ``--workers 1``).
    """
    port = free_port()
    env = assistant_env(data_dir, corpus, backend, chroma_port)
    command = assistant_command(
        "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"
    )
    if workers is not None:
        command += ["--workers", str(workers)]
    return _spawn(command, env, log_path, f"http://127.0.0.1:{port}")


def start_chroma(path: Path, log_path: Path) -> Server:
    """``chroma run`` (same package as the embedded store) on a free loopback port."""
    port = free_port()
    script = venv_script("chroma")
    command = [str(script), "run", "--path", str(path), "--port", str(port), "--host", "127.0.0.1"]
    return _spawn(command, bench_env(), log_path, f"http://127.0.0.1:{port}")
