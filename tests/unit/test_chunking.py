"""Structure-aware chunking: sections and whole units first, then size with overlap, and the
metadata every citation needs. Synthetic documents pin the rules; the real corpus pins the
outcome (sizes, coverage, line spans, known headings)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from ingest.chunking import chunk_document, chunk_records
from ingest.cleaning import clean_lines
from ingest.loaders import discover_files, load_file
from ingest.pipeline import prepare
from ingest.structure import text_to_blocks
from ingest.types import ActionRecord, Chunk, LoadedDocument, content_hash

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ACTION_PLAN = "plans/lancashire-innovation-action-plan-2022-2025.txt"
PEOPLE_PLAN = "plans/lsc-working-with-people-and-communities-2023-2026.txt"
NMAHP = "plans/nw-nmahp-research-strategy.txt"
WORDS = re.compile(r"[A-Za-z0-9]+")


def document(text: str, source: str = "plans/test-plan.txt", title: str = "") -> LoadedDocument:
    blocks = text_to_blocks(clean_lines(text))
    return LoadedDocument(
        source=source,
        kind="plan",
        title=title or blocks[0].text,
        blocks=blocks,
        raw_text=text,
    )


def by_section(chunks: list[Chunk]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk in chunks:
        out.setdefault(chunk.section, []).append(chunk.text)
    return out


STRUCTURED = """# Regional Plan

# Introduction

The plan sets out how the region will grow its research base over three years.

# Aims

Aim 1 Grow the culture

We will embed research in every job description across the region.

Aim 2 Build careers

We will fund ten fellowships each year for nurses and midwives.

Workstream 3 Delivery

Our partners will:
- Host quarterly network meetings
- Share data on research activity
  across all trusts in the region
- Report progress to the board

