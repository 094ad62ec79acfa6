"""The LLM rewrite over real HTTP: ChatOpenAI against a local OpenAI-compatible stand-in that
records what it was sent and answers with canned prose (or too slowly)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from assistant.drafts import DraftRequest, make_draft
from assistant.settings import Settings
from ingest.actionlog import parse_action_log
from ingest.store.sqlite import DocumentRow, SqliteStore

pytestmark = pytest.mark.integration

LOG = (
    Path(__file__).resolve().parents[2]
    / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
)
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"
CITED = (
    "The Innovation Board is now established and meets quarterly [row 31]. "
    "A monthly working group has re-established the board of officers [row 32]. "
    "Recontacting the original consultees did not happen [row 33]. "
    "Contracting for monitoring and evaluation is late, aiming for March 2021 [row 34]."
)


class StubHandler(BaseHTTPRequestHandler):
    """``POST /v1/chat/completions``: replies with ``reply`` after ``delay`` seconds."""

    reply: ClassVar[str] = CITED
    delay: ClassVar[float] = 0.0
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StubHandler.requests.append(body)
        time.sleep(StubHandler.delay)
        payload = json.dumps(
            {
                "id": "stub-1",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "stub"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": StubHandler.reply},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        ).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), StubHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteStore]:
    folder = tmp_path_factory.mktemp("llm")
    store = SqliteStore(folder / "assistant.sqlite3")
    records = parse_action_log(LOG.read_text(encoding="utf-8"), SOURCE)
    now = time.time()
    row = DocumentRow(SOURCE, "Action agenda", "action", "h1", 0, len(records), now, now)
    store.replace_source(row, [], [], records)
    yield store
    store.close()


def settings(tmp_path: Path, url: str, timeout: float = 10.0) -> Settings:
    return Settings(
        data_dir=tmp_path, answerer="openai", llm_base_url=url, llm_model="stub-model",
        llm_timeout_s=timeout,
    )  # fmt: skip


def test_cited_prose_from_the_server_is_used(
    store: SqliteStore, server: str, tmp_path: Path
) -> None:
    StubHandler.reply, StubHandler.delay = CITED, 0.0
    StubHandler.requests.clear()
    result = make_draft(store, DraftRequest(aim="governance"), settings(tmp_path, server))
    assert (result.model, result.notice) == ("stub-model", None)
    assert "## Summary\n\nThe Innovation Board is now established" in result.markdown
    (request,) = StubHandler.requests
    system, user = request["messages"]
    assert system["role"] == "system" and "Never invent a row number" in system["content"]
    rows = [line[:8] for line in user["content"].splitlines() if line.startswith("[row")]
    assert rows == ["[row 31]", "[row 32]", "[row 33]", "[row 34]"]  # only the selection


def test_prose_citing_other_rows_is_rejected(
    store: SqliteStore, server: str, tmp_path: Path
) -> None:
    StubHandler.reply, StubHandler.delay = CITED.replace("[row 34]", "[row 8]"), 0.0
    result = make_draft(store, DraftRequest(aim="governance"), settings(tmp_path, server))
    assert result.model == "template"
    assert result.notice and "[row 8]" in result.notice
    assert "## Stalled or at risk" in result.markdown


def test_a_slow_server_times_out_to_the_template(
    store: SqliteStore, server: str, tmp_path: Path
) -> None:
    StubHandler.reply, StubHandler.delay = CITED, 3.0
    started = time.perf_counter()
    result = make_draft(store, DraftRequest(aim="governance"), settings(tmp_path, server, 0.5))
    assert time.perf_counter() - started < 2.5
    assert result.model == "template"
    assert result.notice and result.notice.startswith("LLM rewrite unavailable")
    StubHandler.delay = 0.0
