"""Answers from the structure ingest stores: a table cell by row label x column header, and the
one table of status words questions use."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from assistant.answering.table_cells import cell_answer, column_answer
from assistant.answering.table_rows import row_answer
from assistant.retrieval.hybrid import Candidate, RetrievalResult
from assistant.retrieval.intent import read_intent
from ingest.status import STATUS_ASKS, StatusLabel, asked_statuses, in_state
from ingest.types import Chunk

HEADER = "Budget line\t2025–26\t2026–27\tTotal"
TABLE = "\n".join(
    [
        HEADER,
        "Healthy Ageing theme\t420\t460\t2,380",
        "Vale Futures Fellowships\t900\t1,150\t5,800",
        "Total\t5,005\t5,905\t31,685",
    ]
)


def _evidence(
    question: str,
    text: str = TABLE,
    header: str = HEADER,
    section: str = "5 Investment and budget",
    title: str = "Research Plan",
) -> RetrievalResult:
    chunk = Chunk(
        id="plan.pdf#3", text=text, source="plan.pdf", title=title,
        section=section, kind="plan", line_start=1, line_end=4,
        block_kinds="table_row", structure=json.dumps({"table_header": [header]}),
    )  # fmt: skip
    return RetrievalResult(question, read_intent(question), np.zeros(3), [Candidate(chunk)], {})


@pytest.mark.parametrize(
    ("question", "label", "cells"),
    [
        ("How much is budgeted for Vale Futures Fellowships in 2026-27?",
         "Vale Futures Fellowships", (("2026–27", "1,150"),)),
        ("What is the total budget for 2025/26?", "Total", (("2025–26", "5,005"),)),
        # a year written short is the column's year
        ("How much is budgeted for Vale Futures Fellowships in 26/27?",
         "Vale Futures Fellowships", (("2026–27", "1,150"),)),
        ("What is the Healthy Ageing theme's budget line?", "Healthy Ageing theme",
         (("2025–26", "420"), ("2026–27", "460"), ("Total", "2,380"))),
        # a whole row asked for: "total" names the table's column only when a cell is asked
        ("Give me the whole row for the Healthy Ageing theme, total included",
         "Healthy Ageing theme",
         (("2025–26", "420"), ("2026–27", "460"), ("Total", "2,380"))),
        # "add up to" asks for the Total row
        ("What does the budget add up to in 2025/26?", "Total", (("2025–26", "5,005"),)),
        # a figure asked of the whole table, no other row named: its Total row
        ("What is the research plan's budget for 2026-27?", "Total", (("2026–27", "5,905"),)),
    ],
)  # fmt: skip
def test_a_cell_by_the_row_and_column_the_question_names(
    question: str, label: str, cells: tuple[tuple[str, str], ...]
) -> None:
    answer = cell_answer(question, _evidence(question))
    assert answer is not None
    assert (answer.label, answer.cells) == (label, cells)


def test_one_row_among_them_is_not_the_whole() -> None:
    question = "Which budget line costs the most in 2026-27?"
    answer = cell_answer(question, _evidence(question))
    assert answer is None or answer.label != "Total"


@pytest.mark.parametrize(
    "question",
    [
        "Who leads the Healthy Ageing theme?",  # asks more than a budget table says
        "What income target does the Healthy Ageing theme have for 2025-26?",
        "How much is budgeted for Vale Futures Fellowships in 2031-32?",  # no such column
        "How much is budgeted for the Digital Societies theme in 2026-27?",  # no such row
    ],
)
def test_questions_a_table_does_not_answer(question: str) -> None:
    assert cell_answer(question, _evidence(question)) is None


TARGETS = "\n".join(
    ["Our 2030 targets are set against a 2024 baseline.",
     "Goal\tMeasure\t2024 baseline\t2030 target",
     "3. Resilient communities\tFlood storage created\t4,500 m³\t30,000 m³",
     "3. Resilient communities\tLeaky dams installed\t60\t400"]
)  # fmt: skip
FUNDING = "\n".join(
    ["Table 2: Secured funding by funder",
     "Funder\tProgramme\t2025/26 £\t2026/27 £",
     "Heritage Rivers Fund\tRiver Restoration\t245,000\t260,000",
     "Total\t\t964,500\t989,000"]
)  # fmt: skip
ACTIVITIES = "\n".join(
    ["Activity\tVolunteers 2024\tHours 2024\tStaff lead",
     "Balsam Bash and habitat work parties\t212\t5,400\tLucy Obi",
     "Leaky dam building\t64\t2,350\tRavi Chauhan"]
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "text", "header", "cells"),
    [
        # the year that names the table ("the 2030 targets table") names no column
        ("In the 2030 targets table, what's the baseline and the target for flood storage?",
         TARGETS, "Goal\tMeasure\t2024 baseline\t2030 target",
         (("2024 baseline", "4,500 m³"), ("2030 target", "30,000 m³"))),
        # the caption holds what the header does not ("secured")
        ("How much secured money is the Heritage Rivers Fund giving us for 2026/27?",
         FUNDING, "Funder\tProgramme\t2025/26 £\t2026/27 £", (("2026/27 £", "260,000"),)),
        ("What does the funding table give as the total secured funding for 2026/27?",
         FUNDING, "Funder\tProgramme\t2025/26 £\t2026/27 £", (("2026/27 £", "989,000"),)),
        # "who leads them" adds the column naming who is in charge
        ("How many volunteers and hours did the Balsam Bash and habitat work parties account "
         "for in 2024, and who leads them?", ACTIVITIES,
         "Activity\tVolunteers 2024\tHours 2024\tStaff lead",
         (("Volunteers 2024", "212"), ("Hours 2024", "5,400"), ("Staff lead", "Lucy Obi"))),
    ],
)  # fmt: skip
def test_columns_named_by_words_beside_a_year_a_caption_or_a_role(
    question: str, text: str, header: str, cells: tuple[tuple[str, str], ...]
) -> None:
    answer = cell_answer(question, _evidence(question, text, header, "Funding and targets"))
    assert answer is not None
    assert answer.cells == cells


def test_a_one_word_row_is_not_read_for_a_subject_the_table_does_not_name() -> None:
    question = "What is the total cost of the Leveraging Relationships workstream?"
    text = "Workstream\tResource\tCost\n1. Events and Missions\t1 FTE\t£130,000\nTotal\t2\t£150,000"
    assert (
        cell_answer(question, _evidence(question, text, "Workstream\tResource\tCost", "Summary"))
        is None
    )


SUMMARY = "\n".join(
    [
        "Workstream\tResource\tCost\tOutcomes",
        "1. Mapping partners\t0.25 FTE\t£20,000\tMap activities and gaps",
        "2. Events and visits\t0.5 FTE\t£30,000\tWell attended events",
        "Total\t0.75\t£50,000\t",
    ]
)


@pytest.mark.parametrize(
    ("question", "cells"),
    [
        # a year of the plan's own title is not a year the row must hold
        ("What's the total cost of the workstreams in the Harbour Plan 2022-2025?",
         (("Cost", "£50,000"),)),
        # the plan's years written short
        ("What's the total cost of the workstreams in the Harbour Plan 22-25?",
         (("Cost", "£50,000"),)),
        # the Resource column's figures all carry "FTE": "the total FTE" names it, and the
        # Total row's bare figure is given in it
        ("What is the total cost of the workstreams, and the total FTE?",
         (("Resource", "0.75 FTE"), ("Cost", "£50,000"))),
    ],
)  # fmt: skip
def test_a_total_row_by_the_plan_title_year_and_a_column_by_its_unit(
    question: str, cells: tuple[tuple[str, str], ...]
) -> None:
    header = "Workstream\tResource\tCost\tOutcomes"
    evidence = _evidence(question, SUMMARY, header, "Summary", "Harbour Plan 2022-2025")
    answer = cell_answer(question, evidence)
    assert answer is not None and answer.label == "Total"
    assert answer.cells == cells


def test_a_year_the_table_and_its_title_do_not_hold_still_rules_a_row_out() -> None:
    question = "What's the total cost of the workstreams in 2026-2027?"
    assert cell_answer(question, _evidence(question, SUMMARY, SUMMARY.split("\n")[0])) is None


AIMS_GRID_HEADER = "Strategic aim\tShort term (2025–26)\tMedium term (2027–28)"
AIMS_GRID = "\n".join(
    [AIMS_GRID_HEADER, "Aim 1: Education\tCharter in force\tNew VLE live",
     "Aim 2: Research with impact\tThemes launched\tKestrel Centre open"]
)  # fmt: skip


def test_a_label_named_by_one_side_of_its_colon() -> None:
    header, text = AIMS_GRID_HEADER, AIMS_GRID
    question = "What is the medium term priority for Aim 2?"
    answer = cell_answer(question, _evidence(question, text, header, "4 Priorities grid"))
    assert answer is not None
    assert answer.cells == (("Medium term (2027–28)", "Kestrel Centre open"),)


@pytest.mark.parametrize(
    ("ask", "example"), [(ask, example) for ask in STATUS_ASKS for example in ask.examples]
)
def test_every_status_question_example_selects_its_row(ask: object, example: str) -> None:
    assert ask in asked_statuses(example)


@pytest.mark.parametrize(
    "question",
    ["Who holds the budget?", "What is the plan's vision?", "Who leads aim 2?",
     "How big is the capital programme behind the strategy?",
     "What are the main risks to getting this year's delivery plan done?",
     "wat does Priya have to get done by 8 May?", "What needs to be done by June?"],
)  # fmt: skip
def test_questions_that_ask_for_no_state(question: str) -> None:
    assert asked_statuses(question) == []


def test_a_row_not_started_is_not_started_whatever_its_rating() -> None:
    unstarted = asked_statuses("Which actions haven't been started yet?")
    assert in_state(StatusLabel.NOT_STARTED.value, "stalled / at risk", unstarted)  # rated Red
    on_track = asked_statuses("What is on track?")
    assert not in_state(StatusLabel.IN_PROGRESS.value, "stalled / at risk", on_track)


def test_specific_words_select_labels_and_general_words_classes() -> None:
    on_hold = asked_statuses("What's on hold?")
    assert in_state(StatusLabel.ON_HOLD.value, "stalled / at risk", on_hold)
    assert not in_state(StatusLabel.DELAYED.value, "stalled / at risk", on_hold)
    stalled = asked_statuses("What is stalled?")
    assert in_state(StatusLabel.DELAYED.value, "stalled / at risk", stalled)
    both = asked_statuses("Which tasks are delayed or blocked?")
    assert in_state("blocked", "stalled / at risk", both) and in_state("delayed", "x", both)


def test_who_signed_is_read_from_the_signature_block() -> None:
    from assistant.answering.signatures import signatory

    chunk = Chunk(
        id="plan.docx#2", text="Professor Miriam Ashcombe Vice-Chancellor", source="plan.docx",
        title="Plan", section="Foreword", kind="plan", line_start=9, line_end=10,
        block_kinds="paragraph,signature",
        structure=json.dumps({"name": ["Professor Miriam Ashcombe"], "role": ["Vice-Chancellor"]}),
    )  # fmt: skip
    asked = "Who signed off the foreword, and what is their job title?"
    evidence = RetrievalResult(asked, read_intent(asked), np.zeros(3), [Candidate(chunk)], {})
    found = signatory(asked, evidence)
    assert found is not None and (found.name, found.role) == (
        "Professor Miriam Ashcombe",
        "Vice-Chancellor",
    )
    for other in (
        "Who leads the research theme?",
        "What budget did the trustees sign off for 2026/27?",  # what was agreed, not who signed
        "Who runs the course, given the low sign-up?",  # a sign-up is no signature
    ):
        assert signatory(other, replace(evidence, question=other)) is None
    # a follow-up's borrowed answer ("… because of low sign-up") asks nothing of its own
    borrowed = "The course was cancelled because of low sign-up."
    follow_up = f"How is the training going? {borrowed} who's bringing a recovery plan?"
    pointed = replace(evidence, question=follow_up, from_answer=borrowed)
    assert signatory(follow_up, pointed) is None
    for asked in ("Whose signature is on the foreword?", "The foreword is signed by?"):
        assert signatory(asked, replace(evidence, question=asked)) is not None
    # the signature block is not retrieved: the foreword of the retrieved document has it
    prose = replace(chunk, id="plan.docx#1", text="It is a year since the board began.",
                    block_kinds="paragraph", structure="")  # fmt: skip
    asked = "Who wrote the foreword?"
    only_prose = RetrievalResult(asked, read_intent(asked), np.zeros(3), [Candidate(prose)], {})
    assert signatory(asked, only_prose) is None
    found = signatory(asked, only_prose, lambda source: [prose, chunk])
    assert found is not None and found.name == "Professor Miriam Ashcombe"
    asked = "Who wrote the glossary?"  # no signature in the section it names
    assert signatory(asked, replace(only_prose, question=asked), lambda s: [prose, chunk]) is None


HUB_TABLE = "\n".join(
    [HEADER, "Harbourside Enterprise Hub (net)\t350\t420\t1,210", "Contingency\t150\t150\t750"]
)


@pytest.mark.parametrize(
    ("question", "cells"),
    [
        ("Can you give me the year-by-year figures for the Enterprise Hub line?",
         (("2025–26", "350"), ("2026–27", "420"), ("Total", "1,210"))),
        ("What is the Enterprise Hub's total?", (("Total", "1,210"),)),
    ],
)  # fmt: skip
def test_a_label_named_in_part_without_its_qualifier(
    question: str, cells: tuple[tuple[str, str], ...]
) -> None:
    """Two of the label's three words outside brackets, and form words ("year-by-year
    figures", "line") are not asked of the table."""
    answer = cell_answer(question, _evidence(question, HUB_TABLE))
    assert answer is not None
    assert (answer.label, answer.cells) == ("Harbourside Enterprise Hub (net)", cells)