Action\tOwner\tDue
Launch fellowships\tR&D team\t2025
"""


# --- structure first --------------------------------------------------------------------


def test_headings_numbered_aims_and_workstreams_open_sections() -> None:
    chunks = chunk_document(document(STRUCTURED), size=900, overlap=100)
    sections = by_section(chunks)
    assert list(sections) == [
        "Introduction",
        "Aims > Aim 1 Grow the culture",
        "Aims > Aim 2 Build careers",
        "Aims > Workstream 3 Delivery",
    ]
    assert sections["Aims > Aim 2 Build careers"] == [
        "We will fund ten fellowships each year for nurses and midwives."
    ]


def test_a_bullet_group_stays_with_its_lead_in_and_wrapped_items_stay_whole() -> None:
    chunks = chunk_document(document(STRUCTURED), size=900, overlap=100)
    (workstream,) = by_section(chunks)["Aims > Workstream 3 Delivery"]
    assert workstream.split("\n") == [
        "Our partners will:",
        "- Host quarterly network meetings",
        "- Share data on research activity across all trusts in the region",
        "- Report progress to the board",
        "Action\tOwner\tDue",
        "Launch fellowships\tR&D team\t2025",
    ]


def test_table_rows_are_never_cut_when_a_section_is_split_by_size() -> None:
    rows = "\n".join(f"Action number {i}\tOwner {i}\tStatus is on track for {i}" for i in range(40))
    chunks = chunk_document(document(f"# Tracker\n\n{rows}\n"), size=200, overlap=0)
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.text) <= 200
        for line in chunk.text.split("\n"):
            assert re.fullmatch(r"Action number \d+\tOwner \d+\tStatus is on track for \d+", line)
    assert sum(c.text.count("\n") + 1 for c in chunks) == 40


def test_a_table_row_longer_than_a_chunk_is_cut_at_cells_and_every_piece_keeps_its_label() -> None:
    cells = [
        f"{n}.1 Output number {n} for the first priority of the plan on a page" for n in range(6)
    ]
    row = "Outputs\t" + "\t".join(cells)
    chunks = chunk_document(document(f"# Plan\n\nVision\tBetter lives\n{row}\n"), 200, 0)
    pieces = [line for c in chunks for line in c.text.split("\n") if line.startswith("Outputs")]
    assert len(pieces) > 1 and all(len(c.text) <= 200 for c in chunks)
    assert all(piece.startswith("Outputs\t") for piece in pieces)
    assert [cell for piece in pieces for cell in piece.split("\t")[1:]] == cells


def test_headings_with_no_body_are_kept_in_the_next_chunk_text() -> None:
    text = "# Plan\n\n## Markets\n\n### USA\n\n### Germany\n\nBoth are core markets for us.\n"
    (chunk,) = chunk_document(document(text), size=900, overlap=100)
    assert chunk.section == "Markets > Germany"
    # "USA" left the section path when "Germany" replaced it; "Markets" is still named there
    assert chunk.text == "USA\nBoth are core markets for us."
    assert (chunk.line_start, chunk.line_end) == (5, 9)


def test_table_of_contents_is_not_chunked() -> None:
    text = (
        "# Strategy\n\nContents\n\nForeword\t1\n.....\t\nIntroduction\t3\n.....\t\n"
        "Our aims\t5\n\nForeword\n\nIt is a year since the board was set up.\n"
    )
    chunks = chunk_document(document(text), size=900, overlap=100)
    assert [(c.section, c.text) for c in chunks] == [
        ("Foreword", "It is a year since the board was set up.")
    ]


def test_headings_the_contents_list_nest_by_their_numbers() -> None:
    """ "2.1 Healthy Ageing" sits under "2 Our research themes": a plan's outline is read
    from its numbering when its contents page is all there is to say which heading is which."""
    text = (
        "Contents\n\n1 Introduction\t2\n2 Our research themes\t2\n2.1 Healthy Ageing\t2\n"
        "2.2 Clean Growth\t3\n\n1 Introduction\n\nThis plan sets out our research aims.\n\n"
        "2 Our research themes\n\nEach theme has a named lead.\n\n2.1 Healthy Ageing\n\n"
        "Led by Professor Hannah Osei.\n\n2.2 Clean Growth\n\nLed by Professor Rhys Tremayne.\n"
    )
    chunks = chunk_document(document(text), size=900, overlap=100)
    sections = [c.section for c in chunks]
    assert "2 Our research themes > 2.1 Healthy Ageing" in sections
    assert "2 Our research themes > 2.2 Clean Growth" in sections


# --- then size, with overlap ------------------------------------------------------------


def numbered_sentences(n: int) -> list[str]:
    return [f"Sentence {i} says the region will act on it." for i in range(n)]


def test_a_long_paragraph_is_split_at_sentences_with_overlap() -> None:
    sentences = numbered_sentences(30)
    chunks = chunk_document(
        document("# Plan\n\n" + " ".join(sentences) + "\n"), size=200, overlap=60
    )
    assert len(chunks) > 4
    pieces = [re.findall(r"Sentence \d+ says the region will act on it\.", c.text) for c in chunks]
    for chunk, found in zip(chunks, pieces, strict=True):
        assert len(chunk.text) <= 200
        assert chunk.text == " ".join(found)  # whole sentences only, nothing cut mid-way
    for before, after in itertools.pairwise(pieces):
        assert after[0] == before[-1]  # the last sentence is carried over as overlap
        assert len(after[0]) <= 60
    covered = [s for found in pieces for s in found]
    assert list(dict.fromkeys(covered)) == sentences  # every sentence, in order


def test_no_overlap_when_overlap_is_zero() -> None:
    sentences = numbered_sentences(30)
    chunks = chunk_document(
        document("# Plan\n\n" + " ".join(sentences) + "\n"), size=200, overlap=0
    )
    found = [s for c in chunks for s in re.findall(r"Sentence \d+ says[^.]+\.", c.text)]
    assert found == sentences


def test_an_oversized_list_keeps_its_items_and_cites_their_lines() -> None:
    items = [f"- Item {i}: " + "the partners will deliver this together. " * 3 for i in range(8)]
    text = "# Plan\n\nWe will:\n" + "\n".join(items) + "\n"
    chunks = chunk_document(document(text), size=300, overlap=0)
    assert len(chunks) > 2
    for chunk in chunks:
        assert len(chunk.text) <= 300
        for line in chunk.text.split("\n")[1 if chunk.position == 0 else 0 :]:
            assert line.startswith("- Item ")
        first = int(re.search(r"Item (\d+)", chunk.text).group(1))  # type: ignore[union-attr]
        last = int(re.findall(r"Item (\d+)", chunk.text)[-1])
        # "We will:" is line 3, item i is on line 4 + i
        assert chunk.line_start == (3 if chunk.position == 0 else 4 + first)
        assert chunk.line_end == 4 + last


def test_a_single_item_longer_than_a_chunk_is_cut_at_sentences_and_keeps_its_bullet() -> None:
    item = "- " + " ".join(numbered_sentences(12))
    chunks = chunk_document(document(f"# Plan\n\n{item}\n"), size=150, overlap=0)
    assert all(len(c.text) <= 150 for c in chunks)
    assert chunks[0].text.startswith("- Sentence 0 ")
    assert all(not c.text.startswith("-") for c in chunks[1:])
    assert " ".join(c.text for c in chunks) == item


def test_a_run_without_spaces_is_hard_cut_but_never_exceeds_the_size() -> None:
    url = "https://example.org/" + "a" * 400
    chunks = chunk_document(document(f"# Plan\n\nSee {url} for the report.\n"), 150, 20)
    assert all(len(c.text) <= 150 for c in chunks)
    assert "".join(c.text.replace(" ", "") for c in chunks).count("a" * 100) >= 1
    assert "".join(WORDS.findall("".join(c.text for c in chunks))) == "".join(
        WORDS.findall(f"See {url} for the report.")
    )


# --- metadata ---------------------------------------------------------------------------


def test_chunk_metadata() -> None:
    doc = document(STRUCTURED, source="plans/regional-plan.txt")
    chunks = chunk_document(doc, size=900, overlap=100)
    first = chunks[0]
    assert first.source == "plans/regional-plan.txt"
    assert first.title == "Regional Plan"  # from the first heading line
    assert first.section == "Introduction"
    assert first.kind == "plan"
    assert (first.line_start, first.line_end) == (5, 5)
    assert first.page_start is None
    assert first.hash == content_hash(first.embedding_text())
    assert first.id == f"plans/regional-plan.txt#0:{first.hash}"
    assert [c.position for c in chunks] == list(range(len(chunks)))
    metadata = first.metadata()
    assert metadata["source"] == "plans/regional-plan.txt"
    assert "page_start" not in metadata and "record_id" not in metadata  # Chroma rejects None
    assert all(isinstance(v, str | int | float | bool) for v in metadata.values())


def test_embedded_text_is_prefixed_with_title_and_section() -> None:
    chunks = chunk_document(document(STRUCTURED), size=900, overlap=100)
    aim = next(c for c in chunks if c.section.endswith("Aim 1 Grow the culture"))
    assert aim.embedding_text() == (
        "Regional Plan > Aims > Aim 1 Grow the culture\n"
        "We will embed research in every job description across the region."
    )


def test_ids_are_stable_and_change_only_with_content() -> None:
    first = chunk_document(document(STRUCTURED), size=900, overlap=100)
    again = chunk_document(document(STRUCTURED), size=900, overlap=100)
    assert [c.id for c in first] == [c.id for c in again]
    edited = chunk_document(
        document(STRUCTURED.replace("ten fellowships", "twelve fellowships")), 900, 100
    )
    changed = [a.id for a, b in zip(first, edited, strict=True) if a.id != b.id]
    assert len(changed) == 1 and "#2:" in changed[0]


def test_page_spans_come_from_the_blocks() -> None:
    lines = clean_lines("# Plan\n\nFirst page text here.\n\nSecond page text here.")
    doc = LoadedDocument("plans/p.pdf", "plan", "Plan", text_to_blocks(lines, [1, 1, 1, 2, 2]))
    (chunk,) = chunk_document(doc, size=900, overlap=0)
    assert (chunk.page_start, chunk.page_end) == (1, 2)
    assert chunk.metadata()["page_end"] == 2


def test_one_chunk_per_action_record() -> None:
    doc = LoadedDocument("action-logs/log.txt", "action", "Action Log")
    record = ActionRecord(
        id="r1",
        aim="Strategic Aim 5 'Letting the World Know!'",
        action="Holding an annual Innovation Showcase",
        status="Ongoing",
        owner="Maya",
        rag=None,
        due=None,
        source="action-logs/log.txt",
        row=26,
        row_end=27,
    )
    (chunk,) = chunk_records(doc, [record])
    assert chunk.kind == "action"
    assert chunk.record_id == "r1"
    assert chunk.section == record.aim
    assert (chunk.line_start, chunk.line_end) == (26, 27)
    assert chunk.text == record.as_text()
    assert "RAG" not in chunk.text  # an empty RAG stays unknown, never invented


# --- the real corpus --------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_chunks() -> dict[str, list[Chunk]]:
    return {
        load_file(path, CORPUS).source: prepare(load_file(path, CORPUS), 900, 120).chunks
        for path in discover_files([CORPUS])
    }


def test_real_corpus_chunks_fit_and_cover_every_block(
    corpus_chunks: dict[str, list[Chunk]],
) -> None:
    for path in discover_files([CORPUS / "plans"]):
        doc = load_file(path, CORPUS)
        chunks = corpus_chunks[doc.source]
        assert all(0 < len(c.text) <= 900 for c in chunks), doc.source
        chunked = set(WORDS.findall(" ".join(c.text for c in chunks)))
        body = set(WORDS.findall(" ".join(b.text for b in doc.blocks if b.kind != "heading")))
        assert body <= chunked, (doc.source, sorted(body - chunked)[:10])


def test_real_corpus_line_spans_point_at_the_text(corpus_chunks: dict[str, list[Chunk]]) -> None:
    for source, chunks in corpus_chunks.items():
        if source.startswith("action-logs/"):
            continue
        lines = clean_lines((CORPUS / source).read_text(encoding="utf-8"))
        for chunk in chunks:
            assert 1 <= chunk.line_start <= chunk.line_end <= len(lines)
            region = " ".join(WORDS.findall(" ".join(lines[chunk.line_start - 1 : chunk.line_end])))
            # a chunk opening inside a table starts with the table's header row
            headers = json.loads(chunk.structure or "{}").get("table_header", [])
            for line in chunk.text.split("\n"):
                if line in headers:
                    whole = " ".join(WORDS.findall(" ".join(lines)))
                    assert " ".join(WORDS.findall(line)) in whole, (source, line)
                    continue
                opening = " ".join(WORDS.findall(line)[:3])
                # a piece of a long table row repeats the row's label: its cells are the text
                label, _, cells = line.partition("\t")
                piece = " ".join(WORDS.findall(cells)[:3])
                repeated = bool(piece) and piece in region and label in " ".join(lines)
                assert opening in region or repeated, (source, chunk.position, opening)


def test_real_corpus_titles_kinds_and_counts(corpus_chunks: dict[str, list[Chunk]]) -> None:
    titles = {source: chunks[0].title for source, chunks in corpus_chunks.items()}
    assert titles == {
        "action-logs/lancashire-innovation-action-agenda.txt": (
            "Lancashire Innovation Action Agenda"
        ),
        ACTION_PLAN: "Innovation Action Plan 2022 - 2025",
        "plans/lsc-research-innovation-plan-2024-2027.txt": (
            "Lancashire & South Cumbria Research & Innovation Plan 2024 -2027"
        ),
        PEOPLE_PLAN: (
            "Lancashire and South Cumbria Strategy for working in partnership with people and "
            "communities 2023-2026"
        ),
        NMAHP: "NW NMAHP Research Strategy",
    }
    kinds = {source: {c.kind for c in chunks} for source, chunks in corpus_chunks.items()}
    assert kinds["action-logs/lancashire-innovation-action-agenda.txt"] == {"action"}
    assert all(kinds[s] == {"plan"} for s in kinds if s.startswith("plans/"))
    # one chunk per action row (26 rows), and enough chunks per plan to be useful
    assert len(corpus_chunks["action-logs/lancashire-innovation-action-agenda.txt"]) == 26
    assert all(len(corpus_chunks[s]) >= 3 for s in corpus_chunks)
    ids = [c.id for chunks in corpus_chunks.values() for c in chunks]
    assert len(ids) == len(set(ids))


def test_real_corpus_workstream_heading_opens_its_section(
    corpus_chunks: dict[str, list[Chunk]],
) -> None:
    chunks = corpus_chunks[ACTION_PLAN]
    workstream = [
        c for c in chunks if c.section.endswith("Workstream 1 - Leveraging Relationships")
    ]
    assert workstream, sorted({c.section for c in chunks})
    assert workstream[0].section == (
        "Lancashire's Innovation Action Plan > Workstream 1 - Leveraging Relationships"
    )
    assert any(
        "Ease of implementation\tWill need resource to help mapping" in c.text for c in workstream
    )


def test_real_corpus_aims_are_sections_and_the_contents_page_is_skipped(
    corpus_chunks: dict[str, list[Chunk]],
) -> None:
    nmahp = corpus_chunks[NMAHP]
    aim_one = next(c for c in nmahp if c.text.startswith("Aim One: Create a vibrant"))
    assert aim_one.section == "INCREASE OUR RELEVANCE"
    people = corpus_chunks[PEOPLE_PLAN]
    assert not any("Foreword\t1" in c.text or "Introduction\t3" in c.text for c in people)
    assert people[0].section == "Foreword"
    assert not any("colored pencils" in c.text for c in people)  # image description dropped


def test_short_lines_standing_alone_under_a_heading_are_list_items() -> None:
    lines = ["CORE MARKETS", "", "France", "", "Germany", "", "USA", "", "Core markets matter."]
    blocks = text_to_blocks(lines)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "CORE MARKETS"),
        ("list", "- France"),
        ("list", "- Germany"),
        ("list", "- USA"),
        ("paragraph", "Core markets matter."),
    ]


def test_an_arrow_label_after_a_list_captions_that_list_not_the_next() -> None:
    lines = ["FIRST WAVE", "", "Pilot", "", "Evaluate", "", "Recruit", "", "Phase 1 ->", "",
             "SECOND WAVE", "", "Scale", "", "Embed", "", "Hand over", "", "Phase 2 ->", "",
             "Text follows."]  # fmt: skip
    blocks = text_to_blocks(lines)
    assert [(b.kind, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", "FIRST WAVE (Phase 1)"),
        ("heading", "SECOND WAVE (Phase 2)"),
    ]
    assert [b.text for b in blocks if b.kind == "list"][-3:] == [
        "- Scale",
        "- Embed",
        "- Hand over",
    ]
    # an arrow line with no list before it stays what it was
    alone = text_to_blocks(["INTRODUCTION", "", "Phase 1 ->", "", "Text follows."])
    assert [b.text for b in alone if b.kind == "heading"][-1] == "Phase 1 ->"


def test_two_short_lines_or_no_heading_above_stay_headings() -> None:
    two = text_to_blocks(["KEY SECTORS", "", "Health", "", "Nuclear", "", "Text follows here."])
    assert [b.kind for b in two] == ["heading", "heading", "heading", "paragraph"]
    loose = text_to_blocks(["Health", "", "Nuclear", "", "Energy", "", "Text follows here."])
    assert [b.kind for b in loose][:3] == ["heading", "heading", "heading"]


def _paragraphs(lines: list[str]) -> list[str]:
    """Each line standing alone, as the PDF extraction writes a column page."""
    spaced = [part for line in lines for part in (line, "")]
    return [b.text for b in text_to_blocks(spaced)]


def test_lines_of_two_text_columns_are_rejoined_column_by_column() -> None:
    """A two-column page extracts one line from each column in turn; a line starting in
    lower case continues the open line of the column whose turn it is."""
    lines = [
        "Explore the introduction of transitional awards for clinical academics",
        "Provide clarity and support for regional career development pathways,",
        "between Masters and Post-Doctoral level.",
        "training and fellowships for research careers in both health and social",
        "care.",
        "Facilitate early research career pathways for NMAHPs",
        "Understand the different training needs of the social care",
        "through exploration of the NHS Apprenticeship scheme.",
        "workforce.",
    ]
    assert _paragraphs(lines) == [
        "Explore the introduction of transitional awards for clinical academics between "
        "Masters and Post-Doctoral level.",
        "Provide clarity and support for regional career development pathways, training and "
        "fellowships for research careers in both health and social care.",
        "Facilitate early research career pathways for NMAHPs through exploration of the NHS "
        "Apprenticeship scheme.",
        "Understand the different training needs of the social care workforce.",
    ]


def test_three_columns_and_short_lines_taken_for_headings_are_rejoined() -> None:
    lines = [
        "Clear and effective communication plan to raise",
        "Link to continuing workforce development. Research",
        "Raising awareness and support for internal and",
        "awareness of the strategy implementation and to",
        "culture awareness building through promotion at",
        "external research funding opportunities.",
        "ensure targeting of relevant information.",
        "conferences, inductions and in HEIs.",
    ]
    assert _paragraphs(lines) == [
        "Clear and effective communication plan to raise awareness of the strategy "
        "implementation and to ensure targeting of relevant information.",
        "Link to continuing workforce development. Research culture awareness building "
        "through promotion at conferences, inductions and in HEIs.",
        "Raising awareness and support for internal and external research funding opportunities.",
    ]


UPPER_CASE_COLUMNS = [
    "Identify and support champions across Education, Health and Social",
    "Develop an effective and dynamic twinning approach between organisations",
    "Care networks.",
    "to ensure that opportunities for collaboration can be established.",
    "Create clearer career paths for clinical academics in both health and",
    "Ensure equal participation for Health, Social Care, Local",
    "social care.",
    "Authority and HEI research communities.",
]
"""Two columns extracted line by line in turn, each going on in upper case somewhere."""


def test_columns_that_go_on_in_upper_case_are_left_as_extracted() -> None:
    """Here the first column continues with "Care networks." and the second with "to
    ensure …": the joins would reach back unevenly, so no line is spliced onto another."""
    assert _paragraphs(UPPER_CASE_COLUMNS) == UPPER_CASE_COLUMNS


