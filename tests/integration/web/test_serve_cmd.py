"""``assistant serve`` as a user runs it: its own process, uvicorn, settings from the env."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from web_support import REPO, free_port

pytestmark = pytest.mark.integration


def test_serve_without_keys_binds_loopback_and_says_so(web_index: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(web_index, data)  # its own copy: another process opens the stores
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data),
        "ASSISTANT_CORPUS_DIR": str(REPO / "corpus"),
        "ASSISTANT_API_KEYS": "[]",
        "ASSISTANT_ADMIN_KEYS": "[]",
        "HF_HUB_OFFLINE": "1",
    }
    log = tmp_path / "serve.log"
    command = [str(Path(sys.executable).parent / "assistant"), "serve", "--host", "0.0.0.0"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port), "--log-level", "warning"],
            cwd=tmp_path,  # no .env from the checkout
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.25)
        output = " ".join(log.read_text().split())
        assert "binding 127.0.0.1 only" in output
        assert "only clients on this machine" in output
    finally:
        process.terminate()
        process.wait(timeout=30)
