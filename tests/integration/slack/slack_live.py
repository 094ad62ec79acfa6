"""Settings for the bot under test and a real uvicorn serving an app in a thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from slack_sender import SIGNING_SECRET

from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[3]
BOT_TOKEN = "xoxb-test-token"
PUBLIC_BASE_URL = "https://assistant.example.org"


def slack_settings(data_dir: Path, api_url: str, **overrides: Any) -> Settings:
    """Settings for the bot, isolated from the developer's environment and ``.env``."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "corpus_dir": REPO / "corpus",
        "prompts_dir": REPO / "prompts",
        "slack_api_url": api_url,
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "public_base_url": PUBLIC_BASE_URL,
        **overrides,
    }
    return Settings(_env_file=None, **values)


class LiveServer:
    """uvicorn serving an ASGI app on 127.0.0.1 in a thread."""

    def __init__(self, app: FastAPI) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
