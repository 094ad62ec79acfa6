"""Files built to hurt the ingest (found by an attacker probe), generated here, never committed:
each is refused by name with the limit it crossed, or read within bounds, and a parse that
runs away is stopped in its worker while the next file is read as usual. Also: a file's real
type comes from its content where the name lies, and UTF-16 text is text."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from bench.hostile_files import (
    UTF16_TEXT,
    docx_of_paragraphs,
    docx_of_spaces,
    pdf_bytes,
    with_declared_size,
    xlsx_claiming,
    xlsx_of_cells,
)
from ingest.isolation import FileParser, ParseJob
from ingest.limits import IngestLimits
from ingest.loaders import LoadError, load_file
from ingest.quarantine import Quarantine


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "uploads").mkdir(parents=True)
    return root


def refused(path: Path, root: Path, limits: IngestLimits | None = None) -> str:
    with pytest.raises(LoadError) as caught:
        load_file(path, root, limits)
    assert caught.value.source == path.relative_to(root).as_posix()
    return caught.value.reason


def in_worker(root: Path, limits: IngestLimits, *paths: Path) -> list[str]:
    """Each file parsed by one isolated worker: "ok" or the reason it failed."""
    outcomes = []
    with FileParser(ParseJob(root, 900, 120, limits)) as parser:
        for path in paths:
            try:
                parser.parse(path)
                outcomes.append("ok")
            except LoadError as exc:
                outcomes.append(exc.reason)
    return outcomes


TIGHT = IngestLimits(parse_memory_mb=512, parse_timeout_s=30)
"""A worker that dies if reading a small file costs more than 512 MiB or 30 s."""


# --- spreadsheets ----------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "A1:XFD20000"])
def test_a_sheet_claiming_the_whole_grid_is_read_to_its_last_row(corpus: Path, ref: str) -> None:
    path = xlsx_claiming(corpus / "uploads" / "x.xlsx", ref)
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    doc = load_file(path, corpus)
    assert time.perf_counter() - started < 5
    assert doc.sheets is not None
    assert doc.sheets[0].numbers == [1, 2, 3, 4, 5, 6]
    assert in_worker(corpus, TIGHT, path) == ["ok"]


def test_a_cell_in_the_far_corner_and_a_row_far_down_are_read_in_bounds(corpus: Path) -> None:
    """The sheet's own range is not trusted, and neither is a 1,000-row run of empty rows
    taken as the end: the row at 1,048,576 is data and is read; the XFD cell is past the
    columns kept."""
    path = xlsx_claiming(corpus / "uploads" / "x.xlsx", corner=True, far_row=1_048_576)
    started = time.perf_counter()
    doc = load_file(path, corpus)
    assert time.perf_counter() - started < 10
    assert doc.sheets is not None
    sheet = doc.sheets[0]
    assert sheet.numbers == [1, 2, 3, 4, 5, 6, 1_048_576]
    assert sheet.rows[-1] == ["Review the fund", "Not started", "Sam"]
    assert in_worker(corpus, TIGHT, path) == ["ok"]


def test_a_sheet_over_the_cell_limit_is_named_with_the_limit(corpus: Path) -> None:
    path = xlsx_of_cells(corpus / "uploads" / "x.xlsx", rows=40, columns=30)
    reason = refused(path, corpus, IngestLimits(max_sheet_cells=1000))
    assert reason == "sheet 'S' has more than 1,000 cells (max_sheet_cells); skipped"
    assert str(LoadError("uploads/x.xlsx", reason)) == (
        "uploads/x.xlsx: sheet 'S' has more than 1,000 cells (max_sheet_cells); skipped"
    )
    assert load_file(path, corpus, IngestLimits(max_sheet_cells=1200)).sheets is not None


def test_the_cell_limit_counts_every_sheet_together_and_csv_rows_too(corpus: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    for name in ("A", "B"):
        sheet = first if name == "A" else workbook.create_sheet(name)
        sheet.title = name
        for row in range(30):
            sheet.append([f"{name}{row}-{col}" for col in range(20)])
    path = corpus / "uploads" / "two.xlsx"
    workbook.save(path)
    assert refused(path, corpus, IngestLimits(max_sheet_cells=1000)) == (
        "the spreadsheet (at sheet 'B') has more than 1,000 cells (max_sheet_cells); skipped"
    )
    csv_path = corpus / "uploads" / "rows.csv"
    csv_path.write_text("Action,Status\n" + "Do it,Agreed\n" * 150, encoding="utf-8")
    assert refused(csv_path, corpus, IngestLimits(max_document_blocks=100)) == (
        "the spreadsheet has more than 100 non-empty rows (max_document_blocks); skipped"
    )


def test_a_workbook_of_millions_of_shared_strings_is_refused_before_its_rows(
    corpus: Path,
) -> None:
    path = xlsx_claiming(corpus / "uploads" / "x.xlsx")
    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    strings = b"<si><t>a</t></si>" * 5000
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + strings
            + b"</sst>",
        )
    path.write_bytes(out.getvalue())
    assert refused(path, corpus, IngestLimits(max_sheet_cells=1000)) == (
        "the workbook has more than 1,000 shared strings (max_sheet_cells); skipped"
    )


# --- Word documents --------------------------------------------------------------------------


def test_a_docx_of_compressed_spaces_is_refused_from_its_zip_directory(corpus: Path) -> None:
    """210 MiB of spaces zip to ~200 KB; the default limit refuses it before any member is
    read (the probe's 3 MB file held about 3 GB and drove the server to 6.5 GB)."""
    path = docx_of_spaces(corpus / "uploads" / "spaces.docx", 210)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    reason = refused(path, corpus)
    assert time.perf_counter() - started < 1
    assert reason == (
        "the archive unpacks to 210 MiB, more than 200 MiB (max_unpacked_bytes); skipped"
    )
    assert in_worker(corpus, TIGHT, path) == [reason]


def test_a_docx_lying_about_its_unpacked_size_is_refused_before_parsing(corpus: Path) -> None:
    """The zip directory says 1,000 bytes; the data holds 50 MiB. zipfile would cut the member
    at 1,000 bytes, but only after inflating all of it in one call (up to 1 GiB)."""
    good = corpus / "good.docx"
    document = docx.Document()
    document.add_paragraph("Hello")
    document.save(str(good))
    source = zipfile.ZipFile(good)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b"Hello", b"Hello" + b" " * (50 * 1024 * 1024))
            target.writestr(info.filename, content)
    path = corpus / "uploads" / "lying.docx"
    path.write_bytes(with_declared_size(out.getvalue(), "word/document.xml", 1000))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == 1000
    reason = refused(path, corpus)
    assert reason == (
        "the archive member 'word/document.xml' unpacks to more than the 1,000 bytes it "
        "declares (max_unpacked_bytes); skipped"
    )
    assert in_worker(corpus, IngestLimits(parse_memory_mb=300), path) == [reason]


