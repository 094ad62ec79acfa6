"""A question that names a numbered part of a plan ("what about goal 3?") retrieves the chunks
under the heading that names it, whatever words they use."""

from __future__ import annotations

import pytest

from assistant.retrieval.corpus_terms import CorpusTerms, part_labels
from ingest.types import Chunk


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("And what about goal 3?", [("goal", "3")]),
        ("What does Aim Four commit us to?", [("aim", "4")]),
        ("Priorities 2 and workstream 2.1", [("priority", "2"), ("workstream", "2.1")]),
        ("2.3 Goal 3: Resilient communities", [("goal", "3")]),
        # counts and dates name no part
        ("What are the four goals?", []),
        ("Who owns it, and is it due in March 2026?", []),
    ],
)
def test_numbered_parts_are_read_the_same_in_questions_and_headings(
    text: str, labels: list[tuple[str, str]]
) -> None:
    assert part_labels(text) == labels


def _chunk(n: int, section: str, kind: str = "plan", source: str = "plan.docx") -> Chunk:
    return Chunk(
        id=f"{source}#{n}", text=f"text {n}", source=source, title="Plan", section=section,
        kind=kind, line_start=n, line_end=n,
    )  # fmt: skip


def test_the_chunks_under_the_named_heading_are_found_in_document_order() -> None:
    chunks = [
        _chunk(3, "2. Priorities > 2.3 Goal 3: Resilient communities > Funding"),
        _chunk(1, "2. Priorities > 2.2 Goal 2: Room for rivers"),
        _chunk(2, "2. Priorities > 2.3 Goal 3: Resilient communities"),
        _chunk(4, "Goal 3", kind="action", source="tracker.xlsx"),  # rows are found as rows
    ]
    terms = CorpusTerms.read(chunks)
    assert terms.part_chunks("And what about goal three?") == ["plan.docx#2", "plan.docx#3"]
    assert terms.part_chunks("What are we doing on flood plans?") == []
