"""The benchmark's synthetic copies and the canonical form that recognises a passage in any
copy (hit@5 "any copy" at ×10 and ×100)."""

from __future__ import annotations

from pathlib import Path

from evals.bench.synthetic import SyntheticCorpus, canonical_text

REPO = Path(__file__).resolve().parents[2]


def _paragraphs() -> list[str]:
    text = next((REPO / "corpus" / "plans").glob("*.txt")).read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) > 12][:40]


def test_every_copy_of_a_passage_reads_alike_and_differs_from_the_original() -> None:
    corpus = SyntheticCorpus(seed=11)
    paragraphs = _paragraphs()
    assert len(paragraphs) >= 10
    changed = 0
    for paragraph in paragraphs:
        for copy in (1, 7, 42):
            copied = corpus.copy_text(paragraph, copy)
            changed += copied != paragraph
            assert canonical_text(copied) == canonical_text(paragraph), (copy, paragraph)
    assert changed > len(paragraphs), "copies must be distinct text, not the original"


def test_different_passages_stay_different() -> None:
    paragraphs = _paragraphs()
    assert len({canonical_text(p) for p in paragraphs}) == len(set(paragraphs))