@pytest.mark.parametrize(
    "question",
    [
        "Why are the Enterprise Hub figures shown net?",
        "What do we mean by the Enterprise Hub?",
        "What is the Hub?",  # one word of three is not the row's name
    ],
)
def test_a_row_that_names_the_term_is_not_its_meaning(question: str) -> None:
    assert cell_answer(question, _evidence(question, HUB_TABLE)) is None


@pytest.mark.parametrize(
    ("question", "meaning"),
    [
        ("What do we mean by an 'active volunteer'?", True),
        ("Why are the Hub's figures shown net?", True),
        ("What does CRIS stand for?", True),
        ("What counts as a misconnection?", True),
        ("How much is the Hub's budget in 2026-27?", False),
        ("Who leads the Healthy Ageing theme?", False),
    ],
)
def test_questions_that_ask_for_a_meaning_or_a_reason(question: str, meaning: bool) -> None:
    assert read_intent(question).asks_meaning is meaning


def _led_choice(text: str, said: str) -> tuple[object, object]:
    from assistant.answering.support import SentenceChoice

    chunk = Chunk(
        id="plan.md#7", text=text, source="plan.md", title="Volunteer Plan",
        section="3. What people told us", kind="plan", line_start=1, line_end=5,
        block_kinds="paragraph,list",
    )  # fmt: skip
    return SentenceChoice(said, Candidate(chunk), 0.7, 0.7, 0.7), lambda source, section: [chunk]


