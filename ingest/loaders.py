"""Read one corpus file of any supported type into a :class:`LoadedDocument`.

Every failure is a :class:`LoadError` carrying the file name and a reason a person can act
on; the pipeline reports it and carries on with the other files. A file is read by what its
first bytes say it is where the name lies (:mod:`ingest.filetypes`), and within the limits of
:class:`~ingest.limits.IngestLimits`: size on disk, unpacked size, cells, blocks, characters.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from ingest.actionlog import looks_like_text_log
from ingest.cleaning import clean_lines, strip_dot_leaders
from ingest.document_model import mark_table, type_blocks
from ingest.filetypes import OLE2_MAGIC, mostly_text, reading_type, wide_encoding
from ingest.limits import IngestLimits, LimitExceeded, Refusal, check_archive, size_text
from ingest.markdown import markdown_lines
from ingest.pdf_layout import (
    drop_running_lines,
    mark_footnotes,
    page_text,
    reading_order,
    rebuild_tables,
)
from ingest.sheets import Sheet, csv_sheet, workbook_sheets
from ingest.structure import text_to_blocks
from ingest.types import Block, DocKind, LoadedDocument

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".csv", ".xlsx")
ACTION_DIR_NAMES = ("action-logs", "action_logs", "actions")
_GENERIC_TITLES = {
    "executive summary",
    "contents",
    "table of contents",
    "introduction",
    "foreword",
    "summary",
}


class LoadError(Exception):
    """A file that could not be read; ``reason`` is shown to the user next to the name."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def relative_source(path: Path, corpus_root: Path) -> str:
    """Path relative to the corpus root with forward slashes (the citation ``source``).

    Symlinks are not followed first: a linked file is cited by its name inside the corpus, not
    by wherever its target lives (which may be outside the corpus, or not exist at all).
    """
    for candidate, root in (
        (Path(os.path.abspath(path)), Path(os.path.abspath(corpus_root))),
        (path.resolve(), corpus_root.resolve()),
    ):
        try:
            return PurePosixPath(candidate.relative_to(root)).as_posix()
        except ValueError:
            continue
    return path.name


def kind_for(source: str, text: str = "") -> DocKind:
    """An action log by its folder (``action-logs/``) or, for a text file filed anywhere, by
    a first line that is a tracker's header; anything else is a plan."""
    parts = PurePosixPath(source).parts
    if any(part in ACTION_DIR_NAMES for part in parts[:-1]):
        return "action"
    return "action" if text and looks_like_text_log(text) else "plan"


def title_from_filename(source: str) -> str:
    """``nw-nmahp-research-strategy.txt`` → ``NW NMAHP Research Strategy``."""
    words = re.split(r"[-_\s]+", PurePosixPath(source).stem)
    small = {"and", "of", "the", "for", "to", "in", "on", "with", "a"}
    out: list[str] = []
    for word in words:
        if not word:
            continue
        if word.lower() in small and out:
            out.append(word.lower())
        elif not re.search(r"[aeiouy]", word, re.IGNORECASE) or word.lower() in {"nmahp", "ics"}:
            out.append(word.upper())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


class Loaded(NamedTuple):
    """What a loader read: prose blocks, the raw text, spreadsheet grids, a stated title."""

    blocks: list[Block]
    raw: str
    sheets: list[Sheet] | None = None
    title: str | None = None
    """The title the file states (a PDF's metadata), when it states a usable one."""


_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf))$", re.I
)


def _pdf_title(reader: Any, lines: list[str]) -> str | None:
    """The PDF's metadata title unless it is a placeholder, else its first line of text when
    short enough to be a title; None leaves the choice to :func:`derive_title`."""
    try:
        stated = " ".join(str((reader.metadata or {}).get("/Title") or "").split())
    except Exception:  # damaged metadata: the text still loads
        stated = ""
    if stated and not _PLACEHOLDER_TITLE.match(stated) and len(stated) <= 120:
        return stated
    first = next((" ".join(line.split()) for line in lines if line.strip()), "")
    if 4 <= len(first) <= 100 and first.casefold() not in _GENERIC_TITLES and "\t" not in first:
        return first
    return None


