"""Follow-ups that point into the last answer's list ("the second one") or swap its numbered
part ("and goal 3?") are made standalone from the items and numbers themselves."""

from __future__ import annotations

import pytest

from assistant.history import listed_items, standalone_question
from assistant.schemas import HistoryTurn


def _history(question: str, answer: str) -> list[HistoryTurn]:
    return [
        HistoryTurn(role="user", content=question),
        HistoryTurn(role="assistant", content=answer),
    ]


@pytest.mark.parametrize(
    ("answer", "items"),
    [
        ("The five goals are: Clean water; Room for rivers; and A sustainable Trust.",
         ["Clean water", "Room for rivers", "A sustainable Trust"]),
        ("Healthy Ageing, Clean Growth, Digital Societies and Creative Communities.",
         ["Healthy Ageing", "Clean Growth", "Digital Societies", "Creative Communities"]),
        ("Two: 1 - Development of workforce, and 2 - Knowing our workforce.",
         ["1 - Development of workforce", "2 - Knowing our workforce"]),
        ("2 actions in the log read as on hold:\n\n- **Appoint contractor** — owner: Ann [1]\n"
         "- **Publish the pack** — owner: Bo [2]", ["Appoint contractor", "Publish the pack"]),
        ("The plan is due in March.", []),
    ],
)  # fmt: skip
def test_the_items_an_answer_listed(answer: str, items: list[str]) -> None:
    assert listed_items(answer) == items


@pytest.mark.parametrize(
    ("history", "question", "standalone"),
    [
        (_history("Which actions are on hold?",
                  "Three are on hold: appointing the contractor, publishing the curriculum "
                  "pack, and moving the field depot."),
         "Why is the second one held up?", "Why is publishing the curriculum pack held up?"),
        (_history("What are the goals?", "Three: Clean water, Room for rivers and People."),
         "Who leads the last one?", "Who leads People?"),
        (_history("What are the goals?", "Three: Clean water, Room for rivers and People."),
         "Who leads the third goal?", "Who leads People?"),
        (_history("What are we committing to under Goal 2 this year?", "Hollin Weir design."),
         "And what about goal 3?", "What are we committing to under goal 3 this year?"),
    ],
)  # fmt: skip
def test_a_follow_up_resolved_to_the_item_or_part_it_points_at(
    history: list[HistoryTurn], question: str, standalone: str
) -> None:
    assert standalone_question(question, history) == standalone


def test_a_period_is_not_an_item() -> None:
    history = _history("What are the priorities for the first year?", "Three: A, B and C.")
    assert "in A" not in standalone_question("What is the budget in the first year?", history)


def test_an_ordinal_beyond_the_list_points_at_nothing() -> None:
    history = _history("What are the goals?", "Two: Clean water and People.")
    assert "Clean water" in standalone_question("Who leads the fifth one?", history)
