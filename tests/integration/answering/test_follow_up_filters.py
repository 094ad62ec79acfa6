"""A follow-up's row filters come from what the user asked, not from the last answer: an
answer that said "rated red … led by Ravi" does not turn "has its deadline been changed?"
into a list of red rows or of Ravi's rows."""

from __future__ import annotations

import pytest

from assistant.schemas import HistoryTurn
from assistant.service import Assistant
from tests.conftest import corpus_assistant

pytestmark = pytest.mark.integration

TRACKER = """Ref,Action,Owner,Status,RAG,Due
18,Community flood plan – Fellside,Ravi Chauhan,Slipped,Red,2025-12-31
19,Agree storm overflow data-sharing protocol,Tom Whitcombe,Slipped,Red,2025-12-31
20,Plant hedges on the upper Orlow farms,Ravi Chauhan,On track,Green,2026-03-31
21,Recruit a second catchment officer,Priya Nandakumar,Complete,Green,2025-09-30
"""
MINUTES = """Board minutes, 23 April 2026

5. Delivery tracker
The Board reviewed the actions rated red.
DECISION: The Fellside community flood plan (action 18) deadline is moved to 30 September 2026.
"""


assistant = corpus_assistant(
    "assistant",
    {"trackers/delivery-tracker.csv": TRACKER, "board/board-minutes-2026-04-23.txt": MINUTES},
)


HISTORY = [
    HistoryTurn(role="user", content="What's happening with the Fellside community flood plan?"),
    HistoryTurn(
        role="assistant",
        content="It has slipped and is rated red on the tracker; it is led by Ravi Chauhan.",
    ),
]


def test_words_of_the_last_answer_do_not_filter_the_rows(assistant: Assistant) -> None:
    answer = assistant.ask("has its deadline been changed?", HISTORY)
    assert "rated Red" not in answer.answer, answer.answer
    assert "The action log names" not in answer.answer, answer.answer
    assert "storm overflow" not in answer.answer and "hedges" not in answer.answer
    assert "30 September 2026" in answer.answer, answer.answer


def test_a_filter_the_user_asks_for_still_applies(assistant: Assistant) -> None:
    answer = assistant.ask("and which other actions are rated red?", HISTORY)
    assert answer.answer.startswith("2 actions in the log are rated Red"), answer.answer


PLAN = """# Research Plan 2025-2030

## 2. Research themes

### 2.1 Healthy Ageing
Led by Professor Ada Quill (School of Health). Research on frailty and care at home.
Target: £8m of annual income by 2029-30.

### 2.2 Clean Growth
Led by Professor Rhian Marsh (School of Engineering). Research on hydrogen and storage.
Target: £12m of annual income by 2029-30, the largest of the themes.
"""
RESEARCH_TRACKER = """Ref,Action,Owner,Status
2.2,Grow annual research income to £40m by 2029-30,P. Lind,On track
2.3,Recruit twenty early-career research fellows,F. MacLeod,On track
"""


research = corpus_assistant(
    "research",
    {"plans/research-plan-2025-2030.md": PLAN, "trackers/research-actions.csv": RESEARCH_TRACKER},
)


def test_who_leads_it_after_an_answer_naming_a_part_is_the_parts_lead(research: Assistant) -> None:
    """ "It" is the theme the last answer named: its section says who leads it; the action
    row about research income is not the theme."""
    history = [
        HistoryTurn(role="user", content="Which research theme has the biggest income target?"),
        HistoryTurn(role="assistant", content="Clean Growth, with a target of £12m a year."),
    ]
    answer = research.ask("Who leads it?", history)
    assert "Rhian Marsh" in answer.answer, answer.answer
    assert "Lind" not in answer.answer and "Ada Quill" not in answer.answer