def derive_title(blocks: list[Block], source: str) -> str:
    """The document's first heading line, unless it is generic (``EXECUTIVE SUMMARY``)."""
    for block in blocks[:5]:
        if block.kind == "heading" or (block.kind == "paragraph" and len(block.text) <= 100):
            text = block.text.strip()
            if text.lower() in _GENERIC_TITLES:
                break
            return text
        if block.kind == "table_row":
            break
    return title_from_filename(source)


def describe_error(exc: BaseException) -> str:
    """``BadZipFile: File is not a zip file`` — the parser's own words, one line, bounded."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


_OUT_OF_MEMORY = re.compile(r"memory allocation failed|out of memory", re.IGNORECASE)


def _unreadable(source: str, what: str, exc: Exception) -> LoadError:
    """The error for a parser that failed, unless it ran out of memory (libxml2 and expat say
    so in a syntax error): that is a MemoryError, reported as the memory limit."""
    if _OUT_OF_MEMORY.search(str(exc)):
        raise MemoryError(str(exc)) from exc
    return LoadError(source, f"corrupt or unreadable {what} ({describe_error(exc)})")


def _file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _decode(data: bytes, source: str, limits: IngestLimits) -> str:
    """UTF-8, Windows-1252, or UTF-16/32 (by byte-order mark, or by the NUL bytes of UTF-16
    without one); NUL bytes in anything else mean binary data."""
    wide = wide_encoding(data)
    if wide is None and b"\x00" in data[:4096]:
        raise LoadError(source, "looks like binary data, not text")
    text: str | None = None
    for encoding in (wide,) if wide else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding).removeprefix("\ufeff")
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        expected = wide.upper() if wide else "UTF-8 or Windows-1252"
        raise LoadError(source, f"not valid {expected} text")
    if not text.strip():
        raise LoadError(source, "the file is empty")
    if wide and ("\x00" in text or not mostly_text(text)):
        raise LoadError(source, "looks like binary data, not text")
    if len(text) > limits.max_document_chars:
        raise LimitExceeded(
            f"the text has more than {limits.max_document_chars:,} characters",
            "max_document_chars",
        )
    return text


def _load_text(data: bytes, source: str, limits: IngestLimits) -> Loaded:
    text = _decode(data, source, limits)
    lines = clean_lines(text)
    if source.lower().endswith(".md"):
        lines = markdown_lines(lines)
    blocks = text_to_blocks(lines)
    if not blocks:
        raise LoadError(source, "no readable text after cleaning")
    return Loaded(blocks, text)


def _load_pdf(data: bytes, source: str, limits: IngestLimits) -> Loaded:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # an owner-password-only PDF opens with the empty user password
            try:
                if not reader.decrypt(""):
                    raise LoadError(source, "the PDF is encrypted (password protected)")
            except (NotImplementedError, DependencyError) as exc:
                raise LoadError(source, f"the PDF is encrypted ({exc})") from exc
        if len(reader.pages) > limits.max_document_blocks:
            raise LimitExceeded(
                f"the PDF has more than {limits.max_document_blocks:,} pages",
                "max_document_blocks",
            )
        page_lines: list[list[str]] = []
        chars = 0
        for pdf_page in reader.pages:
            text = page_text(pdf_page)
            chars += len(text)
            if chars > limits.max_document_chars:
                raise LimitExceeded(
                    f"the PDF has more than {limits.max_document_chars:,} characters of text",
                    "max_document_chars",
                )
            page_lines.append([strip_dot_leaders(line, gap="    ") for line in text.split("\n")])
    except (LoadError, Refusal, MemoryError):
        raise
    except Exception as exc:  # pypdf raises its own errors and plain Python ones alike
        raise _unreadable(source, "PDF", exc) from exc
    page_lines, _running = drop_running_lines(page_lines)
    lines: list[str] = []
    pages: list[int | None] = []
    for number, page in enumerate(page_lines, start=1):
        laid_out = rebuild_tables(reading_order(mark_footnotes(page)))
        lines.extend([*laid_out, ""])
        pages.extend([number] * (len(laid_out) + 1))
    raw = "\n".join(lines)
    blocks = text_to_blocks(clean_lines(raw), pages)
    if not blocks:
        raise LoadError(source, "the PDF has no extractable text (scanned images need OCR)")
    return Loaded(blocks, raw, title=_pdf_title(reader, lines))


def _refuse_old_office(data: bytes, source: str, what: str, extension: str) -> None:
    """An OLE2 container where a zip was expected: encrypted, or the pre-2007 format."""
    if data[:8] == OLE2_MAGIC:
        old = extension[:-1]  # docx -> doc, xlsx -> xls
        raise LoadError(
            source,
            f"the {what} is password protected or in the old .{old} format; "
            f"save it unprotected as .{extension}",
        )


def _load_docx(data: bytes, source: str, limits: IngestLimits) -> Loaded:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _refuse_old_office(data, source, "document", "docx")
    check_archive(data, limits, "docx")
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises zipfile/KeyError/lxml errors alike
        raise _unreadable(source, ".docx", exc) from exc
    blocks: list[Block] = []
    raw: list[str] = []
    size = _DocumentSize(limits)
    styles: dict[str | None, str] = {}
    position = 0
    for item in document.iter_inner_content():
        position += 1
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            raw.append(text)
            size.add(1, len(text))
            style = _style_name(item, styles)
            level_match = re.match(r"Heading (\d)", style)
            if style == "Title" or level_match:
                level = int(level_match.group(1)) if level_match else 1
                blocks.append(Block(text, "heading", level, position, position))
            elif style.startswith("List") or text[:1] in "•-":
                blocks.append(Block(text, "list", 0, position, position))
            else:
                blocks.append(Block(text, "paragraph", 0, position, position))
        elif isinstance(item, Table):
            rows = [_docx_row(row) for row in item.rows]
            rows = [r for r in rows if r]
            raw.extend(rows)
            size.add(len(rows), sum(len(r) for r in rows))
            table = [Block(r, "table_row", 0, position, position) for r in rows]
            blocks.extend(mark_table(table))
    if not blocks:
        raise LoadError(source, "the document has no text")
    return Loaded(type_blocks(blocks, tables_marked=True), "\n".join(raw))


class _DocumentSize:
    """Blocks and characters read so far; past a limit the document is refused."""

    def __init__(self, limits: IngestLimits) -> None:
        self.limits = limits
        self.blocks = 0
        self.chars = 0

    def add(self, blocks: int, chars: int) -> None:
        self.blocks += blocks
        self.chars += chars
        if self.blocks > self.limits.max_document_blocks:
            raise LimitExceeded(
                f"the document has more than {self.limits.max_document_blocks:,} blocks",
                "max_document_blocks",
            )
        if self.chars > self.limits.max_document_chars:
            raise LimitExceeded(
                f"the document has more than {self.limits.max_document_chars:,} characters",
                "max_document_chars",
            )


def _style_name(paragraph: Any, names: dict[str | None, str]) -> str:
    """The paragraph's style name, looked up once per style id (python-docx searches the
    styles part on every ``paragraph.style``: most of the time of a long document)."""
    key = paragraph._p.style
    if key not in names:
        style = paragraph.style
        names[key] = (style.name if style is not None else "") or ""
    return names[key]


def _docx_row(row: Any) -> str:
    """A Word table row as tab-separated cells, one per grid column: a cell merged across
    some columns repeats under each (as python-docx gives it), so every row lines up with its
    header; a cell merged across the whole row (a note or section row) appears once; a row of
    empty cells gives ``""``."""
    grid = list(row.cells)
    if len({id(cell._tc) for cell in grid}) == 1:
        grid = grid[:1]
    cells = [" ".join(cell.text.split()) for cell in grid]
    return "\t".join(cells) if any(cells) else ""


def _load_csv(data: bytes, source: str, limits: IngestLimits) -> Loaded:
    text = _decode(data, source, limits)
    try:
        sheet = csv_sheet(text, PurePosixPath(source).stem, limits)
    except csv.Error as exc:  # a field over csv's own size limit, a stray quote at the end
        raise LoadError(source, f"unreadable CSV ({describe_error(exc)})") from exc
    if len(sheet.rows) < 2:
        raise LoadError(source, "the CSV has a header but no data rows")
    return Loaded([], text, [sheet])


def _load_xlsx(data: bytes, source: str, limits: IngestLimits) -> Loaded:
    _refuse_old_office(data, source, "workbook", "xlsx")
    check_archive(data, limits, "xlsx")
    try:
        sheets = workbook_sheets(data, limits)
    except (Refusal, MemoryError):
        raise
    except Exception as exc:  # openpyxl, zipfile, lxml and ElementTree errors alike
        raise _unreadable(source, ".xlsx", exc) from exc
    if not sheets:
        raise LoadError(source, "the workbook has no worksheets")
    if not any(sheet.rows for sheet in sheets):
        raise LoadError(source, "every sheet of the workbook is empty")
    if not any(len(sheet.rows) >= 2 for sheet in sheets):
        raise LoadError(source, "the spreadsheet has a header but no data rows")
    text = "\n".join("\t".join(row) for sheet in sheets for row in sheet.rows)
    return Loaded([], text, sheets)


_LOADERS: dict[str, Callable[[bytes, str, IngestLimits], Loaded]] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".csv": _load_csv,
    ".xlsx": _load_xlsx,
}


def load_file(path: Path, corpus_root: Path, limits: IngestLimits | None = None) -> LoadedDocument:
    """Load one file; raises :class:`LoadError` with a specific reason on any failure,
    including a limit of ``limits`` (the defaults when None) that the file goes past."""
    limits = limits or IngestLimits()
    source = relative_source(path, corpus_root)
    suffix = path.suffix.lower()
    check_suffix(source, suffix)
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
        modified = path.stat().st_mtime
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > limits.max_file_bytes:
        raise LoadError(source, _too_big(limits))
    if not data:
        raise LoadError(source, "the file is empty")
    try:
        read_as = reading_type(data, suffix)
        blocks, raw, sheets, stated_title = _LOADERS[read_as](data, source, limits)
        _check_size(blocks, raw, limits)
    except Refusal as exc:
        raise LoadError(source, exc.reason) from exc
    return LoadedDocument(
        source=source,
        kind=kind_for(source, raw if sheets is None and read_as in {".txt", ".md"} else ""),
        title=stated_title
        or (derive_title(blocks, source) if sheets is None else title_from_filename(source)),
        blocks=blocks,
        sheets=sheets,
        raw_text=raw,
        file_hash=_file_hash(data),
        modified_at=modified,
    )


def check_suffix(source: str, suffix: str) -> None:
    """Refuse a name no loader reads (``.pptx``) before reading a byte of the file."""
    if suffix not in _LOADERS:
        raise LoadError(source, f"unsupported file type {suffix or '(none)'}")


def _too_big(limits: IngestLimits) -> str:
    return LimitExceeded(
        f"the file is larger than {size_text(limits.max_file_bytes)}", "max_file_bytes"
    ).reason


def _check_size(blocks: list[Block], raw: str, limits: IngestLimits) -> None:
    """What every loader produced, against the document limits (the loaders that can stop
    early check as they go)."""
    if len(blocks) > limits.max_document_blocks:
        raise LimitExceeded(
            f"the document has more than {limits.max_document_blocks:,} blocks",
            "max_document_blocks",
        )
    if len(raw) > limits.max_document_chars:
        raise LimitExceeded(
            f"the document has more than {limits.max_document_chars:,} characters",
            "max_document_chars",
        )


def precheck(path: Path, source: str, limits: IngestLimits) -> str:
    """The checks that need no parsing (type by name, size on disk), then the file's content
    hash (the one :func:`load_file` records), read in pieces; raises :class:`LoadError`."""
    check_suffix(source, path.suffix.lower())
    try:
        if path.stat().st_size > limits.max_file_bytes:
            raise LoadError(source, _too_big(limits))
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from exc


def discover_files(paths: list[Path]) -> list[Path]:
    """Every supported file under the given files/folders, sorted, hidden files skipped."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for candidate in path.rglob("*"):
                hidden = any(part.startswith(".") for part in candidate.relative_to(path).parts)
                if candidate.is_file() and not hidden:
                    found.add(candidate)
        elif path.exists():
            found.add(path)
    return sorted(found)
