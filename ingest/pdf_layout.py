"""Read a PDF page by where its text sits: running lines dropped, two text columns put in
reading order, tables rebuilt as rows of cells.

pypdf's layout mode keeps each line's horizontal positions as runs of spaces, so:

* **Running headers and footers** are the lines at the top or bottom of most pages that read
  the same once their digits are ignored ("Page 3 of 6", "… | OFFICIAL"); page-number lines
  ("Page 4", "4 of 6", "- 4 -") at a page's top or bottom go too.
* **Two text columns** show as a gutter: a band of character positions near the middle of the
  page that no line crosses, with prose on both sides. The left column is read, then the right.
* **A table** shows as lines split by wide gaps into cells that line up under a header line.
  Its rows become tab-separated lines (the form the rest of ingest reads as table rows); a
  label wrapped above or below its row's figures is joined back, and a header repeated at the
  top of the next page is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ingest.lexicon import TO_SUPERSCRIPT

_GAP = re.compile(r"\s{3,}")
_CELL = re.compile(r"\S+(?:\s{1,2}\S+)*")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
_PAGE_WORD = re.compile(r"\bpage\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_EDGE_LINES = 3
"""How many non-blank lines at a page's top and bottom may be running lines."""
_MIN_TABLE_ROWS = 3
_MIN_COLUMN_WORDS = 4
"""Average words per line each side of a gutter must have for the page to be two columns of
prose (a two-column table of short cells is read as a table instead)."""