def test_a_sentence_that_only_leads_in_is_answered_with_its_list() -> None:
    from assistant.answering.support import list_led_by

    text = (
        "The survey gave us a clear picture of what would help more people get involved:\n"
        "- Shorter, more flexible sessions.\n- Activities close to home.\n- Help with travel costs."
    )
    choice, chunks = _led_choice(text, text.split("\n")[0])
    led = list_led_by(choice, chunks)  # type: ignore[arg-type]
    assert led is not None
    assert led.items == [
        "Shorter, more flexible sessions.", "Activities close to home.", "Help with travel costs."
    ]  # fmt: skip


def test_a_sentence_that_says_something_itself_keeps_its_place() -> None:
    from assistant.answering.support import list_led_by

    text = "We had 410 active volunteers in March.\nOur aims:\n- Grow.\n- Broaden.\n- Keep."
    choice, chunks = _led_choice(text, "We had 410 active volunteers in March.")
    assert list_led_by(choice, chunks) is None  # type: ignore[arg-type]


SCHEDULE = "\n".join(
    ["Table 1: Delivery schedule 2025/26",
     "Programme\tProject\tLead\tStart\tFinish",
     "Natural Flood Management\tUpper Orlow leaky dams (80 dams)\tRavi Chauhan\tSep 2025\tMar 2026",
     "Natural Flood Management\tMarshes wetland – design\tRavi Chauhan\tOct 2025\tMar 2026"]
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "text", "header", "label", "cells"),
    [
        # a dash spaced between words separates them: "wetland – design" names the row
        ("When is the Marshes wetland design scheduled to start and finish?",
         SCHEDULE, "Programme\tProject\tLead\tStart\tFinish",
         "Marshes wetland – design", (("Start", "Oct 2025"), ("Finish", "Mar 2026"))),
        # a part that names no column ("…, and what's it for?") is answered by the whole row
        ("How much is the Heritage Rivers Fund giving us in 2026/27, and what's it for?",
         FUNDING, "Funder\tProgramme\t2025/26 £\t2026/27 £", "Heritage Rivers Fund",
         (("Programme", "River Restoration"), ("2025/26 £", "245,000"),
          ("2026/27 £", "260,000"))),
    ],
)  # fmt: skip
def test_a_row_named_across_a_dash_and_a_part_no_column_answers(
    question: str, text: str, header: str, label: str, cells: tuple[tuple[str, str], ...]
) -> None:
    answer = cell_answer(question, _evidence(question, text, header, "Schedule and funding"))
    assert answer is not None
    assert (answer.label, answer.cells) == (label, cells)


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("How many groups by the end of the plan?", 3),
        ("What is the target in the second year?", 2),
        ("What is the target?", None),
    ],
)
def test_a_period_placed_among_year_columns(question: str, place: int | None) -> None:
    """ "Year 1 / Year 2 / Year 3" are dated columns; "the end of the plan" is the last."""
    from assistant.answering.base import placed_period

    assert placed_period(question, ["Priority", "Year 1", "Year 2", "Year 3"]) == place


