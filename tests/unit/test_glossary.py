"""What a term means, read from the document's own glossary (typed at ingest)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from assistant.answering.glossary import glossary_entry, said_beside
from assistant.answering.support import SentenceChoice
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from ingest.chunking import chunk_document
from ingest.structure import text_to_blocks
from ingest.types import Chunk, LoadedDocument

LINES = [
    "# Our plan", "", "The Harbour Promise will be piloted in 2026.", "",
    "## Glossary", "",
    "- **Harbour Promise**: every apprentice is offered a mentor for at least 40 hours.", "",
    "- **Mentor**: a member of staff trained to support an apprentice.", "",
    "- RAG — red, amber, green rating of an action.", "",
]  # fmt: skip
ROW = Chunk(
    id="tracker.csv#1", text="Action: Launch the Harbour Promise for all apprentices",
    source="tracker.csv", title="Tracker", section="", kind="action", line_start=1, line_end=1,
)  # fmt: skip


def _glossary_chunk() -> Chunk:
    document = LoadedDocument("plan.md", "plan", "Plan", blocks=text_to_blocks(LINES))
    chunks = chunk_document(document, size=900, overlap=0)
    return next(c for c in chunks if "glossary" in c.block_kinds)


def _entry(question: str) -> str | None:
    evidence = RetrievalResult(
        question,
        read_intent(question),
        np.zeros(3),
        [Candidate(ROW), Candidate(_glossary_chunk())],
        {},
    )
    found = glossary_entry(question, evidence, read_intent(question).asks_definition)
    return found.line if found else None


def test_the_glossary_terms_are_typed_at_ingest() -> None:
    terms = json.loads(_glossary_chunk().structure)["term"]
    assert terms == ["Harbour Promise", "Mentor", "RAG"]


@pytest.mark.parametrize(
    ("question", "starts"),
    [
        ("What exactly does the Harbour Promise guarantee apprentices?", "- **Harbour Promise**"),
        ("What is the Harbour Promise?", "- **Harbour Promise**"),
        ("What exactly is the Harbour Promise?", "- **Harbour Promise**"),
        # what the question says of it after naming it still asks what it is
        ("What is the Harbour Promise that apprentices keep mentioning?", "- **Harbour Promise**"),
        ("what's a mentor", "- **Mentor**"),
        ("What do we mean by a mentor?", "- **Mentor**"),
        ("On the tracker, what does RAG mean?", "- RAG —"),
    ],
)
def test_a_term_asked_about_is_answered_by_its_entry(question: str, starts: str) -> None:
    line = _entry(question)
    assert line is not None and line.startswith(starts)


@pytest.mark.parametrize(
    "question",
    [
        "What is the Harbour Promise budget?",  # something of it, not what it is
        "When will the Harbour Promise be launched?",
        "Who owns the Harbour Promise action?",
        "what is the rag status of the pilot?",  # an acronym only in its capitals
        "Why was the Harbour Promise pilot paused?",  # a reason, not what the term means
    ],
)
def test_a_question_about_something_of_the_term_is_not_a_definition(question: str) -> None:
    assert _entry(question) is None


def test_the_entry_comes_with_what_the_plan_says_beside_it() -> None:
    entry_question = "What is the Harbour Promise?"
    evidence = RetrievalResult(
        entry_question,
        read_intent(entry_question),
        np.zeros(3),
        [Candidate(ROW), Candidate(_glossary_chunk())],
        {},
    )
    entry = glossary_entry(entry_question, evidence, False)
    assert entry is not None
    plan = Candidate(replace(ROW, id="plan.md#2", source="plan.md", kind="plan"))

    def choice(text: str, candidate: Candidate) -> SentenceChoice:
        return SentenceChoice(text, candidate, 0.5, 0.5, 0.5)

    chosen = [
        choice("Harbour Promise: every apprentice is offered a mentor.", entry.candidate),
        choice("Launch the Harbour Promise for all apprentices", Candidate(ROW)),  # a tracker row
        choice("The Harbour Promise was written with 12 apprentices.", plan),  # a figure more
        choice("Every apprentice is offered a mentor for 40 hours.", plan),  # said already
        choice("Employers fund the Harbour Promise through a levy.", plan),  # more
    ]
    assert [c.text for c in said_beside(entry, chosen)] == [
        "The Harbour Promise was written with 12 apprentices.",
        "Employers fund the Harbour Promise through a levy.",
    ]


NOTED = [
    "# Our plan", "", "We will trace and fix 250 misconnected drains² in the town.", "",
    "² A misconnection is a household drain wrongly plumbed into a surface-water sewer.", "",
    "³ Counts taken from the old spreadsheets on 31 March.", "",
]  # fmt: skip


def test_a_note_that_defines_a_term_answers_what_the_term_means() -> None:
    """A footnote that opens by saying what a term is ("A misconnection is …") is typed with
    that term at ingest, and answers as a glossary entry would; other notes define nothing."""
    document = LoadedDocument("plan.md", "plan", "Plan", blocks=text_to_blocks(NOTED))
    chunks = chunk_document(document, size=900, overlap=0)
    notes = [c for c in chunks if "footnote" in c.block_kinds]
    assert notes and json.loads(notes[0].structure)["term"] == ["misconnection"]
    for question in ("What is a misconnection?", 'what is a "misconnection" actually'):
        evidence = RetrievalResult(
            question, read_intent(question), np.zeros(3), [Candidate(c) for c in chunks], {}
        )
        found = glossary_entry(question, evidence, read_intent(question).asks_definition)
        assert found is not None and "wrongly plumbed" in found.line, question


def test_a_workbook_key_sheet_is_a_glossary_of_its_codes() -> None:
    """A sheet named "Key" with rows "RAG: Amber (A); Meaning: …" types each row as the entry
    of its first field's value, and "what does amber mean?" is answered by it."""
    from ingest.document_model import mark_glossary
    from ingest.types import Block

    blocks = mark_glossary(
        [
            Block("Key", "heading", 1, 1, 1),
            Block("RAG key", "heading", 2, 2, 2),
            Block("RAG: Red (R); Meaning: Serious risk; What happens next: A recovery plan",
                  "table_row", 0, 3, 3),
            Block("RAG: Amber (A); Meaning: Some risk; What happens next: Review monthly",
                  "table_row", 0, 4, 4),
            Block("Lists", "heading", 1, 6, 6),
            Block("Status: Complete; RAG: Red; Staff: Sam Reid", "table_row", 0, 7, 7),
        ]
    )  # fmt: skip
    assert [dict(b.structure).get("term") for b in blocks if b.kind == "glossary"] == [
        "Red (R)",
        "Amber (A)",
    ]
    assert blocks[-1].kind == "table_row"  # another sheet's rows are no key
    key = Chunk(
        id="tracker.xlsx#9", text="\n".join(b.text for b in blocks[2:4]), source="tracker.xlsx",
        title="Tracker", section="Key > RAG key", kind="plan", line_start=3, line_end=4,
        block_kinds="glossary", structure=json.dumps({"term": ["Red (R)", "Amber (A)"]}),
    )  # fmt: skip
    question = "What does amber mean on the tracker?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(key)], {})
    found = glossary_entry(question, evidence, asks_definition=True)
    assert found is not None and found.line.startswith("RAG: Amber (A); Meaning: Some risk")


def test_a_sentence_that_says_what_a_term_means_defines_it_when_no_glossary_does() -> None:
    """ "What does amber mean?" is answered by the plan's "… amber means there is a risk …",
    not by a sentence that only names amber among the ratings."""
    plan = Chunk(
        id="plan.md#4", source="plan.md", title="Plan", section="Reporting", kind="plan",
        text="Every action has a red, amber or green rating. Red means the milestone will be "
        "missed; amber means there is a risk to time, cost or quality; green means on track.",
        line_start=1, line_end=1,
    )  # fmt: skip
    question = "In the tracker, what does amber actually mean?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(plan)], {})
    found = glossary_entry(question, evidence, True)
    assert found is not None and found.term == "amber" and "risk to time" in found.line
    assert glossary_entry("What does amber cost?", evidence, False) is None
