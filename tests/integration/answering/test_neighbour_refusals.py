"""Unanswerable questions whose nearest evidence is a neighbour of what they ask: another
building's contract, another community's plan, a decision still pending, the rows an office
owns for who heads it. The documents do not say, and the answer says so."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from tests.conftest import corpus_assistant

pytestmark = pytest.mark.integration

TRACKER = "\n".join(
    [
        "Ref,Action,Owner,Status,Update,Due",
        "NZ-01,Heat pump installation – Ashdown Building,G. Moss,In progress,"
        "Contract awarded to Harbour Thermal Ltd; £2.9m,30/09/2026",
        "NZ-02,Heat pump installation – Mercer Building,G. Moss,Not started,"
        "Design stage only,31/12/2026",
        "IN-04,Develop two new overseas teaching partnerships,K. Lee / Harbour Office,"
        "On hold,Pending restructure,TBC",
        "PA-07,Renew the water company partnership from April 2027,T. Wade,On track,"
        "Proposal submitted 28 Feb; decision at the water company's board in June.,30/06/2026",
        "FL-03,Include natural flood work in the Local Flood Strategy refresh,T. Wade,"
        "In progress,,31/10/2026",
    ]
)
MINUTES = """Board minutes, 23 April 2026

DECISION: The Eastwick community flood plan (action 18) deadline is moved to 30 September 2026.
"""


assistant = corpus_assistant(
    "assistant", {"trackers/delivery.csv": TRACKER, "board/minutes-2026-04-23.txt": MINUTES}
)


@pytest.mark.parametrize(
    ("question", "never", "refused"),
    [
        # a later part asks of what the whole names: the Mercer Building's contract (its own
        # row, "design stage only", may be shown; the Ashdown Building's winner may not)
        ("What's the contract value for the Mercer Building heat pump install, and who won "
         "the contract?", "Harbour Thermal", False),
        ("What's the deadline for the Northcliff community flood plan?", "30 September", True),
        ("Did the water company say yes to renewing the partnership in the end?", "On track",
         True),
        ("Who's the head of the Harbour Office?", "K. Lee", True),
        # the partner's own deed, not ours on its strategy
        ("When is the County Council going to publish its refreshed Local Flood Strategy?",
         "31/10/2026", True),
    ],
)  # fmt: skip
def test_a_neighbour_of_what_is_asked_does_not_answer(
    assistant: Assistant, question: str, never: str, refused: bool
) -> None:
    answer = assistant.ask(question)
    assert answer.abstained or not refused, answer.answer
    assert never not in answer.answer.split("closest row")[0], answer.answer


def test_what_is_asked_of_the_one_named_still_answers(assistant: Assistant) -> None:
    answer = assistant.ask("What's the new deadline for the Eastwick community flood plan?")
    assert "30 September 2026" in answer.answer, answer.answer
    won = assistant.ask("Who won the contract for the Ashdown Building heat pumps?")
    assert "Harbour Thermal" in won.answer, won.answer
    ours = assistant.ask("When is our work on the Local Flood Strategy refresh due?")
    assert "31/10/2026" in ours.answer, ours.answer