def test_the_probes_989200_tiny_paragraphs_stop_quickly_with_the_default_limits(
    corpus: Path,
) -> None:
    """The probe's 150 KB file ran over 600 s of CPU; its body is counted before parsing."""
    path = docx_of_paragraphs(corpus / "uploads" / "tiny.docx", 989_200)
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    reason = refused(path, corpus)
    assert time.perf_counter() - started < 3
    assert reason == (
        "the document has more than 50,000 paragraphs and table rows (max_document_blocks); skipped"
    )


def test_blocks_and_characters_are_also_counted_while_parsing(corpus: Path) -> None:
    """A body the byte count cannot read (another namespace prefix) is stopped by the block
    count as it is parsed; long paragraphs by the character count."""
    odd = docx_of_paragraphs(corpus / "uploads" / "odd-prefix.docx", 500, prefix="ns0")
    assert refused(odd, corpus, IngestLimits(max_document_blocks=100)) == (
        "the document has more than 100 blocks (max_document_blocks); skipped"
    )
    long = corpus / "uploads" / "long.docx"
    document = docx.Document()
    for _ in range(5):
        document.add_paragraph("word " * 5000)
    document.save(str(long))
    assert refused(long, corpus, IngestLimits(max_document_chars=50_000)) == (
        "the document has more than 50,000 characters (max_document_chars); skipped"
    )


def test_text_files_over_the_size_and_character_limits(corpus: Path) -> None:
    path = corpus / "uploads" / "big.txt"
    path.write_text("A line of plan text.\n" * 5000, encoding="utf-8")
    assert refused(path, corpus, IngestLimits(max_file_bytes=100_000)) == (
        "the file is larger than 98 KiB (max_file_bytes); skipped"
    )
    assert refused(path, corpus, IngestLimits(max_document_chars=100_000)) == (
        "the text has more than 100,000 characters (max_document_chars); skipped"
    )


# --- isolation -------------------------------------------------------------------------------


def good_text(root: Path) -> Path:
    path = root / "uploads" / "z-good.txt"
    path.write_text("Growth Plan\n\nWe will grow research across the region.\n", "utf-8")
    return path


def test_a_runaway_parse_is_stopped_at_the_timeout_and_the_next_file_is_read(
    corpus: Path,
) -> None:
    slow = docx_of_paragraphs(corpus / "uploads" / "slow.docx", 45_000, runs=20)  # ~12 s
    started = time.perf_counter()
    outcomes = in_worker(corpus, IngestLimits(parse_timeout_s=1), slow, good_text(corpus))
    assert outcomes == ["parsing stopped after 1 s (parse_timeout_s)", "ok"]
    assert time.perf_counter() - started < 8


