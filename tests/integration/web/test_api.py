"""Every /v1 route over real HTTP against uvicorn: happy paths, auth, limits and error shapes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from web_support import ADMIN_KEY, BODY_LIMIT, LiveServer

pytestmark = pytest.mark.integration

QUESTION = "Who owns the marketing strategy?"


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"] and "Traceback" not in error["message"]
    return dict(error)


def parse_sse(lines: Iterator[str]) -> list[tuple[str, dict[str, Any]]]:
    """Server-Sent Events as (event, data) pairs, per the spec's line rules."""
    events: list[tuple[str, dict[str, Any]]] = []
    event, data = "message", []
    for line in lines:
        if not line:
            if data:
                events.append((event, json.loads("\n".join(data))))
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    return events


# --- operations -----------------------------------------------------------------------------


def test_health_and_readiness_need_no_key(anonymous: httpx.Client) -> None:
    assert anonymous.get("/healthz").json() == {"status": "ok"}
    ready = anonymous.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["ready"] is True
    assert ready.json()["documents"] >= 5
    assert anonymous.get("/openapi.json").json()["info"]["title"] == "Strategy assistant"


# --- answers --------------------------------------------------------------------------------


def test_ask_returns_a_cited_answer(client: httpx.Client) -> None:
    response = client.post("/v1/ask", json={"question": QUESTION})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["abstained"] is False
    assert "Maya" in answer["answer"]
    ids = {c["id"] for c in answer["citations"]}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers and markers <= ids
    assert answer["citations"][0]["source"] == "action-logs/lancashire-innovation-action-agenda.txt"
    assert answer["id"] and answer["model"] == "extractive"
    assert answer["timings_ms"]["total"] > 0


