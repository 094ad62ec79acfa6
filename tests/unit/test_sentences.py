"""Sentence splitting for plan text: what counts as a boundary and what does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.loaders import discover_files, load_file
from ingest.pipeline import prepare
from ingest.sentences import carried_subject, in_context, row_context, split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We met Dr. Smith at St. Helens on Monday. It went well for everyone.",
            ["We met Dr. Smith at St. Helens on Monday.", "It went well for everyone."],
        ),
        (
            "Use schemes e.g. KTPs and i.e. grants. Then we review the programme.",
            ["Use schemes e.g. KTPs and i.e. grants.", "Then we review the programme."],
        ),
        (
            "The budget is £5m this year. £2m goes to fellowships.",
            ["The budget is £5m this year.", "£2m goes to fellowships."],
        ),
        (
            "Costs rose 3.5% in 2023. Staff numbers grew as well.",
            ["Costs rose 3.5% in 2023.", "Staff numbers grew as well."],
        ),
        (
            "He said “We will deliver it.” Then the board agreed the plan.",
            ["He said “We will deliver it.”", "Then the board agreed the plan."],
        ),
        (
            "What comes next for the region? We decide together! Then we act; People follow.",
            [
                "What comes next for the region?",
                "We decide together!",
                "Then we act;",
                "People follow.",
            ],
        ),
    ],
)
def test_prose_boundaries_and_abbreviations(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_a_bracketed_note_belongs_to_the_sentence_before_it() -> None:
    text = (
        "The Secretary will update the tracker before the meeting on 18 November 2025. "
        "(Owner: L. Pickering; no later than 17 November.) The next item was the budget."
    )
    assert split_sentences(text) == [
        "The Secretary will update the tracker before the meeting on 18 November 2025. "
        "(Owner: L. Pickering; no later than 17 November.)",
        "The next item was the budget.",
    ]


def test_lowercase_after_a_full_stop_is_not_a_new_sentence() -> None:
    assert split_sentences("Identify all priorities.. map assets against policy.") == [
        "Identify all priorities.. map assets against policy."
    ]


def test_bullets_inline_and_at_line_start_are_boundaries() -> None:
    assert split_sentences("Our aims • Grow the research culture • Fund ten new posts") == [
        "Our aims",
        "Grow the research culture",
        "Fund ten new posts",
    ]
    assert split_sentences("- First bullet item here\n- Second bullet item here") == [
        "First bullet item here",
        "Second bullet item here",
    ]


def test_table_cells_are_boundaries() -> None:
    assert split_sentences("Ease of implementation\tWill need resource to help mapping") == [
        "Ease of implementation",
        "Will need resource to help mapping",
    ]


def test_inline_numbered_list_keeps_each_number_with_its_item() -> None:
    assert split_sentences(
        "This work will involve: 1. Build a target list of firms. 2. Contact each firm in turn."
    ) == [
        "This work will involve:",
        "1. Build a target list of firms.",
        "2. Contact each firm in turn.",
    ]
    assert split_sentences("1. Build links with partners 2. Define the offer for investors") == [
        "Build links with partners",
        "2. Define the offer for investors",
    ]


def test_a_single_number_before_a_full_stop_is_not_a_list() -> None:
    assert split_sentences("Details are in section 4. The plan names an owner for each.") == [
        "Details are in section 4.",
        "The plan names an owner for each.",
    ]


def test_a_number_in_its_own_cell_joins_the_next_cell() -> None:
    assert split_sentences("3\tIntegrate and strengthen primary care\tStronger care") == [
        "3 Integrate and strengthen primary care",
        "Stronger care",
    ]


def test_short_fragments_join_the_previous_sentence() -> None:
    assert split_sentences("The plan was agreed by the board. Ok. Yes.") == [
        "The plan was agreed by the board. Ok. Yes."
    ]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t \n") == []


def test_real_corpus_has_no_sentence_that_is_only_an_item_number() -> None:
    """Lone "2." sentences used to be stored and embedded on their own, cut off from their item."""
    sentences = []
    for path in discover_files([CORPUS]):
        prepared = prepare(load_file(path, CORPUS), 900, 120)
        sentences.extend(text for _, _, text in prepared.sentences)
    assert len(sentences) > 500
    assert not [s for s in sentences if re.fullmatch(r"\(?\d{1,2}[.)]?", s)]
    assert not [s for s in sentences if not s.strip()]


def test_outline_numbered_items_in_one_cell_are_separate_sentences() -> None:
    cell = "Outputs\t 1.1 Training for all staff 1.2 R&I in job descriptions 2.3 Matron toolkit"
    assert split_sentences(cell) == [
        "Outputs",
        "1.1 Training for all staff",
        "1.2 R&I in job descriptions",
        "2.3 Matron toolkit",
    ]


def test_a_decimal_number_in_prose_is_not_an_outline_item() -> None:
    text = "Spend grew 2.5 times in 2023 and 1.5 times in 2024 across the region."
    assert split_sentences(text) == [text]


def test_a_row_label_stays_with_its_own_row() -> None:
    """ "Aug 23" used to be glued to the end of the previous row's last sentence."""
    rows = "Jul 23\tSign off the strategy. Agree a reference group\nAug 23\tWorkshop with places"
    assert split_sentences(rows) == [
        "Jul 23 Sign off the strategy.",
        "Agree a reference group",
        "Aug 23 Workshop with places",
    ]