def test_numbered_column_labels_let_columns_go_on_in_upper_case() -> None:
    """Under "1 - …", "2 - …" labels the page is a grid of that many columns, so a column's
    upper-case continuation ("Care networks.") is read as well as a lower-case one."""
    labels = ["1 - Development pathways", "2 - Creating opportunities for collaboration"]
    assert _paragraphs(labels + UPPER_CASE_COLUMNS)[2:] == [
        "Identify and support champions across Education, Health and Social Care networks.",
        "Develop an effective and dynamic twinning approach between organisations to ensure "
        "that opportunities for collaboration can be established.",
        "Create clearer career paths for clinical academics in both health and social care.",
        "Ensure equal participation for Health, Social Care, Local Authority and HEI research "
        "communities.",
    ]


def test_a_grid_row_may_fill_fewer_columns_than_its_labels() -> None:
    """Three labels, but this row has cells in two columns only: a lower-case line skips the
    empty third column instead of starting a cell there, and a finished column may start a
    new cell in upper case while another goes on."""
    labels = ["1 - Share strategy", "2 - Research leadership", "3 - Academic support"]
    lines = [
        "Ensure that outcomes of the NW Strategy align with",
        "Explore the creation of CRN senior AHP roles",
        "all key health and social care influencers including",
        "to complement the existing senior roles of CRN",
        "NIHR and HEE nationally.",
        "Nurses and Midwives.",
    ]
    assert _paragraphs(labels + lines)[3:] == [
        "Ensure that outcomes of the NW Strategy align with all key health and social care "
        "influencers including NIHR and HEE nationally.",
        "Explore the creation of CRN senior AHP roles to complement the existing senior roles "
        "of CRN Nurses and Midwives.",
    ]