def test_ask_streams_server_sent_events_ending_with_citations(client: httpx.Client) -> None:
    with client.stream("POST", "/v1/ask?stream=true", json={"question": QUESTION}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(response.iter_lines())
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "answer" and kinds.count("answer") == 1
    assert "delta" in kinds
    streamed = "".join(data["text"] for kind, data in events if kind == "delta")
    final = events[-1][1]
    assert final["citations"] and final["id"]
    assert streamed.strip() == final["answer"].strip()


def test_ask_streams_when_the_client_accepts_event_streams(client: httpx.Client) -> None:
    headers = {"Accept": "text/event-stream"}
    with client.stream("POST", "/v1/ask", json={"question": QUESTION}, headers=headers) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(r.iter_lines())
    assert events[-1][0] == "answer"


def test_follow_up_uses_history_and_filters(client: httpx.Client) -> None:
    body = {
        "question": "What is its status?",
        "history": [
            {"role": "user", "content": "Tell me about the marketing strategy action"},
            {"role": "assistant", "content": "Developing a Lancashire Innovation Marketing"},
        ],
        "filters": {"kind": "action"},
    }
    answer = client.post("/v1/ask", json=body).json()
    assert all(c["source"].startswith("action-logs/") for c in answer["citations"])


def test_invalid_json_is_a_readable_422(client: httpx.Client) -> None:
    response = client.post(
        "/v1/ask", content=b'{"question": ', headers={"Content-Type": "application/json"}
    )
    error = assert_error(response, 422, "invalid_request")
    assert "not valid JSON" in error["message"]


def test_missing_and_unknown_fields_are_named(client: httpx.Client) -> None:
    error = assert_error(client.post("/v1/ask", json={"qestion": "x"}), 422, "invalid_request")
    assert "body.question: Field required" in error["message"]
    assert "body.qestion" in error["message"]
    assert {f["location"] for f in error["fields"]} == {"body.question", "body.qestion"}


def test_unusable_question_maps_to_422_with_the_domain_message(client: httpx.Client) -> None:
    error = assert_error(client.post("/v1/ask", json={"question": "   "}), 422, "invalid_question")
    assert "empty" in error["message"]
    streamed = client.post("/v1/ask?stream=true", json={"question": ""})
    assert_error(streamed, 422, "invalid_question")  # refused before the stream starts


def test_unknown_routes_and_methods_use_the_error_shape(client: httpx.Client) -> None:
    assert_error(client.get("/v1/nothing-here"), 404, "not_found")
    assert_error(client.delete("/v1/ask"), 405, "method_not_allowed")


# --- auth and limits ------------------------------------------------------------------------


def test_missing_or_wrong_keys_are_401(anonymous: httpx.Client) -> None:
    response = anonymous.get("/v1/documents")
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    wrong = anonymous.get("/v1/documents", headers={"Authorization": "Bearer nope"})
    assert_error(wrong, 401, "unauthorized")
    basic = anonymous.get("/v1/documents", headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert_error(basic, 401, "unauthorized")


def test_ingest_needs_an_admin_key(client: httpx.Client) -> None:
    assert_error(client.post("/v1/ingest"), 403, "forbidden")
    assert_error(client.get("/v1/ingest/abc"), 403, "forbidden")
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    assert_error(client.get("/v1/ingest/abc", headers=admin), 404, "unknown_job")
    assert client.get("/v1/documents", headers=admin).status_code == 200  # admins are users


def test_oversized_bodies_are_413_declared_or_streamed(client: httpx.Client) -> None:
    big = "x" * (BODY_LIMIT + 1)
    error = assert_error(client.post("/v1/ask", json={"question": big}), 413, "payload_too_large")
    assert "limit" in error["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"question": "'
        for _ in range(BODY_LIMIT // 1024 + 2):
            yield b"y" * 1024
        yield b'"}'

    chunked = client.post("/v1/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(chunked, 413, "payload_too_large")
    upload = client.post(
        "/v1/ingest",
        files={"files": ("big.txt", b"z" * (BODY_LIMIT + 10), "text/plain")},
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
    )
    assert_error(upload, 413, "payload_too_large")


def test_cors_is_off_by_default(client: httpx.Client) -> None:
    response = client.options(
        "/v1/ask",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers


def test_without_keys_loopback_callers_need_none(open_live: LiveServer) -> None:
    response = httpx.get(f"{open_live.url}/v1/documents", timeout=30)
    assert response.status_code == 200
    assert response.json()["count"] >= 5


# --- drafts, actions, documents, feedback, metrics -------------------------------------------


def test_draft_for_an_owner_cites_rows(client: httpx.Client) -> None:
    response = client.post("/v1/drafts", json={"owner": "Maya", "format": "markdown"})
    assert response.status_code == 200, response.text
    draft = response.json()
    assert draft["title"] == "Progress update: owner Maya"
    assert re.search(r"\[row \d+\]", draft["markdown"])
    assert draft["records"] and all(r["citation"].startswith("[row ") for r in draft["records"])
    slack = client.post("/v1/drafts", json={"owner": "Maya", "format": "slack"}).json()
    assert slack["blocks"]


def test_draft_with_an_unknown_owner_suggests_names(client: httpx.Client) -> None:
    error = assert_error(client.post("/v1/drafts", json={"owner": "Zzyzx"}), 404, "no_match")
    assert "Maya" in error["suggestions"]
    assert "Closest owners" in error["message"]


def test_actions_filter_by_owner_and_status_class(client: httpx.Client) -> None:
    everything = client.get("/v1/actions").json()
    assert everything["count"] == len(everything["actions"]) > 20
    facets = everything["facets"]
    assert "Maya" in facets["owners"] and facets["aims"]
    assert "stalled / at risk" in facets["statuses"]
    stalled = client.get("/v1/actions", params={"owner": "Maya", "status": "stalled"}).json()
    assert 0 < stalled["count"] < everything["count"]
    assert {a["status_class"] for a in stalled["actions"]} == {"stalled / at risk"}
    assert_error(client.get("/v1/actions", params={"aim": "aim 99"}), 404, "no_match")


def test_documents_lists_what_is_indexed(client: httpx.Client) -> None:
    listing = client.get("/v1/documents").json()
    sources = {d["source"] for d in listing["documents"]}
    assert "action-logs/lancashire-innovation-action-agenda.txt" in sources
    assert "plans/nw-nmahp-research-strategy.txt" in sources
    log = next(d for d in listing["documents"] if d["kind"] == "action")
    assert log["records"] > 20 and len(log["hash"]) >= 16 and log["ingested_at"]


def test_feedback_is_stored_with_the_question(client: httpx.Client, web_assistant: Any) -> None:
    answer = client.post("/v1/ask", json={"question": QUESTION}).json()
    body = {"answer_id": answer["id"], "rating": "up", "comment": "spot on"}
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == 201, response.text
    stored = next(
        row
        for row in web_assistant.components.store.feedback()
        if row["id"] == response.json()["id"]
    )
    assert stored["question"] == QUESTION and stored["rating"] == "up"
    assert stored["surface"] == "web" and stored["comment"] == "spot on"
    unknown = client.post("/v1/feedback", json={"answer_id": "missing", "rating": "down"})
    assert_error(unknown, 404, "unknown_answer")
    assert_error(
        client.post("/v1/feedback", json={**body, "rating": "meh"}), 422, "invalid_request"
    )


def test_metrics_count_requests_by_route_and_answers(client: httpx.Client) -> None:
    client.post("/v1/ask", json={"question": QUESTION})
    text = client.get("/metrics").text
    assert re.search(r'assistant_http_requests_total\{[^}]*route="/v1/ask"[^}]*\} \d', text)
    assert "assistant_http_request_duration_seconds_bucket{" in text
    assert re.search(r'assistant_answers_total\{[^}]*outcome="answered"', text)
    assert "/v1/nothing-here" not in text  # unmatched paths never become labels