GRID = "\n".join(
    ["The grid shows each year of the plan. Year 1 is 2025/26, Year 2 is 2026/27 and Year 3 "
     "is 2027/28.",
     "Priority\tYear 1\tYear 2\tYear 3",
     "Grow the volunteer base\t600 active volunteers\t850 active volunteers\t1,000 volunteers",
     "Volunteer leadership\t20 trained team leaders\t35 team leaders\t50 team leaders",
     "Young people\tPilot club\t3 clubs\t6 clubs and a Youth Panel"]
)  # fmt: skip


def test_a_year_column_named_whole_when_the_caption_names_every_year() -> None:
    """The caption writes "Year 3" too, so the question's "3" is not its own: a column named
    whole is still the one asked, not every "Year n" column."""
    question = "In the priorities grid, what is the Year 3 target for volunteer leadership?"
    answer = cell_answer(question, _evidence(question, GRID, "Priority\tYear 1\tYear 2\tYear 3"))
    assert answer is not None
    assert answer.label == "Volunteer leadership"
    assert answer.cells == (("Year 3", "50 team leaders"),)


def test_every_row_the_question_names_with_the_column_asked() -> None:
    question = (
        "In the priorities grid, what are the Year 2 targets for volunteer leadership "
        "and for young people?"
    )
    answer = cell_answer(question, _evidence(question, GRID, "Priority\tYear 1\tYear 2\tYear 3"))
    assert answer is not None
    rows = [(row.label, row.cells) for row in (answer, *answer.more)]
    assert sorted(rows) == [
        ("Volunteer leadership", (("Year 2", "35 team leaders"),)),
        ("Young people", (("Year 2", "3 clubs"),)),
    ]
    one = "In the priorities grid, what is the Year 2 target for young people?"
    assert cell_answer(one, _evidence(one, GRID, "Priority\tYear 1\tYear 2\tYear 3")).more == ()  # type: ignore[union-attr]


