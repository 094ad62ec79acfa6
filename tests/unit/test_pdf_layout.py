"""Reading a PDF page by layout: running lines, two columns, tables rebuilt, plain-digit
footnotes — on lines shaped as pypdf's layout mode writes them."""

from __future__ import annotations

from ingest.pdf_layout import drop_running_lines, mark_footnotes, reading_order, rebuild_tables

LEFT = [
    "The River Brindle rises on Hollin Moss at 460",
    "metres and flows 58 km to its estuary at the",
    "sea. With its two main tributaries it drains a",
    "catchment of 684 square kilometres that is",
    "home to around 310,000 people in three towns.",
    "The upper catchment is upland sheep farming",
    "and conifer forestry; the middle reaches are",
    "mixed and dairy farms along the valley floor.",
]
RIGHT = [
    "Brindle Valley Rivers Trust is an independent",
    "charity and a company limited by guarantee with",
    "24 staff from our office at The Old Pump House",
    "in Kestingham and a field depot at Orlow Bridge.",
    "In 2024 our income was £1.1 million, of which",
    "82% was restricted to specific projects and the",
    "rest came from members, donors and our trading",
    "arm, which runs guided walks along the river.",
]


def test_two_columns_of_prose_are_read_left_then_right() -> None:
    page = [f"{left:<60}{right}" for left, right in zip(LEFT, RIGHT, strict=True)]
    out = [line.strip() for line in reading_order(page) if line.strip()]
    assert out == [*LEFT, *RIGHT]


def test_a_full_width_page_is_left_as_it_is() -> None:
    page = [f"{left} {right}" for left, right in zip(LEFT, RIGHT, strict=True)]
    assert reading_order(page) == page


def test_running_lines_and_page_numbers_go_and_the_body_stays() -> None:
    pages = [
        ["   Rivers Trust Strategy 2025-2030", "", f"Body text of page {n} about topic {t}.",
         "More body text that differs.", "", f"   Registered charity no. 1234567 · Page {n}"]
        for n, t in ((1, "water"), (2, "floods"), (3, "people"))
    ]  # fmt: skip
    kept, dropped = drop_running_lines(pages)
    assert "Rivers Trust Strategy 2025-2030" in dropped
    text = "\n".join("\n".join(page) for page in kept)
    assert "Strategy 2025-2030" not in text and "Page 2" not in text
    assert "Body text of page 2 about topic floods." in text


def test_a_table_is_rebuilt_with_wrapped_labels_and_cells() -> None:
    lines = [
        "Goal                    Measure                              2024       2030 target",
        "                                                             baseline",
        "",
        "1. Clean water          River length at good status           31%          55%",
        "",
        "2. Room for rivers      Fish barriers removed or eased          2           14",
        "                        (cumulative)",
        "",
        "3. Resilient            Trees planted in the upper          18,000      150,000",
        "communities             catchment",
        "Doctoral studentships (match",
        "                                                               610          640",
        "funding)",
    ]
    rows = [line.split("\t") for line in rebuild_tables(lines) if "\t" in line]
    assert rows == [
        ["Goal", "Measure", "2024 baseline", "2030 target"],
        ["1. Clean water", "River length at good status", "31%", "55%"],
        ["2. Room for rivers", "Fish barriers removed or eased (cumulative)", "2", "14"],
        ["3. Resilient communities", "Trees planted in the upper catchment", "18,000", "150,000"],
        ["Doctoral studentships (match funding)", "", "610", "640"],
    ]


def test_justified_prose_is_not_a_table() -> None:
    lines = [
        "such    as    Himalayan    balsam    and    signal    crayfish    along    the",
        "banks   of   the   lower   river   where   the   towns   have   grown   fastest",
        "and    where    the    water    company    has    its    largest    works",
    ]
    assert rebuild_tables(lines) == lines


def test_plain_digit_footnotes_get_superscript_markers() -> None:
    page = ["We want 55% of rivers at good ecological status1, up from 31%.", "", "", "", "",
            "1  Ecological status as classified in the 2024 catchment assessment."]  # fmt: skip
    out = mark_footnotes(page)
    assert out[0] == "We want 55% of rivers at good ecological status¹, up from 31%."
    assert out[-1].startswith("¹ Ecological status")
