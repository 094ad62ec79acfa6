"""Minutes' labelled lines (DECISION:, ACTION:, Apologies:) answer questions that name the
label in their own words."""

from __future__ import annotations

import numpy as np

from assistant.answering.labelled import labelled_answer, labelled_clauses
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from ingest.types import Chunk

HEADER = (
    "Board of Trustees: minutes of the meeting held on 23 April 2026\n"
    "Present (trustees): Margaret Ellison (Chair), Graham Holt (Treasurer)\n"
    "Apologies: Colin Baxter, Harriet Dunmore"
)
BODY = (
    "5. Budget. Sam Reid presented the draft budget.\n"
    "DECISION: The Board approved the 2026/27 budget of £1,510,000.\n"
    "DECISION: The Board agreed to underwrite up to £60,000 of weir costs."
)
ACTIONS = (
    "ACTION: Sam Reid to circulate the revised budget by 14 May. ACTION: Priya Nandakumar to "
    "send the sediment report to the regulator by 8 May."
)


def _chunk(text: str, n: int) -> Chunk:
    return Chunk(
        id=f"minutes.txt#{n}", text=text, source="minutes.txt", title="Board minutes",
        section="", kind="plan", line_start=n, line_end=n,
    )  # fmt: skip


DOCUMENT = [_chunk(HEADER, 1), _chunk(BODY, 2), _chunk(ACTIONS, 3)]


def _answer(question: str, people: frozenset[str] = frozenset()) -> list[str] | None:
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(DOCUMENT[0])], {}
    )
    found = labelled_answer(question, evidence, lambda _: DOCUMENT, people)
    return None if found is None else [clause for clause, _ in found.clauses]


def test_clauses_run_to_the_next_label_or_the_end_of_the_line() -> None:
    assert labelled_clauses(ACTIONS) == [
        ("ACTION", "Sam Reid to circulate the revised budget by 14 May."),
        ("ACTION", "Priya Nandakumar to send the sediment report to the regulator by 8 May."),
    ]
    assert labelled_clauses("Goal 1: Clean water") == []  # a numbered heading is no label
    assert labelled_clauses("Status: On track\nOwner: Sam Reid") == []  # a record's fields


def test_the_label_named_in_the_question_in_its_own_words() -> None:
    assert _answer("What did the Board decide at the April meeting?") == [
        "The Board approved the 2026/27 budget of £1,510,000.",
        "The Board agreed to underwrite up to £60,000 of weir costs.",
    ]
    assert _answer("Which trustees sent apologies to the April board?") == [
        "Colin Baxter, Harriet Dunmore"
    ]


def test_a_person_narrows_the_clauses() -> None:
    known = frozenset({"priya nandakumar", "sam reid"})
    assert _answer("What actions did Priya pick up at the board?", known) == [
        "Priya Nandakumar to send the sediment report to the regulator by 8 May."
    ]


def test_a_question_naming_no_label_is_left_to_other_routes() -> None:
    assert _answer("What is the budget for next year?") is None


def test_who_is_doing_a_thing_is_the_action_line_saying_so() -> None:
    """No label named: "who is sending the sediment report" is answered by the ACTION line
    that writes what is asked, not by every ACTION line."""
    assert _answer("Who is sending the sediment report, and by when?") == [
        "Priya Nandakumar to send the sediment report to the regulator by 8 May."
    ]
    assert _answer("Who is running the weir project?") is None  # no line writes it


def test_a_follow_up_asks_for_labels_in_the_user_words_only() -> None:
    """ "why did it slip?" after an answer saying "(action 18)" names no ACTION label."""
    question = "Who leads the flood plan? Ravi leads it (action 18). why did it slip?"
    evidence = RetrievalResult(
        question,
        read_intent(question),
        np.zeros(3),
        [Candidate(DOCUMENT[0])],
        {},
        from_answer="Ravi leads it (action 18).",
    )
    assert labelled_answer(question, evidence, lambda _: DOCUMENT) is None


def test_minutes_without_capitals_are_known_by_their_roll_call() -> None:
    """A committee's minutes with no DECISION or ACTION labels, whose wrapped header joins its
    roll call into one line, still answer "who sent apologies?"; a plan's "Risks:" lines,
    with no roll call, are a definition list and answer nothing here."""
    header = (
        "Unconfirmed minutes of the meeting held on 12 November 2025\n"
        "Present: Dr A. Voss (Chair), B. Halloran, Professor J. Okafor (for item 4) In "
        "attendance: L. Pickering (Secretary) Apologies: C. Fraser"
    )
    minutes = [_chunk(header, 1)]
    assert labelled_clauses(header)[-1] == ("Apologies", "C. Fraser")
    question = "who sent apologies to the november committee meeting?"
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(minutes[0])], {}
    )
    found = labelled_answer(question, evidence, lambda _: minutes)
    assert found is not None and [c for c, _ in found.clauses] == ["C. Fraser"]
    plan = [_chunk("Risks: funding may fall short\nMitigation: a reserve is held", 1)]
    asked = "what are the risks?"
    evidence = RetrievalResult(asked, read_intent(asked), np.zeros(3), [Candidate(plan[0])], {})
    assert labelled_answer(asked, evidence, lambda _: plan) is None