def test_a_cell_is_dated_by_its_column_not_by_its_row() -> None:
    """ "NSS satisfaction of 85%" sits under "Long term (2029–30)": it does not answer "the
    score in 2025-26", though the row's first cell is under "Short term (2025–26)"."""
    from assistant.answering.support import SentenceChoice, cell_under_header, year_gap

    header = "Aim\tShort term (2025–26)\tLong term (2029–30)"
    text = f"{header}\nAim 3: Students\tHardship fund of £1.2m\tNSS satisfaction of 85%"
    chunk = _evidence("", text, header).candidates[0].chunk
    cell = SentenceChoice("NSS satisfaction of 85%", Candidate(chunk), 0.0, 0.0, 0.0)
    assert cell_under_header(cell) == "Long term (2029–30): NSS satisfaction of 85%"
    assert year_gap("What was the NSS score in 2025-26?", cell_under_header(cell), [])
    assert not year_gap("What NSS score do we aim for by 2029-30?", cell_under_header(cell), [])
    prose = SentenceChoice(
        "We will grow.", Candidate(replace(chunk, text="We will grow.")), 0, 0, 0
    )
    assert cell_under_header(prose) == ""


def test_a_value_from_another_document_than_the_names_is_no_answer() -> None:
    """ "What's the total budget for the Research Plan?": the plan's sentence naming it and
    another plan's "Total cost £20,000" do not answer together; one plan saying both does."""
    from assistant.answering.extractive import _split_across_documents
    from assistant.answering.support import SentenceChoice

    def choice(text: str, source: str, title: str) -> SentenceChoice:
        chunk = Chunk(
            id=f"{source}#1", text=text, source=source, title=title, section="Resources",
            kind="plan", line_start=1, line_end=1,
        )  # fmt: skip
        return SentenceChoice(text, Candidate(chunk), 0.0, 0.0, 0.0)

    question = "What's the total budget for the Research Plan?"
    evidence = _evidence(question)
    named = choice("The Research Plan is underpinned by partnership working.", "r.txt", "Research")
    other = choice("Total cost of workstream £20,000", "a.txt", "Action Plan")
    assert "different documents" in _split_across_documents(evidence, [named, other])
    costed = choice("The Research Plan will cost £2m in total.", "r.txt", "Research")
    assert _split_across_documents(evidence, [costed, other]) == ""
    assert _split_across_documents(evidence, [named, costed]) == ""


@pytest.mark.parametrize(
    ("lines", "parts"),
    [
        (["Kevin Lavery", "Chief Executive", "Lancashire and South Cumbria Integrated Care Board"],
         ("Kevin Lavery", "Chief Executive, Lancashire and South Cumbria Integrated Care Board")),
        (["Professor Miriam Ashcombe", "Vice-Chancellor"],
         ("Professor Miriam Ashcombe", "Vice-Chancellor")),
        (["Margaret Ellison", "Tom Whitcombe"], None),  # two people, no role
    ],
)  # fmt: skip
def test_a_post_capitalised_like_a_name_is_a_signature_role(
    lines: list[str], parts: tuple[str, str] | None
) -> None:
    from ingest.document_model import signature_parts

    assert signature_parts(lines) == parts


def test_a_year_in_the_title_does_not_stand_for_year_columns() -> None:
    """A table dated by its columns ("Hours 2024") answers for those years only, whatever
    year its document's title spans."""
    header = "Activity\tVolunteers 2024\tHours 2024"
    text = f"{header}\nRiverfly monitoring\t58\t2,900\nTree planting\t120\t1,400"
    question = "How many hours did Riverfly monitoring volunteers give in 2025?"
    evidence = _evidence(question, text, header, "Volunteering", "Volunteer plan 2025-2028")
    assert cell_answer(question, evidence) is None
    asked_2024 = question.replace("2025", "2024")
    answer = cell_answer(asked_2024, _evidence(asked_2024, text, header, "Volunteering"))
    assert answer is not None and ("Hours 2024", "2,900") in answer.cells


PLAN_GRID_HEADER = "Priority\tYear 1\tYear 2\tYear 3"
PLAN_GRID = "\n".join(
    [
        PLAN_GRID_HEADER,
        "Grow the volunteer base\t600 active volunteers\t850 active volunteers\t1,000",
        "Volunteer leadership\t20 trained team leaders\t35 team leaders\t50 team leaders",
        "River Guardians\t5 groups\t12 groups\t",
    ]
)


