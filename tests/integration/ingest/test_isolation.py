"""An ingest over hostile uploads: each is reported by name and quarantined, a runaway parse is
killed in its worker, and every other file is indexed; the next run skips the quarantined
files without parsing them until their content changes or the quarantine is cleared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_support import RESEARCH_PLAN, assert_stores_agree, copy_corpus, settings

from assistant.components import Components, build_components
from bench.hostile_files import (
    UTF16_TEXT,
    docx_of_paragraphs,
    pdf_bytes,
    xlsx_claiming,
)
from ingest.embeddings import SentenceTransformerEmbeddings
from ingest.limits import IngestLimits
from ingest.pipeline import IngestPipeline
from ingest.quarantine import Quarantine

pytestmark = pytest.mark.integration

TINY = "uploads/a-tiny-paragraphs.docx"
TRACKER = "uploads/b-claims-whole-grid.xlsx"
SLOW = "uploads/c-slow.docx"
UTF16 = "uploads/d-utf16.txt"
PDF = "uploads/e-pdf-named.txt"
BLOCKS_REASON = (
    "the document has more than 50,000 paragraphs and table rows (max_document_blocks); skipped"
)
TIMEOUT_REASON = "parsing stopped after 2 s (parse_timeout_s)"


def pipeline(parts: Components, quarantine: Quarantine) -> IngestPipeline:
    return IngestPipeline(
        parts.settings.corpus_dir,
        parts.embeddings,
        parts.store,
        parts.vectors,
        limits=IngestLimits(parse_timeout_s=2),
        quarantine=quarantine,
    )


def test_hostile_uploads_are_failed_quarantined_and_retried_when_changed(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = copy_corpus(tmp_path / "corpus", [RESEARCH_PLAN])
    uploads = corpus / "uploads"
    uploads.mkdir()
    docx_of_paragraphs(corpus / TINY, 989_200)
    xlsx_claiming(corpus / TRACKER)
    # 45,000 paragraphs (under the block limit) of 20 runs: ~30 s of parsing on this machine,
    # far over the 2 s given, so the worker is killed however fast the machine is
    docx_of_paragraphs(corpus / SLOW, 45_000, runs=20)
    (corpus / UTF16).write_bytes(UTF16_TEXT.encode("utf-16"))
    (corpus / PDF).write_bytes(pdf_bytes("REGIONAL STRATEGY\nThe page text of the PDF."))
    config = settings(tmp_path / "data", corpus)
    parts = build_components(config, shared_embeddings)
    quarantine = Quarantine(config.data_dir / "quarantine.json")
    ingest = pipeline(parts, quarantine)

    first = ingest.run()
    assert first.failed == [(TINY, BLOCKS_REASON), (SLOW, TIMEOUT_REASON)]
    assert first.ingested == [RESEARCH_PLAN, TRACKER, UTF16, PDF]
    assert first.records == 5  # the tracker's five rows read, not a million empty ones
    assert_stores_agree(parts)
    assert ingest.worker_peak_kib > 0
    held = json.loads((config.data_dir / "quarantine.json").read_text(encoding="utf-8"))
    assert sorted(held["files"]) == [TINY, SLOW]
    assert held["files"][SLOW]["reason"] == TIMEOUT_REASON

    again = pipeline(parts, Quarantine(config.data_dir / "quarantine.json"))
    second = again.run()
    assert second.failed == [
        (TINY, f"quarantined: {BLOCKS_REASON}"),
        (SLOW, f"quarantined: {TIMEOUT_REASON}"),
    ]
    assert second.skipped == [RESEARCH_PLAN, TRACKER, UTF16, PDF]
    assert again.worker_peak_kib == 0  # nothing was parsed: hashes only

    docx_of_paragraphs(corpus / SLOW, 20)  # fixed by its owner: retried and indexed
    third = again.run()
    assert third.ingested == [SLOW]
    assert third.failed == [(TINY, f"quarantined: {BLOCKS_REASON}")]
    assert sorted(Quarantine(config.data_dir / "quarantine.json").entries()) == [TINY]

    quarantine.clear()  # what a rebuild does: every file is tried again
    fourth = again.run()
    assert fourth.failed == [(TINY, BLOCKS_REASON)]
    (corpus / TINY).unlink()
    fifth = again.run()
    assert fifth.failed == []
    assert Quarantine(config.data_dir / "quarantine.json").entries() == {}
    assert_stores_agree(parts)


def test_without_a_quarantine_every_run_retries(
    tmp_path: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "uploads").mkdir(parents=True)
    docx_of_paragraphs(corpus / TINY, 989_200)
    parts = build_components(settings(tmp_path / "data", corpus), shared_embeddings)
    ingest = IngestPipeline(corpus, parts.embeddings, parts.store, parts.vectors)
    assert ingest.limits == IngestLimits()
    for _ in range(2):
        assert ingest.run().failed == [(TINY, BLOCKS_REASON)]