def test_a_period_label_also_stays_with_its_row() -> None:
    rows = (
        "Jul – Sep 23\tCompletion of listening events in each place\n"
        "Oct 23 – Mar 24\tDevelopment of lived experience networks\n"
        "This row opens with a whole sentence.\tA second cell of its own"
    )
    assert split_sentences(rows) == [
        "Jul – Sep 23 Completion of listening events in each place",
        "Oct 23 – Mar 24 Development of lived experience networks",
        "This row opens with a whole sentence.",
        "A second cell of its own",
    ]


def test_semicolons_between_short_items_stay_in_one_sentence() -> None:
    listed = (
        "We have four faculties — Engineering and Computing; Health and Life Sciences; "
        "Business, Law and Society; and Arts — with fourteen schools."
    )
    assert split_sentences(listed) == [listed]
    clauses = (
        "Waiting times have improved but remain far above our target; "
        "Students told us they want more support in the evenings."
    )
    assert len(split_sentences(clauses)) == 2


@pytest.mark.parametrize(
    ("before", "sentence", "subject"),
    [
        # the head of a name the sentence before wrote, bare or after a pointing word
        ("We appoint 20 Vale Futures Fellows.", "Fellows receive £25,000.", "Vale Futures Fellows"),
        ("The Proof-of-Concept Fund opens.", "The fund made 11 awards.", "Proof-of-Concept Fund"),
        # a pronoun goes on about the first name before it
        ("We will open the Hive in the Ashdown Building.", "It will open 8am to 8pm.", "Hive"),
        # non-examples: another subject, a name the sentence itself opens with, nothing before
        ("We will appoint 20 Vale Futures Fellows.", "Technicians are central to research.", ""),
        ("Fellows are appointed for five years.", "They convert to lectureships.", ""),
        ("", "It will open 8am to 8pm.", ""),
    ],
)  # fmt: skip
def test_a_sentence_carries_the_subject_it_goes_on_about(
    before: str, sentence: str, subject: str
) -> None:
    assert carried_subject(before, sentence) == subject


def test_a_cell_is_read_with_the_rest_of_its_row() -> None:
    table = (
        "Role\tName\tResponsibilities\nCommunications Officer\tEllie Turner\tWebsite and campaigns."
    )
    assert row_context("Website and campaigns.", table) == "Communications Officer Ellie Turner"
    assert row_context("Website and campaigns.", "Website and campaigns.") == ""  # prose


def test_sentences_are_embedded_with_the_subject_they_go_on_about() -> None:
    texts = in_context(["We will appoint 20 Vale Futures Fellows.", "Fellows receive £25,000."])
    assert texts == [
        "We will appoint 20 Vale Futures Fellows.",
        "Vale Futures Fellows: Fellows receive £25,000.",
    ]