def test_a_grid_that_does_not_read_as_columns_is_left_to_the_lower_case_rule() -> None:
    """A lower-case line with no unfinished cell to go on: not a grid of two columns."""
    labels = ["1 - First", "2 - Second"]
    lines = ["Plain sentence one.", "Plain sentence two.", "and a stray line"]
    assert _paragraphs(labels + lines)[2:] == [
        "Plain sentence one.",
        "Plain sentence two.",
        "and a stray line",
    ]


def test_a_lower_case_line_in_one_column_text_continues_the_line_before() -> None:
    lines = [
        "Key investment strengths",
        "The Health Innovation Campus creates a strong collaborative",
        "environment for research.",
    ]
    assert _paragraphs(lines) == [
        "Key investment strengths",
        "The Health Innovation Campus creates a strong collaborative environment for research.",
    ]


def test_a_footnote_is_headed_with_the_name_its_marker_sits_on() -> None:
    """ "the 70@70⁴ cohort" and the footnote "4) The Senior Nurse … Programme": a question
    about 70@70 must meet its explanation, so the footnote gets a heading naming 70@70 and
    keeps its own text. A marker on a plain word ("this work³") or a footnote that is only
    a link gets none."""
    lines = [
        "Develop dialogue with system leaders including the 70@70⁴ cohort, as this work³ shows.",
        "",
        "3) The responsibility will sit with a Strategic Board.",
        "",
        "4) The Senior Nurse and Midwife Research Leader Programme aims to strengthen research.",
        "",
        "5) https://www.hee.nhs.uk/",
    ]
    blocks = [(b.kind, b.text) for b in text_to_blocks(lines)]
    footnote = (
        "4) The Senior Nurse and Midwife Research Leader Programme aims to strengthen research."
    )
    assert blocks[-3:] == [
        ("heading", "Footnote 4: 70@70"),
        ("footnote", footnote),
        ("list", "5) https://www.hee.nhs.uk/"),
    ]
    assert ("list", "3) The responsibility will sit with a Strategic Board.") in blocks
    assert sum(kind == "heading" for kind, _ in blocks) == 1


