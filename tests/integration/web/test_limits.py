"""Rate limiting, crashes without tracebacks and the loopback-only mode, each on its own app."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_support import ADMIN_KEY, USER_KEY, LiveServer, serve, web_settings

from assistant.service import Assistant
from assistant.web.app import create_app

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def strict(web_assistant: Assistant, web_index: Path, corpus_dir: Path) -> Iterator[LiveServer]:
    """Two requests a minute per key, and a route that fails the way a bug would."""
    app = create_app(
        web_settings(web_index, corpus_dir, rate_limit_per_minute=2), assistant=web_assistant
    )

    def explode() -> None:
        raise RuntimeError("secret internals /srv/app.py line 12")

    app.add_api_route("/boom", explode)
    with serve(app) as server:
        yield server


def test_rate_limit_is_per_key_with_retry_after(strict: LiveServer) -> None:
    user = {"Authorization": f"Bearer {USER_KEY}"}
    with httpx.Client(base_url=strict.url, headers=user, timeout=30) as http:
        assert [http.get("/v1/documents").status_code for _ in range(2)] == [200, 200]
        limited = http.get("/v1/documents")
        assert limited.status_code == 429
        assert limited.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 30
        admin = http.get("/v1/documents", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        assert admin.status_code == 200  # another key, another bucket
        assert http.get("/healthz").status_code == 200  # operations are never limited


def test_unexpected_errors_are_500_json_without_internals(strict: LiveServer) -> None:
    response = httpx.get(f"{strict.url}/boom", timeout=30)
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error"
    assert "reference" in error["message"]
    assert "secret" not in response.text and "Traceback" not in response.text


def test_without_keys_other_machines_are_refused(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    app = create_app(
        web_settings(web_index, corpus_dir, api_keys=[], admin_keys=[]), assistant=web_assistant
    )

    async def call_from(host: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(host, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            return await http.get("/v1/documents")

    refused = asyncio.run(call_from("203.0.113.9"))
    assert refused.status_code == 403
    assert "ASSISTANT_API_KEYS" in refused.json()["error"]["message"]
    assert asyncio.run(call_from("127.0.0.1")).status_code == 200


def test_cors_allows_only_configured_origins(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    settings = web_settings(web_index, corpus_dir, cors_origins=["https://intranet.example"])
    app = create_app(settings, assistant=web_assistant)

    async def preflight(origin: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://assistant") as http:
            return await http.options(
                "/v1/ask",
                headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            )

    allowed = asyncio.run(preflight("https://intranet.example"))
    assert allowed.headers["access-control-allow-origin"] == "https://intranet.example"
    other = asyncio.run(preflight("https://elsewhere.example"))
    assert "access-control-allow-origin" not in other.headers