def page_text(page: Any) -> str:
    """A pypdf page's text in layout mode (positions kept as spaces); plain mode when layout
    extraction fails on an unusual page."""
    try:
        return str(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # pypdf's layout mode raises on some fonts and rotations
        return str(page.extract_text() or "")


def _key(line: str) -> str:
    """A line compared across pages: digits ignored, spaces collapsed, case folded."""
    return " ".join(_DIGITS.sub("#", line).split()).casefold()


def _edge_indexes(lines: list[str]) -> list[int]:
    """The first and last few non-blank lines: at most a quarter of a short page each, so a
    page's body is never taken for its header."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edge = min(_EDGE_LINES, max(1, len(filled) // 4))
    return filled[:edge] + filled[-edge:]


def drop_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Pages without their running headers, footers and page numbers; and the lines dropped
    (each distinct line once), so a caller can report them."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(lines[i]) for i in _edge_indexes(lines)})
    enough = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= enough and key}
    dropped: dict[str, None] = {}
    out: list[list[str]] = []
    for lines in pages:
        edges = set(_edge_indexes(lines))
        kept: list[str] = []
        for index, line in enumerate(lines):
            text = " ".join(line.split())
            is_running = index in edges and (
                _key(line) in running or bool(_PAGE_NUMBER.match(text))
            )
            if is_running:
                dropped[text] = None
                kept.append("")
            elif index in edges and _PAGE_WORD.search(text) and len(running) > 0:
                # "Registered charity no. 1234567 · Page 8": a footer whose digits vary
                dropped[text] = None
                kept.append("")
            else:
                kept.append(line)
        out.append(kept)
    return out, list(dropped)


_NOTE_LINE = re.compile(r"^(\d{1,2})\s{1,3}(?=[A-Z])")
_BOTTOM_GAP = 3
"""Blank lines that set a page's footnotes apart from its body."""


def mark_footnotes(lines: list[str]) -> list[str]:
    """Footnotes printed with plain digits ("1  Ecological status …" under a gap at the foot
    of the page, its marker glued to a word above: "status1") written with superscripts, as
    most PDFs have them, so the footnote reader finds them: "status¹", "¹ Ecological …"."""
    blank_run, bottom = 0, None
    for index, line in enumerate(lines):
        if not line.strip():
            blank_run += 1
            continue
        if blank_run >= _BOTTOM_GAP and _NOTE_LINE.match(line):
            bottom = index
        blank_run = 0
    if bottom is None:
        return lines
    body = "\n".join(lines[:bottom])
    out = list(lines)
    for index in range(bottom, len(lines)):
        note = _NOTE_LINE.match(lines[index])
        if note is None:
            continue
        number = note.group(1)
        glued = re.compile(rf"(?<=[a-z%)]){number}\b")
        if not glued.search(body):
            continue
        out[index] = number.translate(TO_SUPERSCRIPT) + " " + lines[index][note.end() :]
        for above in range(bottom):
            out[above] = glued.sub(number.translate(TO_SUPERSCRIPT), out[above])
    return out


def _gutter(lines: list[str]) -> int | None:
    """The character position of a gutter between two columns of prose, or None."""
    width = max((len(line) for line in lines), default=0)
    if width < 40:
        return None
    texts = [line for line in lines if line.strip()]
    if len(texts) < 8:
        return None
    best: tuple[int, int] | None = None
    for x in range(int(width * 0.3), int(width * 0.7)):
        crossing = sum(1 for line in texts if len(line) > x and line[x] != " ")
        both = sum(
            1
            for line in texts
            if line[:x].strip() and len(line) > x + 1 and line[x:].strip() and line[x] == " "
        )
        if crossing == 0 and both >= max(4, len(texts) // 3) and (best is None or both > best[1]):
            best = (x, both)
    if best is None:
        return None
    x = best[0]
    left = [line[:x].split() for line in texts if line[:x].strip()]
    right = [line[x:].split() for line in texts if len(line) > x and line[x:].strip()]
    if not left or not right:
        return None
    average = min(sum(map(len, left)) / len(left), sum(map(len, right)) / len(right))
    return x if average >= _MIN_COLUMN_WORDS else None


def reading_order(lines: list[str]) -> list[str]:
    """A page set in two columns as the left column's lines, a blank, then the right's."""
    x = _gutter(lines)
    if x is None:
        return lines
    left = [line[:x].rstrip() for line in lines]
    right = [line[x:].strip() if len(line) > x else "" for line in lines]
    return [*left, "", *right]


@dataclass
class _Cell:
    start: int
    end: int
    text: str


def _cells(line: str) -> list[_Cell]:
    """Pieces of a line split at gaps of three or more spaces, with their positions."""
    return [_Cell(m.start(), m.end(), m.group(0)) for m in _CELL.finditer(line)]


def _justified_prose(cells: list[_Cell]) -> bool:
    """Justified text spreads single words apart ("such    as    Himalayan    balsam"); a row
    of figures or of capitalised headers is not prose."""
    single = [c.text for c in cells if " " not in c.text]
    lower_words = [w for w in single if w[:1].islower()]
    return len(cells) >= 3 and len(single) >= len(cells) - 1 and len(lower_words) * 2 >= len(cells)


def _is_row(cells: list[_Cell]) -> bool:
    return len(cells) >= 2 and not _justified_prose(cells)


@dataclass
class _Table:
    columns: list[tuple[int, int]]
    """(start, end) of each header cell."""
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    pending_label: str = ""
    last_row_labelled_from_pending: bool = False

    def column_of(self, cell: _Cell) -> int:
        """The header cell the piece overlaps most, else the one whose centre is nearest."""

        def overlap(span: tuple[int, int]) -> int:
            return min(span[1], cell.end) - max(span[0], cell.start)

        best = max(range(len(self.columns)), key=lambda i: overlap(self.columns[i]))
        if overlap(self.columns[best]) > 0:
            return best
        centre = (cell.start + cell.end) / 2
        return min(
            range(len(self.columns)),
            key=lambda i: abs((self.columns[i][0] + self.columns[i][1]) / 2 - centre),
        )

    def place(self, cells: list[_Cell]) -> list[str]:
        """The row's cells under the header's columns: in order when there are as many as
        columns, else each under the column it lines up with."""
        if len(cells) == len(self.columns):
            return [c.text for c in cells]
        row = [""] * len(self.columns)
        for cell in cells:
            index = self.column_of(cell)
            row[index] = f"{row[index]} {cell.text}".strip()
        return row


def _same_header(a: list[str], b: list[str]) -> bool:
    return [" ".join(x.split()).casefold() for x in a] == [
        " ".join(x.split()).casefold() for x in b
    ]


def rebuild_tables(lines: list[str]) -> list[str]:
    """Lines with each table's rows written as tab-separated cells (header first)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        table, end = _read_table(lines, index)
        if table is None:
            out.append(lines[index])
            index += 1
            continue
        out.append("\t".join(table.header))
        out.extend("\t".join(row) for row in table.rows)
        index = end
    return out


def _read_table(lines: list[str], start: int) -> tuple[_Table | None, int]:
    """The table whose header is ``lines[start]``, and the index after it; None when the
    lines from there do not make a table of at least three rows."""
    header_cells = _cells(lines[start])
    if not _is_row(header_cells) or len(header_cells) < 2:
        return None, start
    table = _Table([(c.start, c.end) for c in header_cells], [c.text for c in header_cells])
    index = start + 1
    blank_run = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            blank_run += 1
            if blank_run > 2:
                break
            table.pending_label = ""
            index += 1
            continue
        gap_before = blank_run
        blank_run = 0
        cells = _cells(line)
        if _same_header([c.text for c in cells], table.header):
            index += 1  # the header repeated at the top of the next page
            continue
        if _is_row(cells) and gap_before == 0 and table.rows and _continues_row(cells, table):
            last = table.rows[-1]
            for cell in cells:
                column = table.column_of(cell)
                last[column] = f"{last[column]} {cell.text}".strip()
        elif _is_row(cells) and len(cells) >= 2:
            row = table.place(cells)
            if not row[0] and table.pending_label:
                row[0] = table.pending_label
                table.last_row_labelled_from_pending = True
            else:
                table.last_row_labelled_from_pending = False
            table.pending_label = ""
            if sum(1 for c in row if c) < 2:
                break
            table.rows.append(row)
        elif len(cells) == 1:
            cell = cells[0]
            column = table.column_of(cell)
            continues = gap_before == 0 and table.rows
            if not table.rows and column > 0:
                table.header[column] = f"{table.header[column]} {cell.text}".strip()
            elif column == 0 and _labels_next_row(lines, index, table):
                table.pending_label = cell.text
            elif continues and (
                column > 0 or table.last_row_labelled_from_pending or _wraps(table)
            ):
                last = table.rows[-1]
                last[column] = f"{last[column]} {cell.text}".strip()
                table.last_row_labelled_from_pending = False
            elif column == 0 and len(cell.text.split()) <= 8:
                table.pending_label = cell.text
            else:
                break
        else:
            break
        index += 1
    if len(table.rows) < _MIN_TABLE_ROWS:
        return None, start
    return table, index


def _continues_row(cells: list[_Cell], table: _Table) -> bool:
    """Wrapped cells of the row above ("communities" / "(cumulative)"): at most half the
    columns, each piece going on in lower case or in brackets."""
    return len(cells) * 2 <= len(table.columns) and all(
        c.text[:1].islower() or c.text[:1] == "(" for c in cells
    )


def _labels_next_row(lines: list[str], index: int, table: _Table) -> bool:
    """A lone label directly above a row of figures with no label of its own."""
    if index + 1 >= len(lines):
        return False
    cells = _cells(lines[index + 1])
    return _is_row(cells) and not table.place(cells)[0]


def _wraps(table: _Table) -> bool:
    """The last row's label looks cut off ("3. Resilient", "… under-represented")."""
    label = table.rows[-1][0]
    return bool(label) and not re.search(r"[.:;)]$", label) and len(label.split()) <= 6