def test_an_empty_header_cell_keeps_the_columns_of_a_table_in_place() -> None:
    """The header's empty cell sits above the row names: "Financial balance" is the medium
    term's, not the short term's."""
    lines = [
        "Priorities\t\tShort term\tMedium term\tLong term",
        "1\tFoundations\tA financial plan.\tFinancial balance.\t",
        "2\tPrevention\tIntegrated provision.\tReduced admissions.\tHealthier lives.",
        "3\tPrimary care\tStronger care.\tEnhanced care.\tIntegrated care.",
    ]
    rows = [b.text.split("\t") for b in text_to_blocks(lines)]
    assert rows[0] == ["Priorities", "", "Short term", "Medium term", "Long term"]
    assert rows[1][3] == "Financial balance."


def test_doubled_tabs_between_figures_are_spacing() -> None:
    lines = ["Resourcing\tFTE required 0.75\t\tMonths required 12\t\tTotal cost £60,000\t"]
    assert text_to_blocks(lines)[0].text.split("\t") == [
        "Resourcing", "FTE required 0.75", "Months required 12", "Total cost £60,000"
    ]  # fmt: skip


def test_a_footnote_is_anchored_to_the_heading_and_sentence_that_cite_it() -> None:
    """A note read alone has lost what it is a note on: "³ Travel is reimbursed at 45p per
    mile" says nothing of volunteers; the section and sentence citing ³ do. The anchor is
    kept as structure (the note's text stays as written), and the chunk carries it into
    its embedding text. A note cited from two places, or from none, gets no anchor."""
    lines = [
        "Supporting our volunteers",
        "",
        "Every volunteer has a named contact. We will reimburse reasonable expenses³ and "
        "provide lunch. Training is free².",
        "",
        "Our partners",
        "",
        "We work with schools².",
        "",
        "² Training is run by the Trust.",
        "³ Travel is reimbursed at 45p per mile by car.",
        "⁴ An orphan note.",
    ]
    blocks = text_to_blocks(lines)
    notes = {dict(b.structure)["marker"]: dict(b.structure) for b in blocks if b.kind == "footnote"}
    assert notes["3"]["anchor"] == (
        "3\tSupporting our volunteers: We will reimburse reasonable expenses³ and provide lunch."
    )
    assert "anchor" not in notes["2"] and "anchor" not in notes["4"]
    document = LoadedDocument(
        source="plan.txt", title="Plan", kind="plan", blocks=blocks, raw_text="\n".join(lines)
    )
    [chunk] = [c for c in chunk_document(document, 800, 0) if "45p" in c.text]
    assert chunk.footnote_anchors()["3"].startswith("Supporting our volunteers")
    assert "We will reimburse reasonable expenses" in chunk.embedding_text()
    assert "Supporting our volunteers" not in chunk.text  # the note's text as written
