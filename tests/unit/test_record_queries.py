"""Record questions as filters: RAG ratings asked in words, trackers named by one distinctive
word, and counts that read as English."""

from __future__ import annotations

import pytest

from assistant.answering.actions import (
    asks_needs_owner,
    count_of,
    explains,
    named_source,
    rows_counted,
    same_work,
)
from ingest.status import asked_ratings, asks_rating_meaning
from ingest.types import ActionRecord

RATING_EXAMPLES = [
    ("Which actions are rated red?", {"Red"}),
    ("What is flagged red on the council actions log?", {"Red"}),
    ("List the amber items on the tracker", {"Amber"}),
    ("Anything at red?", {"Red"}),
    ("Which tasks are red or amber?", {"Red", "Amber"}),
    ("Which red or amber-rated actions does Priya own?", {"Red", "Amber"}),
    ("How many are green on the delivery tracker?", {"Green"}),
    ("Which ones have a RAG status of amber?", {"Amber"}),
]
NOT_RATINGS = [
    "How much green space will the plan create?",
    "Has the park kept its Green Flag award?",
    "What will cut red tape for businesses?",
    "Who is the Red Cross contact?",
]


@pytest.mark.parametrize(("question", "ratings"), RATING_EXAMPLES)
def test_rag_ratings_asked_in_words(question: str, ratings: set[str]) -> None:
    assert asked_ratings(question) == ratings


@pytest.mark.parametrize("question", NOT_RATINGS)
def test_a_colour_word_alone_is_not_a_rating(question: str) -> None:
    assert asked_ratings(question) == frozenset()


def _record(source: str) -> ActionRecord:
    return ActionRecord(
        id=source, source=source, row=2, aim="", action="x", status="", owner="", rag=None,
        due=None,
    )  # fmt: skip


TRACKERS = [
    _record("delivery/council-partnership-actions-log (export).csv"),
    _record("delivery/BVRT Delivery Tracker 2025-26.xlsx"),
    _record("trackers/net-zero-programme-tracker.xlsx"),
]


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("What is flagged red on the council actions log?", TRACKERS[0].source),
        ("Which actions are late on the delivery tracker?", TRACKERS[1].source),
        ("What's overdue in BVRT?", TRACKERS[1].source),
        ("Which net zero programme tasks are done?", TRACKERS[2].source),
        ("How is the council doing on misconnections?", None),  # names no tracker
        ("Which actions are overdue?", None),
    ],
)
def test_a_tracker_named_by_its_distinctive_words(question: str, source: str | None) -> None:
    assert named_source(question, TRACKERS) == source


@pytest.mark.parametrize(
    "question",
    [
        "Which items in the council log have nobody assigned to them?",
        "Which actions have no owner?",
        "What is not yet assigned?",
        "Which actions still don't have an owner assigned?",
        "Which items have no confirmed owner?",
        "Which items in the partnership log have nobody down as owner?",
        "Which items in the log still don't have anyone assigned to them?",
        "Which actions in the log have the Who column left blank?",
        "Which rows have an empty lead field?",
    ],
)
def test_asking_for_rows_without_an_owner(question: str) -> None:
    assert asks_needs_owner(question)


@pytest.mark.parametrize(
    "question",
    ["Who is the owner?", "Does it have an owner yet?", "Is the budget column left blank?"],
)
def test_asking_who_owns_is_not_asking_for_unowned_rows(question: str) -> None:
    assert not asks_needs_owner(question)


def test_counts_read_as_english() -> None:
    assert count_of(1, "action") == "1 action"
    assert count_of(0, "action") == "0 actions"
    assert count_of(12, "action") == "12 actions"


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Which actions are on track?", ""),
        ("How many are done?", ""),
        ("How many tasks are overdue?", ""),
        ("How many of the workshops are finished?", "workshop"),
        # a value or a count of something else: status words describe, they do not pick rows
        ("What salary is budgeted for the manager who keeps the plan on track?", None),
        ("How many practitioners have completed the bridging scheme so far?", "practitioner"),
    ],
)
def test_status_words_pick_rows_only_for_questions_about_rows(
    question: str, counted: str | None
) -> None:
    assert rows_counted(question) == counted


def _row(action: str, source: str, row: int = 1) -> ActionRecord:
    return ActionRecord(str(row), "", action, "", None, None, None, source, row)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # one piece of work in two trackers, in each tracker's words
        (_row("Submit a £6.5m bid to the decarbonisation fund", "a.xlsx"),
         _row("Decarbonisation fund bid (£6.5m)", "b.csv"), True),
        # alike words in one tracker are two actions; different work in two trackers is not one
        (_row("Decarbonisation fund bid (£6.5m)", "b.csv", 1),
         _row("Decarbonisation fund bid (£6.5m) – stage 2", "b.csv", 2), False),
        (_row("Install rooftop solar PV", "a.xlsx"), _row("Solar farm feasibility study", "b.csv"),
         False),
        (_row("Staff and student travel survey", "b.csv"),
         _row("Publish a Sustainable Travel Plan for staff and students", "a.xlsx"), False),
        # a hyphenated word is its parts: "data-sharing" is "data sharing"
        (_row("Agree storm overflow data-sharing protocol with the water company", "a.xlsx"),
         _row("Storm overflow data sharing with the water company", "b.csv"), True),
    ],
)  # fmt: skip
def test_rows_of_two_trackers_for_one_piece_of_work(
    a: ActionRecord, b: ActionRecord, same: bool
) -> None:
    assert same_work(a, b) is same


@pytest.mark.parametrize(
    ("status", "notes", "explained"),
    [
        ("Paused", "", False),  # where it stands, not why
        ("On hold", "", False),
        ("Delayed – awaiting funding decision", "", True),
        ("Slipped", "Flood group re-formed after its chair stepped down.", True),
    ],
)
def test_a_row_explains_only_when_it_says_more_than_its_state(
    status: str, notes: str, explained: bool
) -> None:
    """ "Why has the pilot been paused?": a row that only says "Paused" gives no reason, so the
    minutes that do are read instead."""
    record = ActionRecord(
        id="r1", source="tracker.xlsx", row=2, aim="", action="Run the pilot", status=status,
        owner="", rag=None, due=None, notes=notes,
    )  # fmt: skip
    assert explains(record) is explained


@pytest.mark.parametrize(
    "question",
    [
        "What does it mean when an action is rated amber?",
        "If my action's rated amber on the tracker, what am I supposed to do?",
        "What happens when an action is rated red?",
    ],
)
def test_a_rating_asked_for_its_meaning_is_no_rows_question(question: str) -> None:
    assert asked_ratings(question)  # the rating is named …
    assert asks_rating_meaning(question)  # … but its meaning is asked, which the key says


def test_rows_asked_by_rating_are_not_a_meaning_question() -> None:
    assert not asks_rating_meaning("Which actions are rated red on the tracker?")
