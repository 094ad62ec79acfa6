"""A question naming a section of a plan as one of its parts is answered from that section."""

from __future__ import annotations

import pytest

from assistant.answering.sections import heading_named, names_a_part


@pytest.mark.parametrize(
    ("question", "heading", "name"),
    [
        ("Who heads up the Healthy Ageing research theme?", "2.1 Healthy Ageing",
         "Healthy Ageing"),
        ("Summarise what we're doing on Room for rivers.", "2.2 Goal 2: Room for rivers",
         "Room for rivers"),
        ("What does Goal 5 commit us to?", "Goal 5: A sustainable Trust", "goal 5"),
        ("And what about goal three?", "2.3 Goal 3: Resilient communities", "goal three"),
        ("What does Goal 4 commit us to?", "Goal 5: A sustainable Trust", ""),
        ("What is the budget?", "5 Investment and budget", ""),  # one word is a topic
        # without what it adds in brackets, and a hyphenated word as its parts
        ("Which are the short-term markets?", "SHORT TERM (YEAR 1)", "SHORT TERM"),
        ("Which are the year one markets?", "SHORT TERM (YEAR 1)", ""),
    ],
)  # fmt: skip
def test_a_heading_named_by_its_words_or_its_number(question: str, heading: str, name: str) -> None:
    assert heading_named(question, heading) == name


@pytest.mark.parametrize(
    ("question", "name", "part"),
    [
        ("what does the Clean Growth research theme work on?", "Clean Growth", True),
        ("Under the clean water goal, what are we committing to?", "clean water", True),
        ("What does Goal 5 commit us to?", "goal 5", True),
        ("Which strategies are cyber security assets and priorities mapped against?",
         "Cyber security", False),
    ],
)  # fmt: skip
def test_named_as_a_part_of_the_plan_or_only_as_a_topic(
    question: str, name: str, part: bool
) -> None:
    assert names_a_part(question, name) is part
