"""Spreadsheets (CSV and every sheet of an XLSX workbook) read as grids of text cells.

Cells become text the way a reader sees them: a spreadsheet date is ``2026-03-31``, a whole
number has no ``.0``. Row numbers are the file's own (1-based), so a record cites the row a
person finds in the sheet. Reading is bounded: a sheet claiming a million rows is read until
its last non-empty row, at most :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice

MAX_ROWS = 50_000
MAX_COLUMNS = 64
_EMPTY_RUN_LIMIT = 1_000
"""Stop a sheet after this many empty rows in a row: formatting, not data, goes on below."""


@dataclass
class Sheet:
    """One grid: a CSV file or one worksheet."""

    name: str
    rows: list[list[str]]
    """Non-empty rows only, trailing empty cells dropped."""
    numbers: list[int]
    """The 1-based row number in the file of each entry of ``rows``."""

    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def cell_text(value: object) -> str:
    """A cell as a reader sees it: dates ISO, whole floats without ``.0``, text stripped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if "\n" in str(value) else str(value).strip()


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_ROWS = 30


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first rows into the same number (>1) of cells most
    often; ties go to the one giving more cells. Quotes are honoured, so a ``;`` inside a
    quoted note does not count (``csv.Sniffer`` is misled by exactly that)."""
    sample = text[:65_536]
    best: tuple[float, int, str] = (0.0, 0, ",")
    for delimiter in _DELIMITERS:
        counts = [
            len(row)
            for row in islice(csv.reader(io.StringIO(sample), delimiter=delimiter), _SNIFF_ROWS)
            if any(cell.strip() for cell in row)
        ]
        if not counts:
            continue
        usual = max(set(counts), key=counts.count)
        if usual < 2:
            continue
        share = counts.count(usual) / len(counts)
        if (share, usual) > best[:2]:
            best = (share, usual, delimiter)
    return best[2]


def csv_sheet(text: str, name: str) -> Sheet:
    """A CSV's rows; the separator (``,`` ``;`` tab ``|``) is found from the first rows."""
    delimiter = sniff_delimiter(text)
    rows: list[list[str]] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for index, row in enumerate(reader, start=1):
        if index > MAX_ROWS:
            break
        cells = _trimmed([cell_text(c) for c in row[:MAX_COLUMNS]])
        if any(cells):
            rows.append(cells)
            numbers.append(index)
    return Sheet(name, rows, numbers)


def workbook_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet of an XLSX workbook, in workbook order (openpyxl, read-only, values)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            rows: list[list[str]] = []
            numbers: list[int] = []
            empty_run = 0
            for index, row in enumerate(
                worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
            ):
                if index > MAX_ROWS or empty_run > _EMPTY_RUN_LIMIT:
                    break
                cells = _trimmed([cell_text(c) for c in row])
                if not any(cells):
                    empty_run += 1
                    continue
                empty_run = 0
                rows.append(cells)
                numbers.append(index)
            sheets.append(Sheet(worksheet.title, rows, numbers))
        return sheets
    finally:
        workbook.close()