def test_a_parse_over_the_memory_limit_kills_only_its_worker(corpus: Path) -> None:
    """200 MiB of spaces in 5 MiB paragraphs, allowed to unpack and to be that long, in a
    worker allowed 256 MiB: python-docx holds the bytes and lxml the tree."""
    big = docx_of_spaces(corpus / "uploads" / "spaces.docx", 200, paragraph_mb=5)
    limits = IngestLimits(
        max_unpacked_bytes=1 << 30, max_document_chars=1 << 31, parse_memory_mb=256
    )
    outcomes = in_worker(corpus, limits, good_text(corpus), big, good_text(corpus))
    assert outcomes[0] == outcomes[2] == "ok"
    assert outcomes[1] == "parsing needed more than 256 MiB (parse_memory_mb)"


def test_in_process_parsing_when_isolation_is_off(corpus: Path) -> None:
    path = docx_of_paragraphs(corpus / "uploads" / "tiny.docx", 200)
    limits = IngestLimits(parse_isolated=False, max_document_blocks=100)
    parser = FileParser(ParseJob(corpus, 900, 120, limits))
    with pytest.raises(LoadError, match="max_document_blocks"):
        parser.parse(path)
    assert parser.parse(good_text(corpus)).chunks
    assert parser._worker is None


# --- the real type of a file -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("bom.txt", "utf-16"),
        ("bom.md", "utf-16"),
        ("no-bom-le.txt", "utf-16-le"),
        ("no-bom-be.md", "utf-16-be"),
        ("bom32.txt", "utf-32"),
    ],
)
def test_utf16_text_is_decoded_and_read(corpus: Path, name: str, encoding: str) -> None:
    path = corpus / "uploads" / name
    path.write_bytes(UTF16_TEXT.encode(encoding))
    doc = load_file(path, corpus)
    assert [b.text for b in doc.blocks] == [
        "Growth Plan 2024",
        "We will spend £5m on research – across the region.",
    ]


def test_a_utf16_csv_is_read_as_a_sheet(corpus: Path) -> None:
    path = corpus / "uploads" / "tracker.csv"
    path.write_bytes("Action,Status\nLaunch the fund,Agreed\n".encode("utf-16"))
    doc = load_file(path, corpus)
    assert doc.sheets is not None
    assert doc.sheets[0].rows == [["Action", "Status"], ["Launch the fund", "Agreed"]]


def test_binary_that_happens_to_have_nul_bytes_is_still_binary(corpus: Path) -> None:
    path = corpus / "uploads" / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert "binary" in refused(path, corpus)


def test_a_pdf_named_txt_is_read_as_a_pdf(corpus: Path) -> None:
    path = corpus / "uploads" / "report.txt"
    path.write_bytes(pdf_bytes("REGIONAL STRATEGY\nThe page text."))
    doc = load_file(path, corpus)
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("REGIONAL STRATEGY", 1),
        ("The page text.", 1),
    ]
    assert "%PDF" not in doc.raw_text


def test_office_files_by_their_content_whatever_their_name(corpus: Path) -> None:
    word = corpus / "uploads" / "minutes.xlsx"
    document = docx.Document()
    document.add_paragraph("Minutes of the board")
    document.save(str(word))
    assert [b.text for b in load_file(word, corpus).blocks] == ["Minutes of the board"]
    sheet = xlsx_claiming(corpus / "uploads" / "tracker.txt", "A1:C6")
    assert load_file(sheet, corpus).sheets is not None


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "archive.txt",
            b"zip",
            "named .txt but it is a zip archive, not a Word or Excel file",
        ),
        (
            "old.md",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "named .md but it is an old-format (.doc/.xls) or password-protected Office "
            "file; save it unprotected as .docx or .xlsx",
        ),
        (
            "old.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "the document is password protected or in the old .doc format; "
            "save it unprotected as .docx",
        ),
    ],
)
def test_content_no_loader_reads_is_refused_saying_what_it_is(
    corpus: Path, name: str, content: bytes, reason: str
) -> None:
    path = corpus / "uploads" / name
    if content == b"zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("notes.txt", "hello")
    else:
        path.write_bytes(content)
    assert refused(path, corpus) == reason


# --- quarantine ------------------------------------------------------------------------------


def test_the_quarantine_file_holds_source_hash_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "data" / "quarantine.json"
    quarantine = Quarantine(path)
    quarantine.add("uploads/x.xlsx", "abc", "too many cells")
    assert quarantine.reason("uploads/x.xlsx", "abc") == "too many cells"
    assert quarantine.reason("uploads/x.xlsx", "changed") is None
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["files"]["uploads/x.xlsx"]["reason"] == "too many cells"
    assert [p.name for p in path.parent.iterdir()] == ["quarantine.json"]  # no temp left
    again = Quarantine(path)
    assert again.reason("uploads/x.xlsx", "abc") == "too many cells"
    again.release("uploads/x.xlsx")
    quarantine.reload()
    assert quarantine.entries() == {}
    quarantine.add("a.txt", "1", "r")
    quarantine.clear()
    assert Quarantine(path).entries() == {}
    path.write_text("{not json", encoding="utf-8")
    assert Quarantine(path).entries() == {}
