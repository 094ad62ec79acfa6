"""Broad questions answered from a document's outline: the sub-sections or list items under
the heading that names the part asked for (aims, goals, priorities, risks, values)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answering.outline import SUMMARY_PARTS, _row_parts, asked_parts, outline_answer
from assistant.answering.support import ListAnswer
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from ingest.types import Chunk


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("What are the main risks to the strategic plan?", ("risk",)),
        ("Summarise the main priorities of the Student Experience Plan.", ("priority",)),
        ("What are our values?", ("value",)),
        ("List the themes of the research plan", ("theme",)),
        ("In a nutshell, what is the strategy about?", SUMMARY_PARTS),
        ("What is the research plan about?", SUMMARY_PARTS),
        ("Give me an overview of the delivery plan", SUMMARY_PARTS),
        ("Give me the gist of the strategy - what is it trying to achieve?", SUMMARY_PARTS),
        ("What are the Trust's goals?", ("goal",)),
        ("What are the four research themes?", ("theme",)),  # a count and a qualifier
        ("What are the five strategic aims?", ("aim",)),
        ("can you list our research themes and who leads each one?", ("theme",)),
    ],
)
def test_questions_for_an_outline(question: str, parts: tuple[str, ...]) -> None:
    assert asked_parts(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "What is the risk of flooding in Saltmere?",  # one risk, not the list
        "Who leads the first aim?",
        "How much does the priorities grid budget for 2026-27?",
        "When is the Hive due to open?",
    ],
)
def test_questions_for_no_outline(question: str) -> None:
    assert asked_parts(question) == ()


def _chunk(position: int, section: str, text: str, kinds: str = "paragraph") -> Chunk:
    return Chunk(
        id=f"plan.docx#{position}", text=text, source="plan.docx", title="Plan 2030",
        section=section, kind="plan", line_start=position, line_end=position,
        position=position, block_kinds=kinds,
    )  # fmt: skip


PLAN = [
    _chunk(0, "1. About us", "We are a university."),
    _chunk(1, "2. Strategic aims", "We have three aims."),
    _chunk(2, "2. Strategic aims > Aim 1: Education", "Teaching that changes lives."),
    _chunk(3, "2. Strategic aims > Aim 1: Education > Objectives", "1.1 A new curriculum"),
    _chunk(4, "2. Strategic aims > Aim 2: Research", "Research with impact."),
    _chunk(5, "2. Strategic aims > Aim 3: Net zero", "A net zero campus by 2035."),
    _chunk(6, "3. Governance > 3.1 Principal risks",
           "Recruitment: fewer entrants.\nPay: awards above 3%.", "list"),
    _chunk(7, "3. Governance > 3.2 Goal 1: one goal", "• One item\n• Another item", "list"),
]  # fmt: skip


def _answer(question: str) -> tuple[str, list[str]] | None:
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(PLAN[1])], {}
    )
    found = outline_answer(question, evidence, lambda source: PLAN)
    return (found.lead_in, found.items) if found else None


def test_a_summary_is_the_sub_sections_under_the_aims_heading() -> None:
    """Each aim with one line: its section's first sentence."""
    assert _answer("In a nutshell, what is the plan about?") == (
        "2. Strategic aims",
        ["Aim 1: Education — Teaching that changes lives.", "Aim 2: Research — Research with "
         "impact.", "Aim 3: Net zero — A net zero campus by 2035."],
    )  # fmt: skip


def test_a_named_part_is_the_list_under_its_heading() -> None:
    assert _answer("What are the main risks?") == (
        "3.1 Principal risks",
        ["Recruitment: fewer entrants.", "Pay: awards above 3%."],
    )


def test_a_heading_naming_one_instance_is_not_the_part() -> None:
    """ "Goal 1: …" is one goal: no "goals" heading, so no outline."""
    assert _answer("What are the main goals?") is None


def test_the_gist_of_one_numbered_part_is_its_own_section() -> None:
    """ "What's Goal 1 mainly about?" is that goal's opening and its list, not every goal."""
    assert _answer("What's Goal 1 mainly about?") == (
        "3.2 Goal 1: one goal",
        ["One item", "Another item"],
    )
    assert _answer("What is Aim 3 mainly about?") == (
        "Aim 3: Net zero",
        ["A net zero campus by 2035."],
    )
    assert _answer("What's Goal 4 mainly about?") is None  # no such part: other routes


