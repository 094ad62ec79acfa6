"""A question of several parts is split, each part answered, and the answers joined; what
counts, frequencies and another body's own plan need from an answer; a table cell is read
with its row."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answering.base import valid_markers
from assistant.answering.parts import PartAnswer, join_part_answers
from assistant.answering.support import (
    NOT_FOUND,
    SentenceChoice,
    another_bodys_own,
    evidence_gap,
    in_parts,
    question_parts,
    whole_row,
)
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from assistant.schemas import Answer, Citation
from ingest.types import Chunk


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Who chairs RKEEC, and how often does it report to Senate?",
         ["Who chairs RKEEC", "how often does it report to Senate?"]),
        ("How often does PIEAC meet, and since when has it been going?",
         ["How often does PIEAC meet", "since when has it been going?"]),
        ("How many new posts will it fund, and out of which budget line?",
         ["How many new posts will it fund", "out of which budget line?"]),
        ("How big is the catchment, and roughly how many people live in it?",
         ["How big is the catchment", "how many people live in it?"]),
        # "How much budget" asks nothing alone: the rest of the question says of what
        ("How much budget and how many FTE are pencilled in for the events workstream?",
         ["how many FTE are pencilled in for the events workstream?"]),
        # a short part that points at what the rest names is asked, made standalone
        ("What's the new deadline for the flood plan, and why did it slip?",
         ["What's the new deadline for the flood plan", "why did it slip?"]),
        # typed without apostrophes
        ("how big is round 3 of the fund and whats the most a project can get?",
         ["how big is round 3 of the fund", "whats the most a project can get?"]),
        # a part that is only a question word asks of what the part before asks
        ("how often does the committee meet and since when?",
         ["how often does the committee meet", "since when does the committee meet?"]),
        ("When does the board meet, and how often?",
         ["When does the board meet", "how often does the board meet?"]),
        # "how long?" after a cost asks how long it *takes*: not completed, left out
        ("How much does the survey cost, and how long?", ["How much does the survey cost"]),
    ],
)  # fmt: skip
def test_a_question_is_split_where_its_next_part_starts(question: str, parts: list[str]) -> None:
    assert in_parts(question)
    assert question_parts(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "What are the aims and objectives of the plan?",
        "Who owns the dashboard action?",
        "can you list our research themes and who leads each one?",  # one list, each with its lead
    ],
)
def test_one_question_is_not_split(question: str) -> None:
    assert not in_parts(question)


def _citation(number: int, chunk: str) -> Citation:
    return Citation(
        id=number, source=f"plans/{chunk}.md", title=chunk, section="", snippet="", score=0.5,
        chunk_id=chunk,
    )  # fmt: skip


def _answer(text: str, *chunks: str, abstained: bool = False) -> Answer:
    return Answer(
        answer=NOT_FOUND if abstained else text,
        abstained=abstained,
        citations=[] if abstained else [_citation(i, c) for i, c in enumerate(chunks, start=1)],
        debug={"route": "abstain" if abstained else "sentences"},
    )


def test_a_part_adds_its_own_sentence_with_citations_renumbered() -> None:
    whole = _answer("PIEAC meets every two months. [1]", "a")
    part = _answer("PIEAC meets every two months. [1] It has run since October 2022. [2]", "a", "b")
    other = _answer("The panel report goes to the Board. [1]", "c")
    joined = join_part_answers(
        whole, [PartAnswer("How often", whole), PartAnswer("since when", part),
                PartAnswer("to whom", other)]
    )  # fmt: skip
    assert joined.answer == (
        "PIEAC meets every two months. [1]\n\nIt has run since October 2022. [2]\n\n"
        "The panel report goes to the Board. [3]"
    )
    assert [c.chunk_id for c in joined.citations] == ["a", "b", "c"]
    assert valid_markers(joined.answer, joined.citations)
    assert not joined.abstained


def test_parts_that_add_nothing_leave_the_whole_answer_as_it_was() -> None:
    whole = _answer("RKEEC, chaired by Per Lind, reports to Senate three times a year. [1]", "a")
    joined = join_part_answers(
        whole, [PartAnswer("Who chairs RKEEC", whole), PartAnswer("how often", whole)]
    )
    assert joined is whole


def test_a_part_giving_the_same_cell_in_another_layout_adds_nothing() -> None:
    whole = _answer(
        "**Trees planted**:\n\n- 2024 baseline: 18,000 [1]\n- 2030 target: 150,000 [1]", "a"
    )
    part = _answer("**Trees planted** — 2024 baseline: 18,000 [1]", "a")
    joined = join_part_answers(whole, [PartAnswer("What was the 2024 baseline", part)])
    assert joined is whole


def test_when_the_whole_finds_nothing_the_answered_parts_are_given_and_the_rest_named() -> None:
    whole = _answer("", abstained=True)
    chair = _answer("Per Lind chairs RKEEC. [1]", "a")
    nothing = _answer("", abstained=True)
    joined = join_part_answers(
        whole,
        [PartAnswer("Who chairs RKEEC", chair), PartAnswer("how often does it meet", nothing)],
    )
    assert not joined.abstained
    assert joined.answer.startswith("Per Lind chairs RKEEC. [1]")
    assert "“How often does it meet?”" in joined.answer
    assert joined.debug is not None and str(joined.debug["route"]).startswith("in parts")


def test_a_part_the_answer_already_holds_is_not_named_as_missing() -> None:
    whole = _answer("", abstained=True)
    both = _answer("RKEEC reports to Senate three times a year, chaired by Per Lind. [1]", "a")
    joined = join_part_answers(
        whole,
        [PartAnswer("Who chairs RKEEC", both),
         PartAnswer("how often does it report to Senate", _answer("", abstained=True))],
    )  # fmt: skip
    assert "don't say" not in joined.answer


def test_no_part_answered_keeps_the_abstention() -> None:
    whole = _answer("", abstained=True)
    joined = join_part_answers(whole, [PartAnswer("Who chairs it", whole)])
    assert joined is whole


@pytest.mark.parametrize(
    ("question", "answer", "gap"),
    [
        # a plan's numbered part is named, not counted
        ("How many fellowships a year will the strategy fund?",
         "Objective Four: Recognise the need to support career opportunities.", True),
        ("How many fellowships a year will the strategy fund?",
         "The strategy funds four fellowships a year.", False),
        ("How often does it report to Senate?",
         "RKEEC reports to Senate three times a year.", False),
        ("How often does the panel meet?", "The panel meets twice a year.", False),
        ("How often does the panel meet?", "The panel was set up in 2022.", True),
        # a count of a long noun phrase counts its head: two *closures* are no groups
        ("How many GP patient participation groups are there in the county?",
         "We support patient participation groups. We handled two GP practice closures.", True),
        ("How many GP patient participation groups are there in the county?",
         "There are 41 patient participation groups in the county.", False),
        # how long it has been going is answered by when it started
        ("How long has the committee been running?",
         "The committee has been running since October 2022.", False),
        ("How long has the committee been running?", "The committee meets every month.", True),
    ],
)  # fmt: skip
def test_what_a_count_or_a_frequency_needs(question: str, answer: str, gap: bool) -> None:
    assert bool(evidence_gap(question, read_intent(question), answer, answer)) is gap


def _retrieved(question: str, title: str, source: str) -> RetrievalResult:
    chunk = Chunk(
        id=f"{source}#1", text="We will offer 150 places a year with Northmoor College.",
        source=source, title=title, section="", kind="plan", line_start=1, line_end=1,
    )  # fmt: skip
    return RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(chunk)], {})


@pytest.mark.parametrize(
    ("question", "title", "body"),
    [
        # another body's own plan is not answered from this plan's mentions of it
        ("What are Northmoor College's own strategic priorities?", "Harrow Vale 2030",
         "Northmoor College"),
        # the body's own plan is indexed: its own words answer
        ("What are Northmoor College's own strategic priorities?",
         "Northmoor College Strategy 2025", ""),
        # one word, the organisation speaking of itself: its plans need not carry its name
        ("What is the Trust's own carbon footprint?", "Flowing Forward", ""),
    ],
)  # fmt: skip
def test_a_named_bodys_own_document_must_be_indexed(question: str, title: str, body: str) -> None:
    assert another_bodys_own(question, _retrieved(question, title, "plans/plan.docx")) == body


ROLES = Chunk(
    id="plan.docx#5",
    text=(
        "Role\tName\tResponsibilities\n"
        "NFM Project Officer\tRavi Chauhan\tLeaky dams and community flood plans.\n"
        "Communications Officer\tEllie Turner\tWebsite, campaigns and the River Voices panel."
    ),
    source="plan.docx", title="Delivery plan", section="5. Roles", kind="plan",
    line_start=5, line_end=7, structure='{"table_header": ["Role\\tName\\tResponsibilities"]}',
)  # fmt: skip


def _choice(text: str) -> SentenceChoice:
    return SentenceChoice(text, Candidate(ROLES), 0.8, 0.5, 0.7)


def test_a_table_cell_chosen_as_a_sentence_is_read_with_its_row() -> None:
    """ "Who looks after the River Voices panel?" chose the responsibilities cell: the row
    says whose responsibility it is."""
    assert whole_row(_choice("Website, campaigns and the River Voices panel.")).text == (
        "Communications Officer — Name: Ellie Turner; "
        "Responsibilities: Website, campaigns and the River Voices panel."
    )


def test_a_sentence_outside_a_table_row_is_left_alone() -> None:
    plain = _choice("Role Name")  # the header row is no answer to widen
    assert whole_row(plain) is plain


KEY = Chunk(
    id="tracker.xlsx#key",
    text=(
        "RAG: Red (R); Meaning: Serious risk to delivery; What happens next: Lead brings a "
        "recovery plan\n"
        "RAG: Amber (A); Meaning: Some risk to delivery; issues are known; What happens next: "
        "Lead reviews monthly"
    ),
    source="tracker.xlsx", title="Tracker", section="Key", kind="plan",
    line_start=1, line_end=2,
)  # fmt: skip


def test_a_field_of_a_row_written_as_fields_is_read_in_its_row() -> None:
    chosen = SentenceChoice("Meaning: Serious risk to delivery", Candidate(KEY), 0.8, 0.5, 0.7)
    assert whole_row(chosen, "What does red mean?").text == (
        "Red (R) — Meaning: Serious risk to delivery; What happens next: Lead brings a "
        "recovery plan"
    )


def test_the_row_the_question_names_is_read_not_the_field_that_scored_best() -> None:
    """ "What happens when an action goes amber?" scored the red row's next step best."""
    chosen = SentenceChoice(
        "What happens next: Lead brings a recovery plan", Candidate(KEY), 0.8, 0.5, 0.7
    )
    assert whole_row(chosen, "What happens when an action goes amber?").text.startswith(
        "Amber (A) — Meaning: Some risk to delivery"
    )
