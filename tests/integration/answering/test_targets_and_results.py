"""A question asks for a target ("what are we aiming for?") or for a result ("how much has it
actually gone up?"); sentences, headings and table columns say which they give. A result asked
of a target alone is refused; a target asked beside a figure gets the target too."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from tests.conftest import corpus_assistant

pytestmark = pytest.mark.integration

PLAN = """# Museums Plan 2025-2028

## Our ambition

- A 25% increase in income from the schools programme, reinvested in free places.
- Every museum rated accessible by an independent audit.

## Progress in 2024/25

- The Harbour Museum welcomed 182,000 visitors, up 9% on the year before. The ambition is to
  reach 240,000 visitors a year with a new family gallery.
- Weekend opening hours were extended at all three museums.

## Our people

We will recruit 20 gallery guides by January 2026³.

³ A gallery guide is a paid part-time post that leads tours and school visits.

## Measures

| Measure | 2024 baseline | 2028 target |
| --- | --- | --- |
| School visits a year | 140 | 300 |
| Volunteers | 85 | 150 |
"""


TRACKER = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "1,Open the learning centre,Ann Cole,In progress,Due to open 1 March,2026-03-31",
        "2,Recruit 20 gallery guides,Sam Reid,In progress,11 appointed so far,2026-01-31",
    ]
)


museums = corpus_assistant(
    "museums", {"plans/museums-plan.md": PLAN, "delivery/tracker.csv": TRACKER}
)


def test_a_result_asked_of_a_target_alone_is_refused(museums: Assistant) -> None:
    answer = museums.ask("By how much has schools programme income actually gone up?")
    assert answer.abstained, answer.answer
    # asked as a target, the same line answers
    target = museums.ask("What increase in schools programme income is the plan aiming for?")
    assert "25%" in target.answer, target.answer


def test_a_result_asked_of_a_target_column_is_refused(museums: Assistant) -> None:
    answer = museums.ask(
        "Did we hit the school visits target? How many visits did we actually get?"
    )
    assert answer.abstained, answer.answer


def test_a_figure_and_its_target_asked_together_get_both(museums: Assistant) -> None:
    answer = museums.ask(
        "How many visitors did the Harbour Museum have, and what size is it aiming for?"
    )
    assert "182,000" in answer.answer and "240,000" in answer.answer, answer.answer
    cells = museums.ask(
        "What was the 2024 baseline for school visits a year, and what are we aiming for by 2028?"
    )
    assert "140" in cells.answer and "300" in cells.answer, cells.answer


def test_a_result_is_read_from_the_tracker_row_not_the_plan_or_its_footnote(
    museums: Assistant,
) -> None:
    # the plan commits to 20 and its footnote says what a guide is: neither says how many so far
    answer = museums.ask("How many gallery guides have actually been appointed so far?")
    assert "11" in answer.answer and not answer.abstained, answer.answer
    # a row's update that only says when something is due to happen is no result either
    opened = museums.ask("What date did the learning centre actually open?")
    assert opened.abstained or "doesn't say" in opened.answer, opened.answer
