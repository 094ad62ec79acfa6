"""Spreadsheets (CSV and every sheet of an XLSX workbook) read as grids of text cells.

Cells become text the way a reader sees them: a spreadsheet date is ``2026-03-31``, a whole
number has no ``.0``. Row numbers are the file's own (1-based), so a record cites the row a
person finds in the sheet. Reading is bounded: rows are streamed, the range a sheet claims
(its ``dimension``) is ignored, so reading stops at its last row, whatever it claims; at most
:data:`MAX_COLUMNS` columns are kept, and a spreadsheet holding more cells or rows than the
limits allow is refused (:class:`~ingest.limits.LimitExceeded`) as soon as it crosses them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice

from ingest.limits import IngestLimits, LimitExceeded

MAX_COLUMNS = 64
_DEFAULT_LIMITS = IngestLimits()


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


class _Budget:
    """Cells and rows kept so far from one spreadsheet, every sheet together."""

    def __init__(self, limits: IngestLimits) -> None:
        self.limits = limits
        self.cells = 0
        self.rows = 0

    def take(self, sheet: Sheet, cells: int) -> None:
        """Count one kept row of ``cells`` cells of ``sheet``; over a limit: refuse the file."""
        self.cells += cells
        self.rows += 1
        limit = self.limits.max_sheet_cells
        if self.cells > limit:
            own = sum(len(row) for row in sheet.rows) + cells
            whose = (
                f"sheet {sheet.name!r}"
                if own > limit
                else f"the spreadsheet (at sheet {sheet.name!r})"
            )
            raise LimitExceeded(f"{whose} has more than {limit:,} cells", "max_sheet_cells")
        if self.rows > self.limits.max_document_blocks:
            raise LimitExceeded(
                f"the spreadsheet has more than {self.limits.max_document_blocks:,} non-empty rows",
                "max_document_blocks",
            )


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


def csv_sheet(text: str, name: str, limits: IngestLimits = _DEFAULT_LIMITS) -> Sheet:
    """A CSV's rows; the separator (``,`` ``;`` tab ``|``) is found from the first rows."""
    delimiter = sniff_delimiter(text)
    sheet = Sheet(name, [], [])
    budget = _Budget(limits)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for index, row in enumerate(reader, start=1):
        cells = _trimmed([cell_text(c) for c in row[:MAX_COLUMNS]])
        if any(cells):
            budget.take(sheet, len(cells))
            sheet.rows.append(cells)
            sheet.numbers.append(index)
    return sheet


def workbook_sheets(data: bytes, limits: IngestLimits = _DEFAULT_LIMITS) -> list[Sheet]:
    """Every worksheet of an XLSX workbook, in workbook order (openpyxl, read-only, values).

    The ``dimension`` a sheet states is dropped before reading: openpyxl would otherwise pad
    the rows out to it (a 5 KB file claiming ``A1:XFD1048576`` means a million empty rows).
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    budget = _Budget(limits)
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            if isinstance(worksheet, ReadOnlyWorksheet):
                worksheet.reset_dimensions()
            sheet = Sheet(worksheet.title, [], [])
            rows = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            for index, row in enumerate(rows, start=1):
                if row.count(None) == len(row):  # a gap between rows: skipped at C speed
                    continue
                cells = _trimmed([cell_text(c) for c in row])
                if not any(cells):
                    continue
                budget.take(sheet, len(cells))
                sheet.rows.append(cells)
                sheet.numbers.append(index)
            sheets.append(sheet)
        return sheets
    finally:
        workbook.close()
