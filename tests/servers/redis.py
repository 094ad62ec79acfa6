"""A real ``redis-server`` on loopback for the tests: :func:`running_redis` and the session
fixture :func:`redis_url`.

The server listens on 127.0.0.1 and a free port, works in a temporary directory and persists
nothing (``--save '' --appendonly no``), so tests never touch a developer's Redis. When
``redis-server`` is not installed the tests that need it are skipped with the way to get it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers.ports import free_port

START_TIMEOUT_S = 15.0


def redis_server_binary() -> str:
    """The ``redis-server`` to run, or a skip saying how to install one."""
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if binary is None:
        pytest.skip("redis-server is not installed: run `make setup-servers`")
    return binary


def ping(port: int, timeout: float = 1.0) -> bool:
    """True when a Redis on 127.0.0.1:``port`` answers PING (raw RESP, no client needed)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def running_redis() -> Iterator[str]:
    """Start a throw-away ``redis-server``, yield its ``redis://127.0.0.1:<port>/0`` URL once it
    answers PING, and stop it (and remove its directory) on exit."""
    binary = redis_server_binary()
    with tempfile.TemporaryDirectory(prefix="redis-test-") as workdir:
        port = free_port()
        log_path = Path(workdir) / "redis.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                [
                    binary,
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--dir",
                    workdir,
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--protected-mode",
                    "yes",
                ],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                cwd=workdir,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not ping(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    output = log_path.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"redis-server did not start on port {port}:\n{output}")
                time.sleep(0.02)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """One Redis for the whole session; tests keep apart by using their own key names."""
    with running_redis() as url:
        yield url
