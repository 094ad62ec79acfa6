"""Extraction-noise rules: what each removes, what it keeps, and that line numbers survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cleaning import (
    clean_lines,
    clean_text,
    is_image_description,
    strip_dot_leaders,
    strip_html_lists,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ACTION_PLAN = CORPUS / "plans/lancashire-innovation-action-plan-2022-2025.txt"
PEOPLE_PLAN = CORPUS / "plans/lsc-working-with-people-and-communities-2023-2026.txt"


def test_html_list_fragment_becomes_inline_bullets() -> None:
    line = '<ul style="list-style-type: none"><li>Review links</li><li>Map alumni</li></ul>'
    assert strip_html_lists(line).strip() == "• Review links • Map alumni"


def test_html_list_in_a_table_row_keeps_the_row_on_one_line() -> None:
    row = 'Desired Outcomes\t<ul style="list-style-type: disc"><li>A map</li><li>A review</li></ul>'
    (cleaned,) = clean_lines(row)
    assert cleaned.split("\t") == ["Desired Outcomes", " • A map • A review"]
    assert "<" not in cleaned


def test_text_that_only_looks_like_markup_is_kept() -> None:
    assert strip_html_lists("Costs < £5m and outputs > 3 <target>") == (
        "Costs < £5m and outputs > 3 <target>"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Introduction ........ 3", "Introduction 3"),
        ("Foreword . . . . . 1", "Foreword 1"),
        (".....", ""),
        ("·····", ""),
        ("  … … …  ", ""),
        ("Wait... what comes next", "Wait... what comes next"),
        ("Version 1.2.3 of the plan", "Version 1.2.3 of the plan"),
    ],
)
def test_dot_leaders(line: str, expected: str) -> None:
    assert strip_dot_leaders(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "A vertical stack of approximately 25 colored pencils in various colors including green",
        "A red speech bubble with a white background and a red border, containing the text "
        "'YOUR OPINION MATTERS'.",
        "An illustration of three people positioned around a table",
        "The logo of the NHS shows blue letters on a white background",
    ],
)
def test_image_descriptions_are_recognised(line: str) -> None:
    assert is_image_description(line)


@pytest.mark.parametrize(
    "line",
    [
        "A collaborative approach between stakeholders is key to driving innovation",
        "The image of Lancashire abroad will improve through missions.",  # no describing verb
        "The data shows a rise in research activity",  # a verb but no picture noun
        "An ambitious programme of work",
    ],
)
def test_ordinary_sentences_are_not_image_descriptions(line: str) -> None:
    assert not is_image_description(line)


def test_clean_lines_returns_one_line_per_input_line() -> None:
    text = (
        "Title\r\nA red speech bubble positioned above the title\r\n\r\n\r\n\r\nBody ..... 4\rEnd"
    )
    assert clean_lines(text) == ["Title", "", "", "", "", "Body 4", "End"]


def test_clean_text_collapses_blank_line_runs() -> None:
    text = "\n\nFirst paragraph\n\n\n\n\nSecond paragraph\n\n\n"
    assert clean_text(text) == "First paragraph\n\nSecond paragraph"


@pytest.mark.parametrize("path", [ACTION_PLAN, PEOPLE_PLAN], ids=lambda p: p.name)
def test_real_corpus_line_count_is_preserved_and_noise_removed(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_lines(raw)
    assert len(cleaned) == len(raw.split("\n"))
    joined = "\n".join(cleaned)
    assert "<ul" not in joined and "<li" not in joined
    assert "....." not in joined
    assert "colored pencils" not in joined and "speech bubble" not in joined


def test_real_html_fragment_line_keeps_its_bullets() -> None:
    lines = ACTION_PLAN.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("<ul style="))
    cleaned = clean_lines(lines[index])[0]
    assert cleaned.lstrip().startswith("• Review all international collaborations")
    assert cleaned.count("•") == lines[index].count("•")
