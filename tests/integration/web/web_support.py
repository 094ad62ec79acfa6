"""Constants, settings and a real uvicorn server for the web tests.

The server is real uvicorn on a free loopback port, in a background thread: in-process (not a
subprocess) so it reuses the session's loaded embedding model and
the tests can build apps with different settings cheaply; the HTTP is still real.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from assistant.settings import Settings
from assistant.web.app import UVICORN_OPTIONS
from tests.servers.ports import free_port

REPO = Path(__file__).resolve().parents[3]
USER_KEY = "user-key-3f9a"
ADMIN_KEY = "admin-key-77c1"
BODY_LIMIT = 64 * 1024
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts" / "web"


def web_settings(data_dir: Path, corpus_dir: Path, **overrides: Any) -> Settings:
    """Settings isolated from the developer's environment and ``.env``."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "corpus_dir": corpus_dir,
        "prompts_dir": REPO / "prompts",
        "api_keys": [USER_KEY],
        "admin_keys": [ADMIN_KEY],
        "rate_limit_per_minute": 100_000,
        "max_body_bytes": BODY_LIMIT,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class LiveServer:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(  # configured as ``assistant serve`` runs it
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            **UVICORN_OPTIONS,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self, ready_timeout: float = 60.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + ready_timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        while time.monotonic() < deadline:  # /readyz: model warm, stores open
            if httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                return
            time.sleep(0.05)
        raise RuntimeError("the app did not become ready")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@contextmanager
def serve(app: FastAPI) -> Iterator[LiveServer]:
    server = LiveServer(app)
    server.start()
    try:
        yield server
    finally:
        server.stop()
