"""A sentence with a footnote marker is read with its footnote when the footnote holds what
the question asks and the sentence does not."""

from __future__ import annotations

import json

from assistant.answering.footnotes import (
    footnote,
    footnotes_answering,
    markers_in,
    whole_footnote,
)
from ingest.types import Chunk


def _chunk(text: str, kinds: str, markers: list[str] | None = None, n: int = 1) -> Chunk:
    return Chunk(
        id=f"strategy.pdf#{n}", text=text, source="strategy.pdf", title="Strategy",
        section="Costs", kind="plan", line_start=n, line_end=n, block_kinds=kinds,
        structure=json.dumps({"marker": markers}) if markers else "",
    )  # fmt: skip


SENTENCE = "We estimate that delivering this strategy will cost £9.6 million over five years⁵."
NOTES = _chunk(
    "⁴ Figures at 2025 prices.\n⁵ Of the £9.6 million, £5.1 million is already committed, "
    "assuming the partnership is renewed at £400,000 a year.",
    "footnote",
    ["4", "5"],
    n=2,
)


def test_markers_are_read_after_words_and_figures() -> None:
    assert markers_in(SENTENCE) == ["5"]
    assert markers_in("good ecological status¹, up from 31%² today") == ["1", "2"]
    assert markers_in("⁵ Of the £9.6 million") == []  # a footnote's own number opens it


def test_a_footnote_is_found_by_its_number_not_by_its_words() -> None:
    found = footnote([_chunk(SENTENCE, "paragraph"), NOTES], "5")
    assert found is not None and found[0].startswith("⁵ Of the £9.6 million")
    assert footnote([NOTES], "7") is None


def test_the_footnote_joins_when_it_answers_what_the_sentence_does_not() -> None:
    chunks = [_chunk(SENTENCE, "paragraph"), NOTES]
    sentence = [(SENTENCE, chunks[0])]
    asked = "How much of the cost is already committed, and what does that assume?"
    assert [text for text, _ in footnotes_answering(asked, sentence, lambda _: chunks)] == [
        NOTES.text.split("\n")[1]
    ]
    assert footnotes_answering("What will the strategy cost?", sentence, lambda _: chunks) == []


def test_the_footnote_of_the_name_asked_about_explains_it() -> None:
    """ "the 70@70 cohort - what is that?": the note on "70@70⁴" says, whatever its words."""
    marked = "Develop dialogue with system leaders including the 70@70⁴ cohort;"
    note = "4) The Senior Nurse and Midwife Research Leader Programme aims to strengthen research."
    chunks = [_chunk(marked, "paragraph"), _chunk(note, "footnote", ["4"], n=2)]
    asked = "The strategy mentions the 70@70 cohort - what is that?"
    found = footnotes_answering(asked, [(marked, chunks[0])], lambda _: chunks)
    assert [text for text, _ in found] == [note]
    other = "Who should the strategy develop dialogue with?"
    assert footnotes_answering(other, [(marked, chunks[0])], lambda _: chunks) == []


def test_a_sentence_of_a_footnote_is_read_as_the_whole_footnote() -> None:
    """The note's second sentence is what it is there for ("Excluding them, … 79.4%")."""
    notes = _chunk(
        "Term\tMeaning\nPAT\tPersonal Academic Tutor\n¹ The 2024–25 figure includes students "
        "taught under franchise. Excluding them, overall satisfaction was 79.4%.",
        "table_row,glossary,footnote",
        ["1"],
    )
    half = "¹ The 2024–25 figure includes students taught under franchise."
    assert whole_footnote(half, notes).endswith("overall satisfaction was 79.4%.")
    assert whole_footnote("Personal Academic Tutor", notes) == "Personal Academic Tutor"
    prose = _chunk(f"{half} Excluding them, it was 79.4%.", "paragraph")
    assert whole_footnote(half, prose) == half  # only a footnote block is read whole