STRATEGY = [
    _chunk(0, "Executive summary", "Our strategy sets out five aims for the region."),
    _chunk(1, "Increase our relevance",
           "Aim One: Create a vibrant research culture that is underpinned by commitment from\n"
           "employers. Objective One: Raise awareness.\n1 - Share strategy"),
    _chunk(2, "Grow our influence",
           "Aim Two: Provide clarity on research career pathways. Objective Two: Lead well."),
    _chunk(3, "Our vision, mission and goals",
           "• Goal 1: Clean water – cut pollution.\n• Goal 2: Room for rivers – reconnect.\n"
           "• Agree farm plans with 120 farmers.", "list"),
]  # fmt: skip


def _strategy_answer(question: str) -> tuple[str, list[str]] | None:
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(STRATEGY[0])], {}
    )
    found = outline_answer(question, evidence, lambda source: STRATEGY)
    return (found.lead_in, found.items) if found else None


def test_parts_stated_as_labelled_lines_are_the_outline_wherever_they_stand() -> None:
    """No heading names the aims, but each is a labelled line: "Aim One: …", joined across a
    broken line, cut at its first sentence."""
    assert _strategy_answer("Give me the gist of the strategy - what is it trying to achieve?") == (
        "Aims",
        ["Aim One: Create a vibrant research culture that is underpinned by commitment from "
         "employers.", "Aim Two: Provide clarity on research career pathways."],
    )  # fmt: skip


def test_a_list_of_labelled_parts_keeps_only_the_parts() -> None:
    assert _strategy_answer("What are the Trust's goals?") == (
        "Our vision, mission and goals",
        ["Goal 1: Clean water – cut pollution.", "Goal 2: Room for rivers – reconnect."],
    )


GRID = [
    _chunk(0, "1. Why this plan matters", "Volunteers are the heart of the charity."),
    _chunk(1, "4. Our priorities", "The grid shows what we aim to achieve each year."),
    Chunk(
        id="plan.docx#2", source="plan.docx", title="Plan 2030", section="4. Our priorities",
        kind="plan", line_start=2, line_end=4, position=2, block_kinds="table",
        text="Priority\tYear 1\tYear 2\n"
             "Grow the volunteer base\t600 active volunteers\t850 active volunteers\n"
             "Young people\tRangers pilot; one school\t3 clubs",
        structure='{"table_header": ["Priority\\tYear 1\\tYear 2"]}',
    ),
]  # fmt: skip


def test_a_part_set_out_as_a_grid_is_its_rows_each_with_its_values() -> None:
    """ "4. Our priorities" over a table: one item per row (not its header row), each value
    named by its column."""
    evidence = RetrievalResult(
        "q", read_intent("What is the plan mainly trying to achieve?"), np.zeros(3),
        [Candidate(GRID[0])], {},
    )  # fmt: skip
    found = outline_answer("What is the plan mainly trying to achieve?", evidence, lambda s: GRID)
    assert found is not None
    assert (found.lead_in, found.items) == (
        "4. Our priorities",
        [
            "Grow the volunteer base — Year 1: 600 active volunteers · Year 2: 850 active "
            "volunteers",
            "Young people — Year 1: Rangers pilot; one school · Year 2: 3 clubs",
        ],
    )


def _doc_chunk(source: str, position: int, section: str, text: str) -> Chunk:
    return Chunk(
        id=f"{source}#{position}", text=text, source=source, title=source, section=section,
        kind="plan", line_start=position, line_end=position, position=position,
        block_kinds="paragraph",
    )  # fmt: skip


MINUTES = [
    _doc_chunk("minutes.txt", 0, "COMMITTEE", "Minutes of the meeting held on 12 November."),
    _doc_chunk("minutes.txt", 1, "COMMITTEE > 25/31 Progress against the plan",
               "The Committee received the progress report. Counselling waits fell."),
    _doc_chunk("minutes.txt", 2, "COMMITTEE > 25/32 Personal tutoring",
               "The draft tutoring framework was presented."),
]  # fmt: skip
AIMS_PLAN = [
    _doc_chunk("plan.txt", 0, "2. Strategic aims > Aim 1: Education", "Teaching."),
    _doc_chunk("plan.txt", 1, "2. Strategic aims > Aim 2: Research", "Research."),
]
DOCUMENTS = {"minutes.txt": MINUTES, "plan.txt": AIMS_PLAN}


def test_a_summary_of_a_document_without_aims_is_its_sections_not_anothers_aims() -> None:
    question = "What was the 12 November meeting mainly about?"
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3),
        [Candidate(MINUTES[0]), Candidate(AIMS_PLAN[0])], {},
    )  # fmt: skip
    found = outline_answer(question, evidence, DOCUMENTS.__getitem__)
    assert found is not None
    assert found.items == [
        "25/31 Progress against the plan — The Committee received the progress report.",
        "25/32 Personal tutoring — The draft tutoring framework was presented.",
    ]