def test_a_column_asked_whole_is_every_row_s_cell_under_it() -> None:
    """ "What are the Year 2 targets in the volunteer plan?" names a column and no row: the
    answer is the column, each cell with its row (an empty cell left out)."""
    question = "what are the year 2 targets in the volunteer plan?"
    evidence = _evidence(
        question, PLAN_GRID, PLAN_GRID_HEADER, "4. Our priorities", "Volunteer Plan"
    )
    answer = column_answer(question, evidence)
    assert answer is not None and answer.label == "Year 2"
    assert answer.cells == (
        ("Grow the volunteer base", "850 active volunteers"),
        ("Volunteer leadership", "35 team leaders"),
        ("River Guardians", "12 groups"),
    )
    # a row named is a cell, not the column; one value asked is no list
    for other in (
        "what are the year 2 targets for volunteer leadership and river guardians?",
        "what is the year 2 target in the volunteer plan?",
        "what are the year 2 targets in the fundraising strategy?",  # not this table's words
        "which of the year 2 targets is the biggest?",  # one row among them
    ):
        grid = _evidence(other, PLAN_GRID, PLAN_GRID_HEADER, "4. Our priorities", "Volunteer Plan")
        assert column_answer(other, grid) is None, other


def test_a_budget_broken_down_line_by_line_is_its_column_with_the_total() -> None:
    question = "can u break down the 25/26 volunteer budget line by line incl the total"
    budget = "\n".join(
        ["Item\t2025/26 £", "Coordination staff\t68,000", "Expenses\t9,000", "Total\t77,000"]
    )
    evidence = _evidence(question, budget, "Item\t2025/26 £", "7. Budget", "Volunteer Plan")
    answer = column_answer(question, evidence)
    assert answer is not None and answer.label == "2025/26 £"
    assert answer.cells == (
        ("Coordination staff", "68,000"),
        ("Expenses", "9,000"),
        ("Total", "77,000"),
    )


def test_a_total_of_all_the_rows_is_one_figure_not_the_column() -> None:
    question = "across the two items, whats the total 25/26 volunteer budget?"
    budget = "\n".join(
        ["Item\t2025/26 £", "Coordination staff\t68,000", "Expenses\t9,000", "Total\t77,000"]
    )
    evidence = _evidence(question, budget, "Item\t2025/26 £", "7. Budget", "Volunteer Plan")
    assert column_answer(question, evidence) is None
    answer = cell_answer(question, evidence)
    assert answer is not None and (answer.label, answer.cells) == (
        "Total",
        (("2025/26 £", "77,000"),),
    )


def test_a_numbered_row_in_another_chunk_is_named_not_the_column() -> None:
    """ "the medium term priorities for Aim 4" names a row of a grid whose rows are "Aim 1: …",
    "Aim 2: …", though the chunk retrieved holds only the first rows: no column answer."""
    header, text = AIMS_GRID_HEADER, AIMS_GRID
    question = "What are the medium term priorities for Aim 4 in the priorities grid?"
    assert column_answer(question, _evidence(question, text, header, "4 Priorities grid")) is None
    whole = "What are the medium term priorities in the priorities grid?"
    answer = column_answer(whole, _evidence(whole, text, header, "4 Priorities grid"))
    assert answer is not None and len(answer.cells) == 2


def test_a_superlative_is_never_the_total_row() -> None:
    """ "… the total budget, and what's the biggest line in it?": the biggest line is a row
    among the others; the Total is the other part's."""
    question = "what's the total budget for 2025-26 and what's the biggest line in it?"
    assert cell_answer(question, _evidence(question)) is None  # the rows route's, then
    biggest = row_answer(question, _evidence(question))
    assert biggest is not None and biggest.rows[0][0] == "Vale Futures Fellowships"
    alone = "what's the total budget for 2025-26?"
    total = cell_answer(alone, _evidence(alone))
    assert total is not None and total.label == "Total"


WORKSTREAM = "\n".join(
    ["Resourcing\tValue", "Number of FTE required\t0.5", "Total Cost of Workstream\t£30,000"]
)


@pytest.mark.parametrize(
    ("question", "label"),
    [
        # all the rows together: the Summary's Total, not one workstream's own total
        ("What does the whole plan cost across all the workstreams added together?", "Total"),
        ("what's the total cost of the two workstreams?", "Total"),
    ],
)
def test_a_figure_of_all_rows_together_is_the_table_total(question: str, label: str) -> None:
    workstream = Chunk(
        id="plan.txt#5", text=WORKSTREAM, source="plan.txt", title="Harbour Plan",
        section="Workstream 2 - Events", kind="plan", line_start=1, line_end=3,
        block_kinds="table_row", structure=json.dumps({"table_header": ["Resourcing\tValue"]}),
    )  # fmt: skip
    summary = _evidence(question, SUMMARY, SUMMARY.split("\n")[0], "Summary", "Harbour Plan")
    evidence = replace(summary, candidates=[Candidate(workstream), *summary.candidates])
    answer = cell_answer(question, evidence)
    assert answer is not None and answer.label == label


