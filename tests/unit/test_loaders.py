"""Loaders for every supported file type, built as real files (fpdf2, python-docx, openpyxl),
and the bad-input cases: each must raise LoadError naming the file and saying why."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from ingest.loaders import (
    LoadError,
    discover_files,
    load_file,
    relative_source,
    title_from_filename,
)
from ingest.types import LoadedDocument


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "plans").mkdir(parents=True)
    (root / "action-logs").mkdir()
    return root


def load(path: Path, root: Path) -> LoadedDocument:
    return load_file(path, root)


def make_pdf(path: Path, pages: list[str], **encryption: object) -> Path:
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(encryption_method=EncryptionMethod.RC4, **encryption)  # type: ignore[arg-type]
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Regional Research Strategy", 0)
    document.add_heading("Aim One: Culture", 1)
    document.add_paragraph("We will grow a research culture across the region.")
    document.add_paragraph("Fund ten fellowships", style="List Bullet")
    document.add_heading("Delivery", 2)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [("Action", "Owner", "Due"), ("Launch fellowships", "R&D team", "2025"), ("", "", "")]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(2, 0).merge(table.cell(2, 2))
    merged.text = "Merged note row"
    document.save(str(path))
    return path


def make_xlsx(path: Path, rows: list[list[object]], blank_rows_first: int = 0) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for _ in range(blank_rows_first):
        sheet.append([])
    for row in rows:
        sheet.append(row)
    workbook.save(str(path))
    return path


def rewrite_zip_member(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same Office file with one XML part damaged (a realistic partial corruption)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == member else content)
    return out.getvalue()


# --- text and Markdown ---------------------------------------------------------------------


def test_txt_blocks_keep_file_line_numbers_and_title(corpus: Path) -> None:
    path = corpus / "plans" / "growth-plan.txt"
    path.write_text(
        "GROWTH PLAN 2024\n"
        "\n"
        "Our aims are ambitious and the plan says how we\n"
        "will meet them over three years.\n"
        "\n"
        "\n"
        "\n"
        "• First bullet point of the plan\n"
        "• Second bullet point of the plan\n",
        encoding="utf-8",
    )
    doc = load(path, corpus)
    assert doc.source == "plans/growth-plan.txt"
    assert doc.kind == "plan"
    assert doc.title == "GROWTH PLAN 2024"
    assert doc.sheets is None
    assert [(b.kind, b.line_start, b.line_end) for b in doc.blocks] == [
        ("heading", 1, 1),
        ("paragraph", 3, 4),
        ("list", 8, 8),
        ("list", 9, 9),
    ]
    assert doc.blocks[1].text == (
        "Our aims are ambitious and the plan says how we will meet them over three years."
    )
    assert len(doc.file_hash) == 64


def test_md_headings_and_windows_1252_text(corpus: Path) -> None:
    path = corpus / "plans" / "notes.md"
    path.write_bytes(
        "# Notes – 2024\n\n## Budget\n\nWe will spend £5m on research.\n".encode("cp1252")
    )
    doc = load(path, corpus)
    assert doc.title == "Notes – 2024"
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Notes – 2024"),
        ("heading", 2, "Budget"),
        ("paragraph", 0, "We will spend £5m on research."),
    ]


def test_generic_first_heading_falls_back_to_the_file_name(corpus: Path) -> None:
    path = corpus / "plans" / "nw-nmahp-research-strategy.txt"
    path.write_text("EXECUTIVE SUMMARY\n\nThe strategy sets out a roadmap.\n", encoding="utf-8")
    assert load(path, corpus).title == "NW NMAHP Research Strategy"
    assert title_from_filename("lsc-working-with-people.txt") == "LSC Working with People"


def test_files_under_action_logs_are_kind_action(corpus: Path) -> None:
    path = corpus / "action-logs" / "log.txt"
    path.write_text("Strategic Aim 1\n\nDo a thing\tOngoing\tMaya\n", encoding="utf-8")
    assert load(path, corpus).kind == "action"


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_keeps_page_numbers(corpus: Path) -> None:
    path = make_pdf(
        corpus / "plans" / "strategy.pdf",
        [
            "REGIONAL STRATEGY\nThe first page describes the research culture we want.",
            "DELIVERY\nThe second page names the workforce plan and its budget.",
        ],
    )
    doc = load(path, corpus)
    assert doc.title == "REGIONAL STRATEGY"
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["REGIONAL STRATEGY"].page == 1
    assert by_text["The first page describes the research culture we want."].page == 1
    assert by_text["DELIVERY"].kind == "heading"
    assert by_text["DELIVERY"].page == 2
    assert by_text["The second page names the workforce plan and its budget."].page == 2
    assert "workforce plan" in doc.raw_text


def test_pdf_with_only_an_owner_password_opens(corpus: Path) -> None:
    """Owner-only encryption restricts editing, not reading: the empty user password opens it."""
    path = make_pdf(
        corpus / "plans" / "locked-edit.pdf", ["The text is readable."], owner_password="own"
    )
    doc = load(path, corpus)
    assert doc.blocks[0].text == "The text is readable."


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_headings_lists_and_table_rows(corpus: Path) -> None:
    doc = load(make_docx(corpus / "plans" / "strategy.docx"), corpus)
    assert doc.title == "Regional Research Strategy"
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Regional Research Strategy"),
        ("heading", 1, "Aim One: Culture"),
        ("paragraph", 0, "We will grow a research culture across the region."),
        ("list", 0, "Fund ten fellowships"),
        ("heading", 2, "Delivery"),
        ("table_row", 0, "Action\tOwner\tDue"),
        ("table_row", 0, "Launch fellowships\tR&D team\t2025"),
        ("table_row", 0, "Merged note row"),  # a merged cell appears once, not three times
    ]
    positions = [b.line_start for b in doc.blocks]
    assert positions == sorted(positions)


# --- CSV and XLSX --------------------------------------------------------------------------


def test_csv_rows_keep_their_numbers_in_the_file(corpus: Path) -> None:
    path = corpus / "action-logs" / "tracker.csv"
    path.write_text(
        "Action;Status;Owner\nLaunch the fund;Agreed;Maya\n;;\nHire a coordinator;;TBC\n",
        encoding="utf-8",
    )
    doc = load(path, corpus)
    assert doc.sheets is not None
    (sheet,) = doc.sheets
    assert sheet.rows == [
        ["Action", "Status", "Owner"],
        ["Launch the fund", "Agreed", "Maya"],
        ["Hire a coordinator", "", "TBC"],
    ]
    assert sheet.numbers == [1, 2, 4]
    assert doc.title == "Tracker"


def test_csv_separator_is_found_despite_separators_inside_quotes(corpus: Path) -> None:
    """csv.Sniffer picks ',' here (the quoted note holds commas and a ';'); counting cells per
    row under each separator does not."""
    path = corpus / "trackers" / "log.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        'ID;Task;Owner;Notes\nNZ-1;Fit heat pumps;G. Mwangi;"Awarded; £2.9m, phase 1"\n'
        'NZ-2;Solar PV – phase 2;T. Okonjo;"Tender, then build"\n'.encode("cp1252")
    )
    doc = load(path, corpus)
    assert doc.sheets is not None
    assert doc.sheets[0].rows[1] == [
        "NZ-1",
        "Fit heat pumps",
        "G. Mwangi",
        "Awarded; £2.9m, phase 1",
    ]
    assert doc.sheets[0].rows[2][1] == "Solar PV – phase 2"


def test_xlsx_reads_every_sheet_with_dates_and_numbers_as_a_reader_sees_them(
    corpus: Path,
) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Tracker"
    first.append([])
    first.append(["Action", "Due", "Budget"])
    first.append(["Launch the fund", datetime(2026, 3, 31), 1200.0])
    key = workbook.create_sheet("Key")
    key.append(["RAG", "Meaning"])
    key.append(["Red", "Off track"])
    path = corpus / "action-logs" / "tracker.xlsx"
    workbook.save(path)
    doc = load(path, corpus)
    assert doc.sheets is not None
    assert [s.name for s in doc.sheets] == ["Tracker", "Key"]
    assert doc.sheets[0].rows == [
        ["Action", "Due", "Budget"],
        ["Launch the fund", "2026-03-31", "1200"],
    ]
    assert doc.sheets[0].numbers == [2, 3]
    assert doc.sheets[1].rows[1] == ["Red", "Off track"]
    assert "Launch the fund" in doc.raw_text


# --- bad input -----------------------------------------------------------------------------


def assert_load_error(path: Path, root: Path, reason_part: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_file(path, root)
    error = caught.value
    assert error.source == relative_source(path, root)
    assert path.name in str(error)
    assert reason_part in error.reason, error.reason
    return error


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.csv"])
def test_empty_files(corpus: Path, name: str) -> None:
    path = corpus / "plans" / name
    path.write_bytes(b"")
    assert_load_error(path, corpus, "empty")


def test_whitespace_only_text_is_empty(corpus: Path) -> None:
    path = corpus / "plans" / "blank.md"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    assert_load_error(path, corpus, "empty")


def test_text_that_is_only_noise_has_nothing_readable(corpus: Path) -> None:
    path = corpus / "plans" / "noise.txt"
    path.write_text("..........\n<ul style='x'>\n", encoding="utf-8")
    assert_load_error(path, corpus, "no readable text")


def test_binary_data_named_txt(corpus: Path) -> None:
    path = corpus / "plans" / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_load_error(path, corpus, "binary")


def test_unreadable_file(corpus: Path) -> None:
    """A dangling symlink cannot be read (chmod 000 is no test when running as root)."""
    path = corpus / "plans" / "moved.txt"
    path.symlink_to(corpus / "plans" / "does-not-exist.txt")
    assert_load_error(path, corpus, "cannot read")


def test_unsupported_suffix(corpus: Path) -> None:
    path = corpus / "plans" / "slides.pptx"
    path.write_bytes(b"PK")
    assert_load_error(path, corpus, "unsupported file type .pptx")


def test_encrypted_pdf(corpus: Path) -> None:
    path = make_pdf(
        corpus / "plans" / "secret.pdf",
        ["Confidential"],
        owner_password="own",
        user_password="secret",
    )
    assert_load_error(path, corpus, "encrypted")


def test_corrupt_pdf(corpus: Path) -> None:
    path = corpus / "plans" / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n garbage")
    assert_load_error(path, corpus, "corrupt or unreadable PDF")


def test_truncated_pdf(corpus: Path) -> None:
    good = make_pdf(corpus / "plans" / "good.pdf", ["Some text on a page."])
    path = corpus / "plans" / "truncated.pdf"
    path.write_bytes(good.read_bytes()[:200])
    assert_load_error(path, corpus, "corrupt or unreadable PDF")


def test_pdf_without_text(corpus: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    path = corpus / "plans" / "scan.pdf"
    pdf.output(str(path))
    assert_load_error(path, corpus, "no extractable text")


def test_corrupt_docx_not_a_zip(corpus: Path) -> None:
    path = corpus / "plans" / "broken.docx"
    path.write_bytes(b"this was never a word document")
    assert_load_error(path, corpus, "corrupt or unreadable .docx (BadZipFile")


def test_docx_with_damaged_xml(corpus: Path) -> None:
    good = make_docx(corpus / "plans" / "good.docx").read_bytes()
    path = corpus / "plans" / "damaged.docx"
    path.write_bytes(rewrite_zip_member(good, "word/document.xml", lambda b: b[: len(b) // 2]))
    assert_load_error(path, corpus, "corrupt or unreadable .docx")


def test_corrupt_xlsx_not_a_zip(corpus: Path) -> None:
    path = corpus / "action-logs" / "broken.xlsx"
    path.write_bytes(b"not a spreadsheet")
    assert_load_error(path, corpus, "corrupt or unreadable .xlsx (BadZipFile")


def test_xlsx_with_damaged_sheet_xml(corpus: Path) -> None:
    """openpyxl reads sheets lazily; the damage surfaces while iterating rows, and must still be
    a LoadError rather than an exception that stops the whole ingest run."""
    good = make_xlsx(
        corpus / "action-logs" / "good.xlsx", [["Action", "Status"], ["Launch", "Agreed"]]
    ).read_bytes()
    path = corpus / "action-logs" / "damaged.xlsx"
    path.write_bytes(
        rewrite_zip_member(good, "xl/worksheets/sheet1.xml", lambda b: b[: len(b) // 2])
    )
    assert_load_error(path, corpus, "corrupt or unreadable .xlsx (ParseError")


def test_spreadsheet_with_only_a_header(corpus: Path) -> None:
    xlsx = make_xlsx(corpus / "action-logs" / "header.xlsx", [["Action", "Status"]])
    assert_load_error(xlsx, corpus, "no data rows")
    csv_path = corpus / "action-logs" / "header.csv"
    csv_path.write_text("Action,Status\n", encoding="utf-8")
    assert_load_error(csv_path, corpus, "no data rows")


# --- discovery -----------------------------------------------------------------------------


def test_discover_skips_hidden_files_and_folders(corpus: Path) -> None:
    (corpus / "plans" / "a.txt").write_text("A", encoding="utf-8")
    (corpus / "plans" / ".draft.txt").write_text("hidden", encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "b.txt").write_text("hidden", encoding="utf-8")
    (corpus / "action-logs" / "c.csv").write_text("x", encoding="utf-8")
    found = discover_files([corpus, corpus / "plans" / "a.txt"])
    assert [relative_source(p, corpus) for p in found] == ["action-logs/c.csv", "plans/a.txt"]


def test_an_empty_workbook_and_a_protected_one_are_named_with_the_reason(corpus: Path) -> None:
    from openpyxl import Workbook

    empty = corpus / "action-logs" / "empty.xlsx"
    Workbook().save(empty)
    assert_load_error(empty, corpus, "every sheet of the workbook is empty")
    # Excel saves a password-protected workbook as an encrypted OLE2 compound file, not a zip:
    # it opens with the OLE2 signature whatever the workbook held
    protected = corpus / "action-logs" / "protected.xlsx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    assert_load_error(protected, corpus, "password protected")


def test_a_pdf_is_titled_from_its_metadata_and_loses_its_running_lines(corpus: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Regional Growth Plan 2025")
    pdf.set_font("Helvetica", size=11)
    for page in range(1, 4):
        pdf.add_page()
        pdf.cell(0, 8, "Regional Growth Plan | OFFICIAL", new_x="LMARGIN", new_y="NEXT")
        topic = ["skills", "transport", "housing"][page - 1]
        pdf.multi_cell(0, 6, f"Section {page} sets out how the region will improve {topic}. " * 3)
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {page} of 3")
    path = corpus / "plans" / "growth.pdf"
    pdf.output(str(path))
    doc = load(path, corpus)
    assert doc.title == "Regional Growth Plan 2025"
    text = "\n".join(b.text for b in doc.blocks)
    assert "OFFICIAL" not in text and "Page 2 of 3" not in text
    assert "Section 2 sets out" in text


def test_a_text_log_is_known_by_its_header_wherever_it_is_filed(corpus: Path) -> None:
    folder = corpus / "committees"
    folder.mkdir()
    log = folder / "board-actions.txt"
    log.write_text(
        "Action\tStatus\tOwner\nPublish the annual report\tDone.\tSam Reid\n", encoding="utf-8"
    )
    minutes = folder / "minutes.txt"
    minutes.write_text("Board minutes\n\nThe board met on 14 May.\n", encoding="utf-8")
    assert load(log, corpus).kind == "action"
    assert load(minutes, corpus).kind == "plan"