def test_a_heading_labelling_one_part_does_not_name_the_parts_it_mentions() -> None:
    """ "Workstream 3 - Events and Missions" is one workstream, not the plan's missions."""
    plan = [
        _doc_chunk("liap.txt", 0, "Workstream 3 - Events and Missions > Description", "Events."),
        _doc_chunk("liap.txt", 1, "Workstream 3 - Events and Missions > Outcomes", "Deals."),
    ]
    question = "What are the plan's main missions?"
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(plan[0])], {}
    )
    assert outline_answer(question, evidence, lambda source: plan) is None


def test_a_part_written_as_one_paragraph_each_is_those_paragraphs() -> None:
    """ "Strategic Objectives" over four short paragraphs and no list: each is an objective."""
    plan = [
        _doc_chunk("plan.txt", 0, "Introduction", "It will target four missions."),
        _doc_chunk("plan.txt", 1, "Introduction > Our Strategic Objectives",
                   "Put the county at the forefront of innovation. It leads in cyber.\n\n"
                   "Build a globally competitive county."),
        _doc_chunk("plan.txt", 2, "Introduction > Our Strategic Objectives",
                   "Promote the county's brand abroad."),
    ]  # fmt: skip
    question = "What are the strategic objectives in the plan?"
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(plan[1])], {}
    )
    found = outline_answer(question, evidence, lambda source: plan)
    assert found is not None
    assert (found.lead_in, found.items) == (
        "Our Strategic Objectives",
        [
            "Put the county at the forefront of innovation.",
            "Build a globally competitive county.",
            "Promote the county's brand abroad.",
        ],
    )


LED = [
    _chunk(0, "1 Introduction", "Our research has grown. It has four goals:\n"
           "• focus on four research themes;\n• build a research culture;\n"
           "• double enterprise income;\n• prepare for REF 2029.", "paragraph,list"),
    _chunk(1, "2 Our research themes", "Each theme has a lead."),
    _chunk(2, "2 Our research themes > 2.1 Healthy Ageing", "Led by Professor Osei."),
    _chunk(3, "2 Our research themes > 2.2 Clean Growth", "Led by Professor Tremayne."),
]  # fmt: skip


def test_parts_stated_as_a_list_under_a_lead_in_that_names_them() -> None:
    """ "It has four goals:" and its bullets are the goals when no heading names them; the
    themes are the sub-sections of the themes heading."""
    evidence = RetrievalResult("q", read_intent("q"), np.zeros(3), [Candidate(LED[0])], {})
    goals = outline_answer("What are the plan's goals?", evidence, lambda s: LED)
    assert goals is not None and goals.lead_in == "It has four goals:"
    assert goals.items[-1] == "prepare for REF 2029."
    themes = outline_answer("What are the research themes?", evidence, lambda s: LED)
    assert themes is not None and themes.items == ["2.1 Healthy Ageing", "2.2 Clean Growth"]


def test_each_part_with_the_line_of_its_section_that_answers() -> None:
    """ "Who leads each of the research themes?": every theme, with who leads it."""
    question = "Who leads each of the research themes?"
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(LED[1])], {}
    )
    found = outline_answer(question, evidence, lambda source: LED)
    assert found is not None
    assert found.items == [
        "2.1 Healthy Ageing — Led by Professor Osei.",
        "2.2 Clean Growth — Led by Professor Tremayne.",
    ]


def test_a_summary_is_not_one_section_among_many() -> None:
    """A plan whose only part is its themes: its gist is its sections, themes among them."""
    evidence = RetrievalResult("q", read_intent("q"), np.zeros(3), [Candidate(LED[0])], {})
    more = [
        *LED,
        _chunk(4, "3 Enterprise", "We will double it."),
        _chunk(5, "4 Budget", "The plan costs £31m."),
        _chunk(6, "5 Risks", "Few."),
    ]
    gist = outline_answer("What is the research plan mainly about?", evidence, lambda s: more)
    assert gist is not None and gist.lead_in == "Sections"


def _summary_opening(opening_text: str, question: str) -> tuple[ListAnswer, RetrievalResult]:
    """The summary of PLAN with its first chunk replaced by ``opening_text``."""
    plan = [_chunk(0, "", opening_text), *PLAN[1:]]
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(plan[1])], {}
    )
    found = outline_answer(question, evidence, lambda source: plan)
    assert found is not None
    return found, evidence


