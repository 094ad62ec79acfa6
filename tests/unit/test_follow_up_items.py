"""Follow-ups that point into the last answer's list ("the second one") or swap its numbered
part ("and goal 3?") are made standalone from the items and numbers themselves."""

from __future__ import annotations

import pytest

from assistant.answering.support import this_turn
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
        # numbered with a dash: the numbers are not the items
        ("Two: 1 - Development of workforce, and 2 - Knowing our workforce.",
         ["Development of workforce", "Knowing our workforce"]),
        ("2 actions in the log read as on hold:\n\n- **Appoint contractor** — owner: Ann [1]\n"
         "- **Publish the pack** — owner: Bo [2]", ["Appoint contractor", "Publish the pack"]),
        # a lead-in without its colon is not the first item
        ("The four themes are Healthy Ageing, Clean Growth, Digital Societies and Creative "
         "Communities.",
         ["Healthy Ageing", "Clean Growth", "Digital Societies", "Creative Communities"]),
        # a lead-in ended by a dash; notes in brackets belong to their item
        ("Two are red - 4.4, cutting the estate (not started, due 2027), and 4.7, a £6m bid "
         "(delayed, awaiting the decision).",
         ["4.4 cutting the estate", "4.7 a £6m bid"]),
        ("The plan is due in March.", []),
        # a clause describing one thing is no second item
        ("Saltmere Youth Hub, which works with around 300 young people a year.", []),
        # numbered in a sentence: "1." ends no sentence, and the numbers are not the items
        ("The four workstreams are: 1. Leveraging Relationships, 2. Define the Offer, "
         "3. Events and Missions, and 4. Lead Generation.",
         ["Leveraging Relationships", "Define the Offer", "Events and Missions",
          "Lead Generation"]),
        # sentences that each open with an item's reference
        ("Two actions are red. 2.4, hiring two coaches (J. Doe), is delayed. KP-12, opening "
         "the depot (Estates), has not started.",
         ["2.4 hiring two coaches", "KP-12 opening the depot"]),
        # references with their notes in brackets are one item each
        ("Three have no owner: OD-05 (landlord enforcement), BC-06 (agree the 2026/27 grant) "
         "and KB-05 (ford access).", ["OD-05", "BC-06", "KB-05"]),
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
        # no list to point into: "the second one" is the last question's thing, second
        (_history("Who is our first community partner under the youth plan?",
                  "Harbour Youth Hub, which works with 300 young people a year."),
         "and have we found the second one yet?",
         "and have we found the second community partner yet?"),
        # "the following year" is the year after the last question's, asked of what the last
        # answer named (not of the last question, whose year it replaces)
        (_history("Which funder gives us the most in 2025/26?",
                  "The Harbour Fund, with £310,000 for Clean Water."),
         "And how much is secured from them for the following year?",
         "Harbour Fund, Clean Water: And how much is secured from them in 2026/27?"),
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


AT_RISK = _history(
    "Which actions on the tracker are rated at risk?",
    "Three are at risk: the open data dashboard, the 80 leaky dams, and training 40 teachers.",
)
HEAT_PUMP = _history(
    "What is the status of the Ashdown Building heat pump installation?",
    "It is in progress, due 30/09/2026.",
)


@pytest.mark.parametrize(
    ("history", "question", "standalone"),
    [
        # an item pointed at by a word of it
        (AT_RISK, "What's gone wrong with the teacher one?",
         "What's gone wrong with training 40 teachers?"),
        (AT_RISK, "and the dams one?", "and the 80 leaky dams?"),
        # a new subject named as one of a kind takes the old one's place
        (HEAT_PUMP, "and the Mercer Building one?",
         "What is the status of the Mercer Building heat pump installation?"),
    ],
)  # fmt: skip
def test_a_follow_up_naming_its_item_or_subject(
    history: list[HistoryTurn], question: str, standalone: str
) -> None:
    assert standalone_question(question, history) == standalone


@pytest.mark.parametrize("question", ["and who owns it?", "and its deadline?", "and when?"])
def test_a_follow_up_asking_its_own_question_is_no_new_subject(question: str) -> None:
    """ "and who owns it?" once replaced the heat pump in the last question, giving "What is
    the status of the who owns it heat pump installation?"."""
    standalone = standalone_question(question, HEAT_PUMP)
    assert "Ashdown Building heat pump" in standalone
    assert standalone.endswith(question)


def test_which_ones_leans_on_the_last_turn() -> None:
    history = _history("How many River Guardian groups were we to set up?", "Five, action 25.")
    assert "River Guardian" in standalone_question("which ones are up and running?", history)


def test_a_word_that_names_no_single_item_points_at_nothing() -> None:
    history = _history("Which are at risk?", "Two: training 40 teachers and teacher packs.")
    assert "teacher one" in standalone_question("What about the teacher one?", history)


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("how many have actually been set up, and where?", True),  # no topic of its own
        ("and how many are active at the moment?", True),
        ("How many River Guardian groups were set up?", False),
        ("What is the total budget for the plan?", False),
    ],
)
def test_a_question_with_no_topic_of_its_own_points_back(question: str, leans: bool) -> None:
    from assistant.history import points_back

    assert points_back(question) is leans


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("when did we actually send the application in?", True),  # the application named last
        ("how much were we asking for, and when do we hear?", True),
        ("ok and how many have been appointed so far?", True),  # "ok" before "and"
        ("What is the total budget for the plan?", True),  # the plan talked about
        ("What is the total budget for the volunteer plan?", False),  # three topic words
        ("when did we send the Mill Race application?", False),  # a name of its own
        ("what was agreed in 2025?", False),  # a year of its own
    ],
)
def test_a_question_naming_little_and_no_name_follows_up(question: str, leans: bool) -> None:
    from assistant.history import is_follow_up

    assert is_follow_up(question) is leans


def test_a_count_left_unsaid_keeps_the_last_question_topic() -> None:
    history = _history(
        "Who's running the schools river visits this year?",
        "Hannah Price leads the schools programme, with a target of 28 schools.",
    )
    standalone = standalone_question("how many has she got through so far?", history)
    assert "schools river visits" in standalone


def test_the_gist_of_an_answer_reads_past_initials() -> None:
    history = _history(
        "Who's leading the KTP growth action?",
        "F. MacLeod leads action 5.3, growing active KTPs from 6 to 15. It is rated amber.",
    )
    standalone = standalone_question("how many are active at the moment?", history)
    assert "action 5.3" in standalone
    assert "rated amber" not in standalone


def test_the_follow_up_stays_its_own_sentence_after_a_question_without_a_mark() -> None:
    history = _history("hows the teacher training target looking", "It will be missed.")
    standalone = standalone_question("so who's bringing a recovery plan?", history)
    assert this_turn(standalone) == "so who's bringing a recovery plan?"


@pytest.mark.parametrize("padding", range(6))
def test_the_borrowed_answer_is_in_the_standalone_question_however_it_is_cut(
    padding: int,
) -> None:
    """A long answer's gist is cut at a length: wherever the cut falls (on a space, too), the
    words borrowed are the words the standalone question holds, so the answer knows them."""
    from assistant.history import borrowed_parts

    answer = (
        "The team ran a" + " very" * padding + " detailed engagement project for the new "
        "hospitals to address gaps in previous engagement identified by the review panel and "
        "its advisers, including targeted engagement with 8 groups."
    )
    history = _history("What engagement was done for the new hospitals?", answer)
    borrowed, from_answer = borrowed_parts("which groups are named?", history)
    assert from_answer and borrowed in standalone_question("which groups are named?", history)
