"""A document's fields about itself (owner, approval, review) answer questions about it."""

from __future__ import annotations

import pytest

from assistant.answering.front_matter import asked_of_document, front_answer
from ingest.types import Chunk

DOCS = [
    ("community/harbour-youth-plan.md", "Harbour Youth Plan 2025-2028"),
    ("research/innovation-strategy.pdf", "Innovation Strategy 2024-2029"),
]
TABLE_FRONT = Chunk(
    "y#0", "*Harbour Trust · Supporting Goal 2*\nPlan owner\tSam Ode, Youth Lead\n"
    "Approved by\tTrustees, 3 June 2025\nReview date\tJune 2026", DOCS[0][0], "Harbour Youth Plan",
    "", "plan", 1, 4,
)  # fmt: skip
LINE_FRONT = Chunk(
    "s#0", "Innovation Strategy 2024–2029 Delivering Aim 2 Owner: Prof Kim Lee, PVC "
    "(Research). Approved by Senate on 17 September 2025. Version 1.2.", DOCS[1][0],
    "Innovation Strategy", "", "plan", 1, 1,
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "chunk", "lines"),
    [
        ("Who owns the Harbour Youth Plan?", TABLE_FRONT, ["Plan owner — Sam Ode, Youth Lead"]),
        ("who's responsible for the harbour youth plan, and when is it up for review?",
         TABLE_FRONT, ["Plan owner — Sam Ode, Youth Lead", "Review date — June 2026"]),
        ("Who approved the innovation strategy?", LINE_FRONT,
         ["Approved by — Senate on 17 September 2025"]),
        ("Who owns the innovation strategy?", LINE_FRONT,
         ["Owner — Prof Kim Lee, PVC (Research)"]),
    ],
)  # fmt: skip
def test_the_document_named_answers_with_its_own_field(
    question: str, chunk: Chunk, lines: list[str]
) -> None:
    found = asked_of_document(question, DOCS)
    assert found is not None and found[0] == chunk.source
    assert [f.line for f in front_answer(found[1], [chunk])] == lines


@pytest.mark.parametrize(
    "question",
    [
        "Who owns the mentoring action in the Harbour Youth Plan?",  # a part of it, not it
        "Who owns the Harbour Youth Plan and the Innovation Strategy?",  # two documents
        "What does the Harbour Youth Plan cost?",  # not a field about the document
        "Who leads the harbour clean-up?",  # names no document
    ],
)
def test_questions_not_about_the_document_itself(question: str) -> None:
    assert asked_of_document(question, DOCS) is None


def test_a_field_the_document_does_not_give_leaves_the_question_to_other_routes() -> None:
    found = asked_of_document("Who wrote the innovation strategy?", DOCS)
    assert found is not None and front_answer(found[1], [LINE_FRONT]) == []