@pytest.mark.parametrize(
    "question",
    [
        "what are the year 2 targets for river guardian groups and team leaders?",
        "what are the year 2 targets for active volunteers and for trained team leaders?",
    ],
)
def test_rows_named_by_their_cells_are_shown_by_their_labels(question: str) -> None:
    """ "… team leaders" names the row "Volunteer leadership" by its cells ("20 trained team
    leaders", "35 team leaders"): both rows asked are answered, each by its own label."""
    evidence = _evidence(
        question, PLAN_GRID, PLAN_GRID_HEADER, "4. Our priorities", "Volunteer Plan"
    )
    answer = cell_answer(question, evidence)
    assert answer is not None
    rows = {(row.label, row.cells) for row in (answer, *answer.more)}
    assert ("Volunteer leadership", (("Year 2", "35 team leaders"),)) in rows
    assert len(rows) == 2


@pytest.mark.parametrize(
    "question",
    [
        "when does the tracker expect the boiler replacement to be finished?",
        "When is the survey due to be completed?",
        "What does Priya have to get done by 8 May?",
    ],
)
def test_a_date_or_a_to_do_asked_is_no_done_rows(question: str) -> None:
    assert asked_statuses(question) == []


def test_a_glossary_row_answers_what_a_term_means_not_what_else_is_asked() -> None:
    """ "Which services are brought together under one roof in The Hive?" names the term,
    but a glossary says what it is, not which services it holds: no cell."""
    header = "Term\tMeaning"
    text = f"{header}\nThe Hive\tThe single student hub in the Ashdown Building"

    def glossary(question: str) -> RetrievalResult:
        evidence = _evidence(question, text, header, "Glossary", "Student Plan")
        chunk = replace(evidence.candidates[0].chunk, block_kinds="table_row,glossary")
        return replace(evidence, candidates=[Candidate(chunk)])

    asked = "Which services are brought together under one roof in The Hive?"
    assert cell_answer(asked, glossary(asked)) is None
    meaning = "What does The Hive mean?"
    answer = cell_answer(meaning, glossary(meaning))
    assert answer is not None and answer.label == "The Hive"


LEDGER = "\n".join(
    [
        "Workstream\tLead\tBudget 2025–26\tBudget 2026–27",
        "The Hub (fit-out and staffing)\tSam Ade\t£1,450,000\t£1,250,000",
        "Hardship fund\tSam Ade\t£1,200,000\t£1,200,000",
    ]
)


@pytest.mark.parametrize(
    "question",
    [
        # money asked in other words is what a table of sums of money holds
        "How much is set aside for the Hub (fit-out and staffing) in 2026-27?",
        "How much is allocated to the Hub in 2026-27?",
        "How much have we earmarked for the Hub (fit-out and staffing) in 2026-27?",
    ],
)
def test_money_asked_in_other_words_is_read_from_a_money_table(question: str) -> None:
    evidence = _evidence(question, LEDGER, LEDGER.split("\n")[0], "3 Budget", "Student Plan")
    answer = cell_answer(question, evidence)
    assert answer is not None
    assert (answer.label, answer.cells) == (
        "The Hub (fit-out and staffing)",
        (("Budget 2026–27", "£1,250,000"),),
    )


def test_a_clipped_word_names_the_row_it_begins() -> None:
    """ "REF prep" is "REF 2029 preparation"; a bare "300" answers as written."""
    question = "how much is in the research budget for REF prep in 2026/27?"
    text = "\n".join([HEADER, "REF 2029 preparation\t120\t180\t920", "Total\t5,005\t5,905\t31,685"])
    answer = cell_answer(question, _evidence(question, text))
    assert answer is not None and (answer.label, answer.cells) == (
        "REF 2029 preparation",
        (("2026–27", "180"),),
    )


PRIORITIES = "\n".join(
    [
        "Long-term strategic priorities\t\tShort-term 1-3 years\tLong-term 7-10 years",
        "1\tStrengthen our foundations\tA system financial plan.",
        "2\tImprove prevention\tIntegrated provision.\tReduced admissions.",
    ]
)


def test_a_numbering_column_is_never_the_column_asked_and_an_empty_cell_says_so() -> None:
    """The first column numbers the rows, whatever its header says; the row asked leaves the
    long-term cell empty, so the answer is that the table does not give it (not its number,
    not the whole row)."""
    header = PRIORITIES.split("\n")[0]
    question = "What's the long-term goal for strengthening our foundations?"
    answer = cell_answer(question, _evidence(question, PRIORITIES, header, "Priorities", "ICB"))
    assert answer is not None
    assert (answer.label, answer.cells, answer.blank) == (
        "Strengthen our foundations",
        (),
        ("Long-term 7-10 years",),
    )
    other = "What's the long-term goal for improve prevention?"
    found = cell_answer(other, _evidence(other, PRIORITIES, header, "Priorities", "ICB"))
    assert found is not None and found.cells == (("Long-term 7-10 years", "Reduced admissions."),)


