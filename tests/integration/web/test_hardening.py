"""The holes an attacker probe found, each closed and checked over real HTTP.

Cross-site requests and DNS rebinding (Origin / Host), forwarded headers believed only from
trusted proxies, failed API keys rate-limited, history and filters bounded, out-of-range draft
dates, upload names and cut-off multipart bodies, and the error responses in the OpenAPI
document. Servers that ingest run over an empty corpus of their own, so a request that gets
through by mistake touches nothing shared.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_support import USER_KEY, LiveServer, serve, web_settings

from assistant.components import build_components
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.routes import docs
from ingest.embeddings import SentenceTransformerEmbeddings

pytestmark = pytest.mark.integration

EVIL = "https://evil.example"
USER = {"Authorization": f"Bearer {USER_KEY}"}


@pytest.fixture(scope="module")
def empty_open(
    tmp_path_factory: pytest.TempPathFactory, shared_embeddings: SentenceTransformerEmbeddings
) -> Iterator[tuple[LiveServer, Settings]]:
    """No keys (loopback-only mode) over an empty corpus and index."""
    root = tmp_path_factory.mktemp("hardening")
    (root / "corpus").mkdir()
    settings = web_settings(root / "data", root / "corpus", api_keys=[], admin_keys=[])
    with serve(create_app(components=build_components(settings, shared_embeddings))) as server:
        yield server, settings


def _finished_jobs(http: httpx.Client) -> float:
    metrics = http.get("/metrics").text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("assistant_ingest_jobs_total{")
    )


def _wait(http: httpx.Client, job: dict[str, Any], timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
        job = http.get(f"/v1/ingest/{job['id']}").json()
    return job


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    return str(error["message"])


# --- 1. cross-site requests and DNS rebinding ---------------------------------------------


def test_cross_site_posts_are_refused(empty_open: tuple[LiveServer, Settings]) -> None:
    server, settings = empty_open
    with httpx.Client(base_url=server.url, timeout=30) as http:
        # a form on another site posting to the local server: the probe got 202
        form = http.post("/v1/ingest", data={"rebuild": "true"}, headers={"Origin": EVIL})
        message = _error(form, 403, "cross_origin")
        assert EVIL in message and "ASSISTANT_CORS_ORIGINS" in message
        upload = http.post(
            "/v1/ingest",
            files={"files": ("evil.md", b"# planted", "text/markdown")},
            headers={"Origin": EVIL},
        )
        _error(upload, 403, "cross_origin")
        feedback = {"answer_id": "x", "rating": "down"}
        _error(
            http.post("/v1/feedback", json=feedback, headers={"Origin": "null"}),
            403,
            "cross_origin",
        )
        referer = http.post("/v1/ingest", headers={"Referer": f"{EVIL}/page.html"})
        assert "(Referer)" in _error(referer, 403, "cross_origin")
        fetch_site = http.post("/v1/ingest", headers={"Sec-Fetch-Site": "cross-site"})
        _error(fetch_site, 403, "cross_origin")
        ask = http.post("/v1/ask", json={"question": "Who owns aim 5?"}, headers={"Origin": EVIL})
        _error(ask, 403, "cross_origin")
        assert not (settings.corpus_dir / "uploads").exists()

        # the page's own calls (same origin) and clients without Origin (curl, CLI) pass
        own = http.post("/v1/feedback", json=feedback, headers={"Origin": server.url})
        assert own.status_code == 404  # past the guard: the answer id is unknown
        by_name = {"Origin": f"http://localhost:{server.port}", "Host": f"localhost:{server.port}"}
        assert http.post("/v1/feedback", json=feedback, headers=by_name).status_code == 404
        other_port = {"Origin": "http://localhost:1", "Host": f"localhost:{server.port}"}
        _error(http.post("/v1/feedback", json=feedback, headers=other_port), 403, "cross_origin")
        assert http.post("/v1/feedback", json=feedback).status_code == 404
        same_site = http.post(
            "/v1/feedback", json=feedback, headers={"Sec-Fetch-Site": "same-origin"}
        )
        assert same_site.status_code == 404
        assert http.get("/v1/documents", headers={"Origin": EVIL}).status_code == 200  # reads


def test_configured_origins_may_post(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    settings = web_settings(
        web_index,
        corpus_dir,
        cors_origins=["https://intranet.example"],
        public_base_url="https://assistant.example.org/",
    )
    feedback = {"answer_id": "x", "rating": "up"}
    app = create_app(settings, assistant=web_assistant)
    with serve(app) as server, httpx.Client(base_url=server.url, headers=USER, timeout=30) as http:
        for origin in ("https://intranet.example", "https://assistant.example.org"):
            sent = http.post("/v1/feedback", json=feedback, headers={"Origin": origin})
            assert sent.status_code == 404, (origin, sent.text)
        # with keys too: a browser page elsewhere is refused before the key matters
        other = http.post("/v1/feedback", json=feedback, headers={"Origin": EVIL})
        _error(other, 403, "cross_origin")
        # the Host is not checked when keys are set and no allowed hosts are named
        assert http.get("/v1/documents", headers={"Host": "anything.example"}).is_success


def test_unexpected_host_is_refused_without_keys(open_live: LiveServer) -> None:
    port = open_live.port
    with httpx.Client(base_url=open_live.url, timeout=30) as http:
        rebound = http.get("/v1/documents", headers={"Host": f"evil.example:{port}"})
        message = _error(rebound, 400, "invalid_host")
        assert "evil.example" in message and "ASSISTANT_ALLOWED_HOSTS" in message
        _error(http.get("/", headers={"Host": "evil.example"}), 400, "invalid_host")
        _error(
            http.get("/healthz", headers={"Host": "127.0.0.1@evil.example"}), 400, "invalid_host"
        )
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost"):
            assert http.get("/v1/documents", headers={"Host": host}).status_code == 200, host


def test_allowed_hosts_and_public_base_url(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    settings = web_settings(
        web_index,
        corpus_dir,
        api_keys=[],
        admin_keys=[],
        allowed_hosts=["assistant.lan", "*.intranet.example"],
        public_base_url="https://assistant.example.org:8443",
    )
    app = create_app(settings, assistant=web_assistant)
    with serve(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        for host in ("assistant.lan:8000", "docs.intranet.example", "assistant.example.org"):
            assert http.get("/healthz", headers={"Host": host}).status_code == 200, host
        for host in ("intranet.example.evil", "evil.example", "assistant.lan.evil"):
            _error(http.get("/healthz", headers={"Host": host}), 400, "invalid_host")


# --- 2. forwarded headers and failed authentication ------------------------------------------


def test_forwarded_for_from_an_untrusted_peer_is_ignored(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    """The probe got a fresh bucket per X-Forwarded-For value (127.0.0.1, ::1, localhost…)."""
    settings = web_settings(
        web_index, corpus_dir, api_keys=[], admin_keys=[], rate_limit_per_minute=2
    )
    app = create_app(settings, assistant=web_assistant)
    with serve(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        codes = [
            http.get("/v1/documents", headers={"X-Forwarded-For": client}).status_code
            for client in ("127.0.0.1", "::1", "localhost", "203.0.113.7")
        ]
        assert codes[:2] == [200, 200] and codes[2:] == [429, 429], codes


def test_wrong_keys_are_limited_per_client(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    settings = web_settings(web_index, corpus_dir, auth_failures_per_minute=3)
    wrong = {"Authorization": "Bearer guess-0001"}
    app = create_app(settings, assistant=web_assistant)
    with serve(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        for _ in range(5):  # successes never count
            assert http.get("/v1/documents", headers=USER).status_code == 200
        assert http.get("/v1/documents").status_code == 401  # no key: not a guess
        for _ in range(3):
            _error(http.get("/v1/documents", headers=wrong), 401, "unauthorized")
        limited = http.get("/v1/documents", headers=wrong)
        message = _error(limited, 429, "rate_limited")
        assert "wrong API keys" in message and "3 per minute" in message
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        # checked before any key is compared: even the right one waits
        _error(http.get("/v1/documents", headers=USER), 429, "rate_limited")
        # another address (claimed in a header) is the same untrusted peer
        spoofed = {**wrong, "X-Forwarded-For": "198.51.100.4"}
        _error(http.get("/v1/documents", headers=spoofed), 429, "rate_limited")


def test_trusted_proxy_forwards_the_client_address(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path
) -> None:
    settings = web_settings(
        web_index, corpus_dir, auth_failures_per_minute=1, trusted_proxies=["127.0.0.0/8"]
    )
    app = create_app(settings, assistant=web_assistant)
    with serve(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:

        def guess(client: str) -> int:
            headers = {"Authorization": "Bearer nope", "X-Forwarded-For": client}
            return http.get("/v1/documents", headers=headers).status_code

        assert [guess("198.51.100.1"), guess("198.51.100.1")] == [401, 429]
        assert guess("198.51.100.2") == 401  # another client behind the proxy
        ok = http.get("/v1/documents", headers={**USER, "X-Forwarded-For": "198.51.100.1"})
        assert ok.status_code == 429  # that client is waiting, whatever key it sends now
        assert http.get("/v1/documents", headers=USER).status_code == 200  # the proxy itself


# --- 3. history and filters bounded like the question -----------------------------------------


def test_history_and_filters_are_bounded(client: httpx.Client) -> None:
    question = "And who owns it?"
    long_turn = {"question": question, "history": [{"role": "user", "content": "x" * 4001}]}
    message = _error(client.post("/v1/ask", json=long_turn), 422, "invalid_request")
    assert "body.history[0].content" in message
    assert "4000 characters (ASSISTANT_MAX_HISTORY_CHARS), not 4001" in message
    streamed = client.post("/v1/ask?stream=true", json=long_turn)
    _error(streamed, 422, "invalid_request")  # refused before the stream starts

    turns = [{"role": ("user", "assistant")[i % 2], "content": "aim 5"} for i in range(21)]
    many = client.post("/v1/ask", json={"question": question, "history": turns})
    message = _error(many, 422, "invalid_request")
    assert "body.history:" in message and "20 turns (ASSISTANT_MAX_HISTORY_TURNS)" in message
    fields = many.json()["error"]["fields"]
    assert fields[0]["location"] == "body.history" and fields[0]["type"] == "too_long"

    for name in ("owner", "aim"):
        body = {"question": "Who owns aim 5?", "filters": {name: "m" * 201}}
        message = _error(client.post("/v1/ask", json=body), 422, "invalid_request")
        assert f"body.filters.{name}" in message and "ASSISTANT_MAX_FILTER_CHARS" in message
    huge = {"question": "Who owns aim 5?", "filters": {"owner": "m" * 5000}}
    _error(client.post("/v1/ask", json=huge), 422, "invalid_request")

    fine = {
        "question": question,
        "history": turns[:20],
        "filters": {"owner": "Maya", "aim": "aim 5"},
    }
    assert client.post("/v1/ask", json=fine).status_code == 200


# --- 4. out-of-range draft dates ----------------------------------------------------------------


def test_draft_dates_out_of_range_are_422(client: httpx.Client) -> None:
    for since in ("0001-01-01", "1969-12-31", "9999-12-31"):
        message = _error(client.post("/v1/drafts", json={"since": since}), 422, "invalid_request")
        assert "body.since" in message and "1970-01-01" in message and since in message
    assert client.post("/v1/drafts", json={"since": "1970-01-01"}).status_code == 200


# --- 5. upload names and cut-off multipart bodies ----------------------------------------------


def test_long_upload_name_keeps_its_extension(empty_open: tuple[LiveServer, Settings]) -> None:
    server, settings = empty_open
    name = "x" * 145 + ".html.md"  # cutting the whole name at 150 left ".html"
    with httpx.Client(base_url=server.url, timeout=30) as http:
        sent = http.post(
            "/v1/ingest", files={"files": (name, b"# Long name\n\nBody.", "text/markdown")}
        )
        assert sent.status_code == 202, sent.text
        job = _wait(http, sent.json())  # done (or failed) before the next test counts jobs
    (saved,) = job["files"]
    assert (settings.corpus_dir / saved).is_file()
    assert saved.startswith("uploads/xxx") and saved.endswith(".md")
    assert len(Path(saved).name) <= 150
    assert not any(p.suffix == ".html" for p in (settings.corpus_dir / "uploads").iterdir())


def test_cut_off_multipart_body_is_400_and_ingests_nothing(
    empty_open: tuple[LiveServer, Settings],
) -> None:
    server, settings = empty_open
    boundary = "b0undary"
    whole = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="cut.md"\r\nContent-Type: text/markdown\r\n\r\n# Cut\r\n--{boundary}--\r\n'
    ).encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    with httpx.Client(base_url=server.url, timeout=30) as http:
        before = _finished_jobs(http)
        for cut in (len(whole) - 4, len(whole) // 2, 10, 0):
            response = http.post("/v1/ingest", content=whole[:cut], headers=headers)
            message = _error(response, 400, "incomplete_upload")
            assert "nothing was ingested" in message
        no_file = http.post("/v1/ingest", files={"kind": (None, b"plan")})  # the field alone
        _error(no_file, 400, "incomplete_upload")
        unnamed = http.post("/v1/ingest", files={"files": ("", b"", "text/plain")})
        _error(unnamed, 422, "invalid_request")  # a file input left empty: not a re-ingest
        assert not (settings.corpus_dir / "uploads" / "cut.md").exists()
        # re-ingesting the corpus is still a request without a body; it is the only job
        # since (one worker runs jobs in order, so an earlier one would have finished first)
        corpus = http.post("/v1/ingest")
        assert corpus.status_code == 202
        assert _wait(http, corpus.json())["state"] == "done"
        assert _finished_jobs(http) == before + 1


# --- 6. time zones, documented errors, local API docs ------------------------------------------


def test_openapi_documents_the_error_responses(live: LiveServer) -> None:
    schema = httpx.get(f"{live.url}/openapi.json", timeout=30).json()
    error_ref = "#/components/schemas/ErrorResponse"

    def ref(operation: dict[str, Any], status: str) -> str:
        return str(operation["responses"][status]["content"]["application/json"]["schema"]["$ref"])

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            statuses = set(operation["responses"])
            assert "400" in statuses, (method, path)
            if path.startswith("/v1/"):
                assert {"400", "401", "403", "413", "422", "429"} <= statuses, (method, path)
                assert "Retry-After" in operation["responses"]["429"]["headers"]
            for status in statuses - {"200", "201", "202"}:
                assert ref(operation, status) == error_ref, (method, path, status)
    assert "409" in schema["paths"]["/v1/ask"]["post"]["responses"]
    assert "415" in schema["paths"]["/v1/ingest"]["post"]["responses"]


def test_docs_are_served_from_this_server(live: LiveServer) -> None:
    pytest.importorskip("fastapi_offline")
    with httpx.Client(base_url=live.url, timeout=30) as http:
        page = http.get("/docs")
        assert page.status_code == 200
        assert "/docs-assets/swagger-ui-bundle.js" in page.text
        assert "cdn.jsdelivr.net" not in page.text and "tiangolo.com" not in page.text
        bundle = http.get("/docs-assets/swagger-ui-bundle.js")
        assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
        assert http.get("/docs-assets/swagger-ui.css").status_code == 200
        redoc = http.get("/redoc")
        assert "/docs-assets/redoc.standalone.js" in redoc.text
        assert "fonts.googleapis.com" not in redoc.text


def test_without_a_local_bundle_the_docs_say_they_use_a_cdn(
    web_assistant: Assistant, web_index: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docs, "local_assets", lambda: None)
    app = create_app(web_settings(web_index, corpus_dir), assistant=web_assistant)
    assert app.docs_url == "/docs" and "CDN" in app.description
    assert "fastapi-offline" in app.description
