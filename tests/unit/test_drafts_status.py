"""Status classes, row by row on the real Lancashire action log, and with RAG values."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafts.select import NoMatchError, resolve_status
from ingest.actionlog import parse_action_log
from ingest.status import STATUS_RULES, StatusClass, classify_status
from ingest.types import ActionRecord

LOG = (
    Path(__file__).resolve().parents[2]
    / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
)
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"

DONE = StatusClass.DONE
ON_TRACK = StatusClass.ON_TRACK
STALLED = StatusClass.STALLED
NOT_STARTED = StatusClass.NOT_STARTED

# (row, start of the action, class, the phrase that decides it) — every record of the log.
EXPECTED: list[tuple[int, str, StatusClass, str]] = [
    (3, "Focus on delivering the Made Smart Review", ON_TRACK, "Ongoing"),
    (4, "Connecting with Centres of Excellence", ON_TRACK, "Work has commenced"),
    (6, "Norking in collaboration with large employers", ON_TRACK, "Discussions had"),
    (
        7,
        "Developing a network of Lancashire 'Innovation Ambassadors'",
        ON_TRACK,
        "roll out planned",
    ),
    (
        8,
        "mplementing a Lancashire Technology and Market Foresight",
        ON_TRACK,
        "coming to Feb board",
    ),
    (10, "Developing supply chain crossover networks", ON_TRACK, "Discussions had"),
    (11, "Encouraging an increase in Knowledge Transfer Partnerships", ON_TRACK, "piloted"),
    (12, "Developing Test Beds in new sectors", STALLED, "stalled"),
    (13, "Starting to analyse rigorously how overlaps", ON_TRACK, "being done"),
    (15, "Enhancing existing, or building new, leadership", ON_TRACK, "underway"),
    (17, "Ensuring relevant capital developments", ON_TRACK, "due to open"),
    (18, "Facilitating networking between innovation", ON_TRACK, "due to open"),
    (18, "Developing a programme of visits to Lancashire", ON_TRACK, "due to open"),
    (20, "Creating an 'innovation graduate' placement", NOT_STARTED, "Potential to scope"),
    (21, "Developing a single point of contact", ON_TRACK, "ran"),
    (22, "Exploring options for creating a Lancashire Innovation Fund", ON_TRACK, "established"),
    (23, "Developing a programme to promote innovation across public", ON_TRACK, "due to come"),
    (24, "Embedding Intellectual Property (IP)", NOT_STARTED, "TBC"),
    (26, "Holding an annual Innovation Showcase", DONE, "held & successful"),
    (27, "Developing a Lancashire Innovation Marketing Strategy", STALLED, "stalled"),
    (28, "Developing, and disseminating a portfolio", ON_TRACK, "delivering"),
    (29, "Ensuring Lancashire is represented in all key national fora", ON_TRACK, "engaged"),
    (31, "Establish Innovation Board", DONE, "Now established"),
    (32, "Re-establish board of officers", DONE, "Monthly working group"),
    (33, "Regroup and / or recontact original consultees", STALLED, "didn't happen"),
    (34, "Monitoring and evaluation", STALLED, "late"),
]


@pytest.fixture(scope="module")
def records() -> list[ActionRecord]:
    return parse_action_log(LOG.read_text(encoding="utf-8"), SOURCE)


def test_the_table_covers_every_record_of_the_log(records: list[ActionRecord]) -> None:
    assert [(r.row, r.action[:20]) for r in records] == [(row, a[:20]) for row, a, _, _ in EXPECTED]


@pytest.mark.parametrize(("row", "action", "status_class", "evidence"), EXPECTED)
def test_every_row_of_the_real_log(
    records: list[ActionRecord], row: int, action: str, status_class: StatusClass, evidence: str
) -> None:
    (record,) = [r for r in records if r.row == row and r.action.startswith(action)]
    verdict = classify_status(record.status, record.rag)
    assert (verdict.status_class, verdict.evidence_phrase) == (status_class, evidence)
    assert evidence in record.status  # the phrase shown is the log's own words
    assert verdict.explanation


def test_known_truths_in_words(records: list[ActionRecord]) -> None:
    def class_of(fragment: str) -> StatusClass:
        (record,) = [r for r in records if fragment in r.action]
        return classify_status(record.status, record.rag).status_class

    assert class_of("Innovation Ambassadors") is ON_TRACK
    assert class_of("hackathons") is STALLED
    assert class_of("Innovation Marketing Strategy") is STALLED
    assert class_of("recontact original consultees") is STALLED
    assert class_of("Establish Innovation Board") is DONE
    assert class_of("annual Innovation Showcase") is DONE
    assert class_of("Intellectual Property") is NOT_STARTED


@pytest.mark.parametrize(
    ("status", "rag", "status_class", "evidence", "flagged"),
    [
        ("", None, StatusClass.UNKNOWN, "", False),
        ("   ", None, StatusClass.UNKNOWN, "", False),
        ("Spoke to Bob.", None, StatusClass.UNKNOWN, "", False),
        ("Now established and meeting quarterly.", None, DONE, "Now established", False),
        ("TBC - scoping work needed.", None, NOT_STARTED, "TBC", False),
        # RAG: Red overrides anything but done
        ("Programmes underway.", "Red", STALLED, "RAG: Red", False),
        ("TBC - scoping work needed.", "Red", STALLED, "RAG: Red", False),
        ("", "Red", STALLED, "RAG: Red", False),
        ("Event held & successful.", "Red", DONE, "held & successful", False),
        # Amber never overrides the text; it flags
        ("Programmes underway.", "Amber", ON_TRACK, "underway", True),
        ("", "Amber", ON_TRACK, "RAG: Amber", True),
        ("Rolling out but somewhat stalled.", "Amber", STALLED, "stalled", True),
        # Green decides only when the text does not
        ("", "Green", ON_TRACK, "RAG: Green", False),
        ("Hackathons stalled.", "Green", STALLED, "stalled", False),
        ("TBC", "Green", NOT_STARTED, "TBC", False),
    ],
)
def test_status_and_rag_combined(
    status: str,
    rag: str | None,
    status_class: StatusClass,
    evidence: str,
    flagged: bool,
) -> None:
    verdict = classify_status(status, rag)
    assert (verdict.status_class, verdict.evidence_phrase, verdict.flagged) == (
        status_class,
        evidence,
        flagged,
    )


@pytest.mark.parametrize(
    ("status", "status_class"),
    [
        ("Manual mapping being done via shared google docs.", ON_TRACK),  # not "done"
        ("All done and signed off.", DONE),
        ("Working group established with partners.", ON_TRACK),  # a means, not the end
        ("Aiming to complete by March (late but still aiming to complete)", STALLED),
        ("Completed in January.", DONE),
        ("LCC IT provision which maybe provide capacity", StatusClass.UNKNOWN),
    ],
)
def test_phrases_that_look_alike(status: str, status_class: StatusClass) -> None:
    assert classify_status(status).status_class is status_class


def test_rule_table_is_readable() -> None:
    assert all(rule.explanation and rule.pattern.pattern for rule in STATUS_RULES)
    assert {rule.status_class for rule in STATUS_RULES} == {DONE, ON_TRACK, STALLED, NOT_STARTED}


@pytest.mark.parametrize(
    ("typed", "status_class"),
    [
        ("stalled", STALLED),
        ("At Risk", STALLED),
        ("stalled / at risk", STALLED),
        ("done", DONE),
        ("on track", ON_TRACK),
        ("on_track", ON_TRACK),
        ("not started", NOT_STARTED),
        ("scoping", NOT_STARTED),
        ("unknown", StatusClass.UNKNOWN),
        ("stallled", STALLED),
    ],
)
def test_status_words_a_user_may_type(typed: str, status_class: StatusClass) -> None:
    assert resolve_status(typed) is status_class


def test_unknown_status_word_lists_the_classes() -> None:
    with pytest.raises(NoMatchError) as caught:
        resolve_status("purple")
    assert "No status matches 'purple'" in str(caught.value)
    assert "stalled / at risk" in caught.value.suggestions
