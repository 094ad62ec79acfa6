"""What a sentence claims (a target or a result), and what a question asks for."""

from __future__ import annotations

import pytest

from assistant.answering.claims import (
    HEADING_MARKERS,
    SENTENCE_MARKERS,
    ClaimMarker,
    claim,
    only_targets,
)
from assistant.retrieval.intent import read_intent


def _cases(examples: bool) -> list[tuple[ClaimMarker, str]]:
    return [
        (marker, text)
        for marker in (*SENTENCE_MARKERS, *HEADING_MARKERS)
        for text in (marker.examples if examples else marker.non_examples)
    ]


@pytest.mark.parametrize(("marker", "text"), _cases(examples=True))
def test_claim_markers_match_their_examples(marker: ClaimMarker, text: str) -> None:
    assert marker.pattern.search(text)


@pytest.mark.parametrize(("marker", "text"), _cases(examples=False))
def test_claim_markers_skip_their_non_examples(marker: ClaimMarker, text: str) -> None:
    assert not marker.pattern.search(text)


@pytest.mark.parametrize(
    ("text", "section", "kind"),
    [
        # the sentence's own wording decides, whatever its heading says
        ("The aim is to grow the choir to 60 singers.", "Choir > What we did in 2024", "target"),
        ("Attendance rose to 4,200 visitors.", "Our ambitions", "result"),
        # a sentence that says neither takes its heading's kind
        ("A choir of 38 regular singers.", "Choir > Progress this season", "result"),
        ("Zero waste to landfill across all sites.", "Targets for 2030", "target"),
        ("A choir of 38 regular singers.", "Choir", None),
        # saying both is saying neither
        ("We have planted 4,000 trees and will plant 6,000 more by 2028.", "", None),
    ],
)
def test_a_sentence_claims_by_its_wording_then_its_heading(
    text: str, section: str, kind: str | None
) -> None:
    assert claim(text, section) == kind


@pytest.mark.parametrize(
    ("lines", "planned"),
    [
        ([("Work with the council to trace and fix 250 misconnected drains.", "")], True),
        ([("2.5 Submit to REF 2029 with at least 45% of outputs rated 4* or 3*.", "")], True),
        ([("Action: NZ-4 Install 1.8 MWp of rooftop solar", "")], True),
        ([("We will open the hub in September.", "")], True),
        ([("A 30% rise in visitor numbers across the three museums.", "Our ambition")], True),
        ([("64 misconnected drains fixed to date.", "")], False),
        ([("Fix 60 misconnected drains.", ""), ("So far 64 have been fixed.", "")], False),
        ([("A 30% rise in visitor numbers.", "Museums > Progress in 2024/25")], False),
        ([], False),
    ],
)
def test_lines_that_only_say_what_is_planned(lines: list[tuple[str, str]], planned: bool) -> None:
    assert only_targets(claim(text, section) for text, section in lines) is planned


@pytest.mark.parametrize(
    ("question", "result", "target"),
    [
        ("By how much have visitor numbers actually gone up since the plan began?", True, False),
        ("did we meet the recycling target last year?", True, False),
        ("How many members does the choir have, and what size is it aiming for?", False, True),
        ("What's the target for visitor numbers in 2030?", False, True),
        ("What does the museum plan actually want to do with schools?", False, False),
        ("Which audiences does the plan target?", False, False),
    ],
)
def test_a_question_asks_a_result_or_a_target(question: str, result: bool, target: bool) -> None:
    intent = read_intent(question)
    assert (intent.asks_result, intent.asks_target) == (result, target)