@pytest.mark.parametrize(
    ("question", "cells"),
    [
        # "staffing" and "price tag" ask the one column of FTEs and the one of sums of money
        ("Adding up both workstreams, what's the total price tag and staffing?",
         (("Resource", "0.75 FTE"), ("Cost", "£50,000"))),
        ("How much is the events and visits workstream expected to cost, and how much staff "
         "time does it need?", (("Resource", "0.5 FTE"), ("Cost", "£30,000"))),
    ],
)  # fmt: skip
def test_a_column_is_named_by_what_its_figures_measure(
    question: str, cells: tuple[tuple[str, str], ...]
) -> None:
    evidence = _evidence(question, SUMMARY, SUMMARY.split("\n")[0], "Summary", "Harbour Plan")
    answer = cell_answer(question, evidence)
    assert answer is not None and answer.cells == cells


def test_a_number_of_another_part_is_not_the_rows_own_number() -> None:
    """ "year 2" is no match for the row numbered "2." in a table without years."""
    question = "How much of the events and visits workstream budget is allocated to year 2?"
    evidence = _evidence(question, SUMMARY, SUMMARY.split("\n")[0], "Summary", "Harbour Plan")
    assert cell_answer(question, evidence) is None
    named = "What does workstream 2 cost?"
    evidence = _evidence(named, SUMMARY, SUMMARY.split("\n")[0], "Summary", "Harbour Plan")
    answer = cell_answer(named, evidence)
    assert answer is not None and answer.cells == (("Cost", "£30,000"),)


@pytest.mark.parametrize(
    ("question", "cells"),
    [
        # "peak" and "highest" ask the row's greatest figure, never its Total column
        ("In which year does the Vale Futures Fellowships line peak, and at how much?",
         (("2026–27", "1,150"),)),
        ("Which year is the Healthy Ageing theme budget highest?", (("2026–27", "460"),)),
        ("Which year is the Healthy Ageing theme budget lowest?", (("2025–26", "420"),)),
    ],
)  # fmt: skip
def test_a_superlative_of_a_named_row_is_its_extreme_cell(
    question: str, cells: tuple[tuple[str, str], ...]
) -> None:
    answer = cell_answer(question, _evidence(question))
    assert answer is not None and not answer.whole_row and answer.cells == cells


def test_figures_of_a_table_in_thousands_are_given_as_sums() -> None:
    """A section saying "All figures are in £000s" makes the cell "1,150" £1,150,000."""
    question = "How much is budgeted for Vale Futures Fellowships in 2026-27?"
    text = f"All figures are in £000s at 2025–26 prices.\n{TABLE}"
    answer = cell_answer(question, _evidence(question, text))
    assert answer is not None and answer.cells == (("2026–27", "£1,150,000"),)
    plain = cell_answer(question, _evidence(question))  # no note: the cell as written
    assert plain is not None and plain.cells == (("2026–27", "1,150"),)
    people = f"Visitor figures are in thousands.\n{TABLE}"  # thousands of what? not of pounds
    counted = cell_answer(question, _evidence(question, people))
    assert counted is not None and counted.cells == (("2026–27", "1,150"),)


def test_two_columns_named_by_number_though_a_cell_holds_the_number() -> None:
    """ "in year 2 and year 3" names both columns, though the row's cell "3 Rangers clubs"
    holds a 3 too: the 3 of "year 3" belongs to the column."""
    question = "how many rangers clubs are we supposed to have in year 2 and year 3?"
    grid = f"{PLAN_GRID}\nYoung people\tRangers pilot\t3 Rangers clubs\t6 clubs"
    answer = cell_answer(question, _evidence(question, grid, PLAN_GRID_HEADER))
    assert answer is not None
    assert [header for header, _ in answer.cells] == ["Year 2", "Year 3"]


def test_two_years_asked_name_two_columns_the_caption_also_dates() -> None:
    question = "what's the 2030 target for leaky dams installed, and where were we in 2024?"
    answer = cell_answer(question, _evidence(question, TARGETS, TARGETS.split("\n")[1]))
    assert answer is not None
    assert answer.cells == (("2024 baseline", "60"), ("2030 target", "400"))


def test_a_follow_up_s_own_words_name_its_row_before_the_borrowed_ones() -> None:
    """ "… on Heritage Rivers Fund? what's the total?": the Total row, which this turn names,
    not the row the borrowed question names."""
    question = "How much does the Heritage Rivers Fund give in 2025/26? what's the total?"
    answer = cell_answer(question, _evidence(question, FUNDING, FUNDING.split("\n")[1]))
    assert answer is not None and answer.label == "Total"


def test_a_figure_over_the_table_s_years_is_its_row_s_total() -> None:
    """ "over the 2 years" of a budget by year asks the row's Total column."""
    question = "How much does the Healthy Ageing theme get over the 2 years?"
    answer = cell_answer(question, _evidence(question))
    assert answer is not None and answer.cells == (("Total", "2,380"),)
