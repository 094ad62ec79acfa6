"""Which sentences make an answer once the scorer has ranked them: a sentence that only
announces what follows brings the next one; rows of a timeline that differ by their date are
not one row said twice; a table split over chunks competes whole."""

from __future__ import annotations

import numpy as np

from assistant.answering.support import (
    SentenceChoice,
    _near_duplicate,
    _with_what_they_announce,
    sentence_pool,
)
from assistant.retrieval.hybrid import Candidate, RetrievalResult, ScoredSentence
from assistant.retrieval.intent import read_intent
from ingest.types import Chunk

TEXT = (
    "We fell short in two areas. Work with schools reached 18 schools against a target of 25; "
    "and only 9% of volunteers came from under-represented groups. Both are priorities."
)
SENTENCES = [
    "We fell short in two areas.",
    "Work with schools reached 18 schools against a target of 25; and only 9% of volunteers "
    "came from under-represented groups.",
    "Both are priorities.",
]


def _candidate() -> Candidate:
    chunk = Chunk("p#1", TEXT, "plan.docx", "Plan", "Review", "plan", 1, 2)
    scored = [ScoredSentence(text, 0.5, index) for index, text in enumerate(SENTENCES)]
    return Candidate(chunk, sentences=scored)


def _choice(text: str, candidate: Candidate) -> SentenceChoice:
    return SentenceChoice(text, candidate, 0.6, 0.6, 0.6)


def test_a_sentence_that_only_announces_brings_the_one_after_it() -> None:
    candidate = _candidate()
    chosen = _with_what_they_announce([_choice(SENTENCES[0], candidate)])
    assert [c.text for c in chosen] == SENTENCES[:2]
    # a sentence that states something brings nothing more
    said = _with_what_they_announce([_choice(SENTENCES[1], candidate)])
    assert [c.text for c in said] == [SENTENCES[1]]


def test_timeline_rows_with_different_dates_are_both_kept_when_a_date_is_asked() -> None:
    candidate = _candidate()
    vector = np.ones(3) / np.sqrt(3)
    earlier = SentenceChoice("Apr 24 Review delivery against the strategy", candidate, 0.5, 0.5,
                             0.5, vector)  # fmt: skip
    later = SentenceChoice("Apr 2025 Review delivery against the strategy", candidate, 0.5, 0.5,
                           0.5, vector)  # fmt: skip
    assert _near_duplicate(earlier, later)  # the same words: one said twice, unless …
    assert not _near_duplicate(earlier, later, dates_asked=True)  # … the date is asked


def test_a_table_split_over_chunks_competes_whole() -> None:
    """The best passage is part of a table: the table's other chunks, however low they rank,
    are read too (a roadmap's "Apr 24" row sits in the chunk before the "Apr 2025" one)."""

    def chunk(n: int, section: str, kinds: str) -> Chunk:
        return Chunk(f"p#{n}", f"row {n}", "plan.txt", "Plan", section, "plan", n, n,
                     block_kinds=kinds)  # fmt: skip

    ranked = [
        Candidate(chunk(2, "Roadmap", "table_row"), score=0.62),
        Candidate(chunk(7, "Foreword", "paragraph"), score=0.30),
        Candidate(chunk(1, "Roadmap", "table_row"), score=0.45),
        Candidate(chunk(9, "Budget", "table_row"), score=0.40),
    ]
    question = "When are the reviews?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), ranked, {})
    assert [c.chunk.id for c in sentence_pool(question, evidence)] == ["p#2", "p#1"]