def test_the_footnote_that_names_the_instance_asked_about_joins() -> None:
    """ "the first round of the fund" is the note's "Round 1", not the sentence's third round."""
    marked = "Proof-of-Concept Fund: a third round of £450,000 opens in February 2026⁴."
    note = "⁴ Round 1 of the fund (2023) made 11 awards averaging £18,500."
    chunks = [_chunk(marked, "paragraph"), _chunk(note, "footnote", ["4"], n=2)]
    asked = "How did the first round of the Proof-of-Concept Fund go?"
    found = footnotes_answering(asked, [(marked, chunks[0])], lambda _: chunks)
    assert [text for text, _ in found] == [note]
    later = "How did the fourth round of the Proof-of-Concept Fund go?"
    assert footnotes_answering(later, [(marked, chunks[0])], lambda _: chunks) == []


def test_a_footnote_and_a_record_field_are_read_with_what_they_belong_to() -> None:
    """The words a sentence is read with beyond its own (its coverage context): a footnote's
    sentence with the place that cites it, a field of an action record with the record's
    title ("Status: 9 active" is about Knowledge Transfer Partnerships)."""
    from assistant.answering.support import _sentence_context
    from assistant.retrieval.hybrid import Candidate, ScoredSentence

    anchored = Chunk(
        id="plan.md#9", text="¹ Counts taken in March.\n³ Travel is reimbursed at 45p per mile.",
        source="plan.md", title="Plan", section="Glossary", kind="plan", line_start=1,
        line_end=2, block_kinds="footnote",
        structure=json.dumps({"marker": ["1", "3"], "anchor": [
            "3\tSupporting our volunteers: We will reimburse reasonable expenses³."]}),
    )  # fmt: skip
    sentences = [ScoredSentence("¹ Counts taken in March.", 0.0, 0),
                 ScoredSentence("³ Travel is reimbursed at 45p per mile.", 0.0, 1)]  # fmt: skip
    context = _sentence_context(Candidate(anchored, sentences=sentences))
    assert {"volunteer", "expens"} <= context[1] and 0 not in context
    record = Chunk(
        id="tracker.xlsx#3", text="Action: 5.3 Grow Knowledge Transfer Partnerships\n"
        "Status: 9 active, 2 awaiting approval", source="tracker.xlsx", title="Tracker",
        section="Aim 5", kind="action", line_start=3, line_end=3,
    )  # fmt: skip
    lines = [ScoredSentence("Action: 5.3 Grow Knowledge Transfer Partnerships", 0.0, 0),
             ScoredSentence("Status: 9 active, 2 awaiting approval", 0.0, 1)]  # fmt: skip
    assert {"knowledg", "partnership"} <= _sentence_context(Candidate(record, sentences=lines))[1]


def test_a_table_answer_takes_the_footnote_of_its_cell() -> None:
    """ "79%¹" in a table row and "¹ … Excluding them, overall satisfaction was 79.4%": asked
    what the figure is without the franchise students, the note answers what the cell does
    not (the same rule as for a sentence)."""
    notes = _chunk(
        "¹ The 2024–25 figure includes students taught under franchise. Excluding them, "
        "overall satisfaction was 79.4%.",
        "footnote",
        ["1"],
        n=4,
    )
    row = "**NSS overall satisfaction** — 2024–25: 79%¹"
    question = "What was satisfaction in 2024-25 if you leave out the franchise students?"
    found = footnotes_answering(question, [(row, NOTES)], lambda source: [notes])
    assert [text for text, _ in found] == [notes.text]


def test_the_names_a_footnote_answers_for_are_in_its_chunk_context() -> None:
    """A note's chunk holds "the fund made 11 awards"; the name asked ("Proof-of-Concept
    Fund") is where the note is cited, so the answer's name check reads that too."""
    from assistant.answering.base import chunk_context

    notes = Chunk(
        id="plan.pdf#4", text="⁴ Round 1 of the fund made 11 awards averaging £18,500.",
        source="plan.pdf", title="Plan", section="Enterprise", kind="plan", line_start=1,
        line_end=1, block_kinds="footnote",
        structure=json.dumps({"marker": ["4"], "anchor": [
            "4\tEnterprise: Proof-of-Concept Fund: a third round opens in 2026⁴."]}),
    )  # fmt: skip
    assert "Proof-of-Concept Fund" in chunk_context(notes)
    assert "Proof" not in chunk_context(_chunk(notes.text, "footnote", ["4"]))
