"""Upload a new document over HTTP, watch the job, then ask what only that document says.

Runs on its own data dir (a copy of the ingested corpus) and its own copy of the corpus
folder, because uploads are written under ``<corpus>/uploads/`` and change the index.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_support import ADMIN_KEY, USER_KEY, LiveServer, serve

from assistant.components import build_components
from assistant.settings import Settings
from assistant.web.app import create_app
from ingest.embeddings import SentenceTransformerEmbeddings

pytestmark = pytest.mark.integration

NEW_DOC = b"""# Zephyr Harbour Renewal Plan 2026

## Lighthouse programme

The Zephyr Harbour lighthouse programme is led by Olwen Taggart. It restores the old
lighthouse as a visitor centre, with a budget of 4.2 million pounds, opening in spring 2027.

## Harbour wall

The harbour wall repairs are owned by the Port Authority and finish in 2026.
"""
QUESTION = "Who leads the Zephyr Harbour lighthouse programme?"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture
def ingest_server(
    tmp_path: Path,
    make_settings: Callable[..., Settings],
    indexed_data_dir: Path,
    corpus_dir: Path,
    shared_embeddings: SentenceTransformerEmbeddings,
) -> Iterator[tuple[LiveServer, Settings]]:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    shutil.copytree(indexed_data_dir, tmp_path / "data")
    settings = make_settings(
        data_dir=tmp_path / "data",
        corpus_dir=corpus,
        api_keys=[USER_KEY],
        admin_keys=[ADMIN_KEY],
    )
    app = create_app(components=build_components(settings, shared_embeddings))
    with serve(app) as server:
        yield server, settings


def wait_for_job(http: httpx.Client, job: dict[str, Any], timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
        job = http.get(f"/v1/ingest/{job['id']}", headers=ADMIN).json()
    return job


def test_uploaded_document_answers_questions(ingest_server: tuple[LiveServer, Settings]) -> None:
    server, settings = ingest_server
    user = {"Authorization": f"Bearer {USER_KEY}"}
    with httpx.Client(base_url=server.url, headers=user, timeout=60) as http:
        before = http.post("/v1/ask", json={"question": QUESTION}).json()
        assert "Olwen" not in before["answer"]

        response = http.post(
            "/v1/ingest",
            files={"files": ("zephyr harbour plan.md", NEW_DOC, "text/markdown")},
            headers=ADMIN,
        )
        assert response.status_code == 202, response.text
        job = response.json()
        assert response.headers["location"] == f"/v1/ingest/{job['id']}"
        assert job["mode"] == "upload"
        assert job["files"] == ["uploads/zephyr harbour plan.md"]

        job = wait_for_job(http, job)
        assert job["state"] == "done", job
        assert job["report"]["ingested"] == ["uploads/zephyr harbour plan.md"]
        assert job["processed"] == job["total"] == 1
        assert (settings.corpus_dir / "uploads" / "zephyr harbour plan.md").read_bytes() == NEW_DOC

        sources = {d["source"] for d in http.get("/v1/documents").json()["documents"]}
        assert "uploads/zephyr harbour plan.md" in sources

        after = http.post("/v1/ask", json={"question": QUESTION}).json()
        assert after["abstained"] is False
        assert "Olwen Taggart" in after["answer"]
        cited = {c["source"] for c in after["citations"]}
        assert "uploads/zephyr harbour plan.md" in cited

        # re-ingesting the corpus keeps the upload: it lives inside the corpus root
        again = http.post("/v1/ingest", headers=ADMIN)
        assert again.status_code == 202
        corpus_job = wait_for_job(http, again.json())
        assert corpus_job["mode"] == "corpus" and corpus_job["state"] == "done"
        assert corpus_job["report"]["deleted"] == []
        assert "uploads/zephyr harbour plan.md" in corpus_job["report"]["skipped"]

        metrics = http.get("/metrics").text
        assert 'assistant_ingest_jobs_total{state="done"} 2.0' in metrics
        assert 'assistant_ingest_files_total{outcome="ingested"} 1.0' in metrics


def test_uploads_are_checked_before_anything_is_written(
    ingest_server: tuple[LiveServer, Settings],
) -> None:
    server, settings = ingest_server
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=30) as http:
        exe = http.post("/v1/ingest", files={"files": ("tool.exe", b"MZ", "application/x")})
        assert exe.status_code == 415
        assert exe.json()["error"]["code"] == "unsupported_media_type"
        mixed = http.post(
            "/v1/ingest",
            files=[
                ("files", ("ok.md", b"# fine", "text/markdown")),
                ("files", ("../../escape.md", b"# sneaky", "text/markdown")),
                ("files", ("bad.bin", b"\x00", "application/octet-stream")),
            ],
        )
        assert mixed.status_code == 415
        assert not (settings.corpus_dir / "uploads").exists()  # nothing half-written
        rebuild = http.post(
            "/v1/ingest",
            files={"files": ("a.md", b"# a", "text/markdown")},
            data={"rebuild": "true"},
        )
        assert rebuild.status_code == 422
    assert not (settings.corpus_dir.parent / "escape.md").exists()