def test_a_summary_opens_with_what_the_document_says_it_is_for() -> None:
    question = "What is the plan mainly about?"
    found, evidence = _summary_opening(
        "Owner: Dean of Students\nThis plan turns Aim 3 into a programme of work.", question
    )
    assert [said for said, _ in found.purpose] == [
        "This plan turns Aim 3 into a programme of work."
    ]
    assert found.document == PLAN[0].title  # the summary names its document
    assert found.items[0].startswith("Aim 1: Education")
    # a named part is not a summary: no opening
    plan = [_chunk(0, "", "This plan turns Aim 3 into a programme of work."), *PLAN[1:]]
    named = outline_answer("What are the main risks?", evidence, lambda source: plan)
    assert named is not None and not named.purpose and not named.document
    # a document that never says what it is for opens with its parts alone
    assert _answer("What is the plan mainly about?") is not None
    plain = outline_answer(question, evidence, lambda source: PLAN)
    assert plain is not None and not plain.purpose


def test_a_summary_gives_a_byline_and_the_document_s_own_description() -> None:
    """ "Supporting Goal 4 of the strategy" says what the plan serves; "This three-year plan
    covers …" below it, what it is: both open the summary, in the document's order."""
    found, _ = _summary_opening(
        "Supporting Goal 4 of the strategy.\nVolunteers matter. This three-year plan covers "
        "April 2025 to March 2028.",
        "In a nutshell, what is the plan about?",
    )
    assert [said for said, _ in found.purpose] == [
        "Supporting Goal 4 of the strategy.",
        "This three-year plan covers April 2025 to March 2028.",
    ]


def test_a_summary_opens_with_the_vision_stated_beside_the_parts() -> None:
    """No purpose stated at the start; the section listing the goals opens with the vision."""
    goals = _chunk(
        5, "Our vision and goals",
        "Our vision: clean rivers valued by everyone.\nWe will focus on three goals:\n"
        "- Goal 1: Clean water\n- Goal 2: Room for rivers\n- Goal 3: People", "paragraph,list",
    )  # fmt: skip
    plan = [_chunk(i, f"Part {i}", f"Background {i}.") for i in range(5)] + [goals]
    question = "What is the strategy mainly about?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(goals)], {})
    found = outline_answer(question, evidence, lambda source: plan)
    assert found is not None
    assert [said for said, _ in found.purpose] == ["Our vision: clean rivers valued by everyone."]


def test_a_plan_set_out_as_one_grid_gives_its_parts_from_a_row() -> None:
    """The vision row opens the summary; the priority row is the parts, one per cell. A row
    of a table inside a plan of prose is not (a header row naming columns least of all)."""
    grid = _chunk(
        0, "", "Vision\tBetter lives through research\nPriority\tEmbed R&I\tCareer Pathways\t"
        "Health Creation\nActions\tTrain leaders\tFund posts\tRun pilots", "table_row",
    )  # fmt: skip
    question = "In a nutshell, what is the plan about?"
    evidence = RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(grid)], {})
    found = outline_answer(question, evidence, lambda source: [grid])
    assert found is not None and found.items == ["Embed R&I", "Career Pathways", "Health Creation"]
    assert found.purpose and found.purpose[0][0].startswith("Vision — Better lives")
    # the same row in a plan of prose is one of its tables, not its outline
    assert _row_parts([*PLAN, grid], "priority") is None


REPORT = [
    _chunk(0, "1 Introduction", "This plan sets out how we deliver research with impact."),
    _chunk(1, "1 Introduction", "It has three goals:\n• grow our income;\n• build a research "
           "culture;\n• prepare for the REF.", "paragraph,list"),
    _chunk(2, "2 Our themes", "Each theme has a named lead."),
    _chunk(3, "3 Budget", "We will invest £31.7m of our own resources."),
]  # fmt: skip


def test_a_summary_by_sections_opens_with_the_parts_its_introduction_lists() -> None:
    """A plan with no section of aims is summarised by its sections, opened with the goals
    its introduction lists under a lead-in ("It has three goals:")."""
    question = "What is the plan mainly about?"
    evidence = RetrievalResult(
        question, read_intent(question), np.zeros(3), [Candidate(REPORT[0])], {}
    )
    found = outline_answer(question, evidence, lambda source: REPORT)
    assert found is not None and found.lead_in == "Sections"
    assert [said for said, _ in found.purpose] == [
        "It has three goals: grow our income; build a research culture; prepare for the REF."
    ]
    assert found.items[1] == "2 Our themes — Each theme has a named lead."
