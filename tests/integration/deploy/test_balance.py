"""``assistant serve --workers 2`` for real: the processes count their requests on one load
board, and the busier one closes keep-alive connections so their clients land afresh."""

from __future__ import annotations

import struct
import time
from pathlib import Path

import httpx

from tests.integration.deploy.deployment import VENV_BIN, Service, base_env
from tests.integration.ingest.ingest_support import chroma_server
from tests.servers.ports import free_port

REQUESTS = 40  # each on a new connection: the kernel places each on either process


def _closing_responses(url: str) -> int:
    closed = 0
    for _ in range(REQUESTS):
        with httpx.Client(base_url=url, timeout=30) as client:  # a new connection each time
            response = client.get("/healthz")
        assert response.status_code == 200, response.text
        closed += "close" in response.headers.get_list("connection")
    return closed


def test_the_busier_process_sheds_connections_and_a_balanced_pair_keeps_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "corpus").mkdir()
    port = free_port()
    with chroma_server(tmp_path / "chroma", tmp_path / "chroma.log") as chroma_port:
        env = base_env(
            tmp_path / "data",
            tmp_path / "corpus",
            "http://127.0.0.1:9/api/",
            ASSISTANT_CHROMA_HOST="127.0.0.1",
            ASSISTANT_CHROMA_PORT=str(chroma_port),
            ASSISTANT_INGEST_WORKER="external",
        )
        command = [str(VENV_BIN / "assistant"), "serve", "--port", str(port), "--workers", "2"]
        serve = Service("serve", command, env, tmp_path / "serve.log").start()
        try:
            url = f"http://127.0.0.1:{port}"
            board = tmp_path / "data" / "run" / f"web-load-{port}.board"
            deadline = time.monotonic() + 180
            while serve.output().count("Application startup complete") < 2:  # both listen
                assert serve.running() and time.monotonic() < deadline, serve.output()
                time.sleep(0.5)
            assert board.stat().st_size == 8  # one count per web process

            assert _closing_responses(url) == 0  # even: every connection may stay

            with board.open("r+b") as handle:  # process 1 has ten requests in flight
                handle.write(struct.pack("2i", 0, 10))
            closed = _closing_responses(url)
            assert 0 < closed < REQUESTS, f"{closed} of {REQUESTS} connections closed"
        finally:
            serve.stop()
