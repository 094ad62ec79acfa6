"""Turn a tracker sheet of any shape (CSV, XLSX) into action records.

Finding the table
    The header row is the row, among the first :data:`HEADER_SEARCH_ROWS`, whose cells name
    the most tracker columns (an action column and a status, owner, RAG or due column at
    least); title rows above it are the sheet's title. A sheet with no such row is not a
    tracker (a key, a list of values) and is indexed as a table instead.

Columns, by name and then by content
    Each header is matched against :data:`COLUMN_RULES`, one row per field with the phrases
    trackers use and examples; a header matches a phrase when it holds all of the phrase's
    words (``Lead officer`` holds ``lead``; ``Status / update`` holds ``status``). Rules are
    tried in table order, so ``Last updated`` is ``updated`` before ``update`` can make it a
    status, and ``Action ID`` is a ref before ``action`` can make it the action. When two
    headers name one field, the one whose phrase comes first wins; a second status-like column
    becomes ``notes`` (``Status`` + ``Update (Mar 26)``). Columns still unnamed are read by
    content: a column of Red/Amber/Green is the RAG, a column of dates the due date, a column
    of people's names the owner, a column of status words the status. Whatever is left is kept
    in ``record.extra`` under its header as written, and reported as unmapped.

Rows without an action:
    * every cell empty, or a repeat of the header row → skipped;
    * one non-empty cell that looks like a heading (in the aim column, left of the action
      column, or worded like one: ``Strategic aim 2 …``, ``Theme: …``, all capitals) → the aim
      for following rows, as trackers do with section rows (a merged cell reads this way);
    * otherwise the cells continue the previous action (a merged action cell leaves later
      lines of the same row blank): their text is appended to its fields.
An action cell that reads like a heading with every other cell empty is a heading too.

A value in the aim column carries forward over blank aim cells (merged cells export that way).
``rag`` becomes ``Red``/``Amber``/``Green`` from R/A/G or the words in any case; anything else
is ``None`` with the text kept in ``extra["rag_raw"]``. ``due`` is kept as written. ``owner``
is the cell as written, ``None`` when blank, with ``extra["owner_missing"]`` as in
:mod:`ingest.actionlog`. Ids hash source, sheet, aim and action, never the row number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ingest.actionlog import NoActionRowsError, normalise_rag, owner_is_missing
from ingest.columns import COLUMN_RULES, column_field
from ingest.dates import is_date_like
from ingest.sheets import Sheet
from ingest.status import StatusLabel, classify_status
from ingest.types import ActionRecord, Block, content_hash

__all__ = [
    "COLUMN_RULES",
    "SheetParse",
    "TabularParse",
    "column_field",
    "looks_like_tracker",
    "parse_tracker_rows",
    "read_sheet",
]

HEADER_SEARCH_ROWS = 25


_TRACKER_FIELDS = {"status", "owner", "rag", "due"}

_SPACES = re.compile(r"\s+")

_HEADING_WORDS = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:strategic\s+)?(?:aim|objective|theme|workstream|priority|goal|section"
    r"|programme|strand|pillar)\b",
    re.IGNORECASE,
)


@dataclass
class TabularParse:
    """Records plus how the headers were read, so callers can report what was ignored."""

    records: list[ActionRecord]
    column_map: dict[str, str]
    """Header as written → field (``{"Lead": "owner"}``)."""
    unmapped_columns: list[str] = field(default_factory=list)


def _map_columns(headers: Sequence[str]) -> dict[str, str]:
    """Header → field by name; the best-ranked phrase wins each field, ties go to the leftmost.
    A status-like column that loses to another becomes ``notes`` when no notes column exists."""
    best: dict[str, tuple[int, int, str]] = {}
    runners_up: dict[str, list[tuple[int, int, str]]] = {}
    for position, header in enumerate(headers):
        hit = column_field(header)
        if hit is None:
            continue
        fieldname, rank = hit
        if fieldname not in best:
            best[fieldname] = (rank, position, header)
            continue
        loser = max(best[fieldname], (rank, position, header))
        best[fieldname] = min(best[fieldname], (rank, position, header))
        if fieldname in RUNNER_UP_FIELDS:
            runners_up.setdefault(RUNNER_UP_FIELDS[fieldname], []).append(loser)
    for fieldname, losers in runners_up.items():
        if fieldname not in best:
            best[fieldname] = min(losers)
    return {header: fieldname for fieldname, (_, _, header) in best.items()}


RUNNER_UP_FIELDS = {"status": "notes", "aim": "goal"}
"""A second column naming one of these fields is read as the field beside it: ``Update (Mar
26)`` beside ``Status`` holds the notes; ``Strategy goal`` beside ``Programme`` the goal."""


_CONTENT_SHARE = 0.6
"""Share of a column's non-empty cells that must read as one kind for the column to be it."""
_PERSON_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’-]*\.?|[A-Z]\.|&|\+|/|and|,|\(|\)|team)$")


def _looks_like_people(value: str) -> bool:
    """``J. Okafor / P. Lind``, ``Dev Sharma, Lucy Obi``, ``Estates team``: short, capitalised
    words with no digits and no status meaning."""
    words = re.findall(r"[^\s,/&+()]+|[,/&+()]", value)
    if not words or len(words) > 10 or any(c.isdigit() for c in value):
        return False
    if classify_status(value).label is not StatusLabel.UNKNOWN or normalise_rag(value):
        return False
    return all(_PERSON_WORD.match(w) for w in words)


def _status_word(value: str) -> bool:
    return classify_status(value).label is not StatusLabel.UNKNOWN


_CONTENT_KINDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("rag", lambda v: normalise_rag(v) is not None),
    ("due", is_date_like),
    ("owner", _looks_like_people),
    ("status", _status_word),
)
"""Fields a column can be recognised as by its cells, in the order they are tried."""


def _free_columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]], taken: dict[str, str]
) -> list[tuple[str, list[str]]]:
    """(header, its non-empty cells) of each column not yet mapped that has two cells or more."""
    columns = []
    for position, header in enumerate(headers):
        values = [r[position] for r in rows if position < len(r) and r[position]]
        if header not in taken and len(values) >= 2:
            columns.append((header, values))
    return columns


def _map_by_content(
    headers: Sequence[str], rows: Sequence[Sequence[str]], column_map: dict[str, str]
) -> dict[str, str]:
    """Fields no header named, found from the cells of the columns no header mapped."""
    found = dict(column_map)
    for fieldname, test in _CONTENT_KINDS:
        if fieldname in found.values():
            continue
        for header, values in _free_columns(headers, rows, found):
            hits = sum(1 for v in values if test(v))
            if hits / len(values) >= _CONTENT_SHARE:
                found[header] = fieldname
                break
    if "action" not in found.values():
        longest = _longest_text_column(headers, rows, found)
        if longest is not None and len(set(found.values()) & _TRACKER_FIELDS) >= 2:
            found[longest] = "action"
    return found


def _longest_text_column(
    headers: Sequence[str], rows: Sequence[Sequence[str]], taken: dict[str, str]
) -> str | None:
    """The unmapped column with the longest text on average: a tracker's action column."""
    best: tuple[float, str] | None = None
    for header, values in _free_columns(headers, rows, taken):
        average = sum(len(v.split()) for v in values) / len(values)
        if best is None or average > best[0]:
            best = (average, header)
    return best[1] if best is not None and best[0] >= _ACTION_WORDS else None


_ACTION_WORDS = 4
"""Words an action cell has on average: actions are phrases ("Agree 20 new farm plans …"),
unlike the names in a list of dropdown values."""


def looks_like_tracker(headers: Sequence[str]) -> bool:
    """Whether a header names a tracker: an action column plus a status or owner column."""
    fields = set(_map_columns(headers).values())
    return "action" in fields and bool(fields & {"status", "owner"})


def _cell(row: dict[str, str], header: str) -> str:
    """A stripped cell; readers may give None or non-strings for short rows."""
    value = row.get(header)
    return "" if value is None else str(value).strip()


def _looks_like_heading(text: str, header: str, fields: dict[str, str], headers: list[str]) -> bool:
    """Section rows: the aim column, a column left of the action, or heading-like wording."""
    if fields.get(header) == "aim":
        return True
    action_header = next(h for h, f in fields.items() if f == "action")
    if headers.index(header) < headers.index(action_header):
        return True
    letters = re.sub(r"[^A-Za-z]", "", text)
    return bool(_HEADING_WORDS.match(text)) or (len(letters) > 2 and letters.isupper())


@dataclass
class _Row:
    """A tracker row being built; later rows with an empty action cell may extend it."""

    aim: str
    row: int
    row_end: int
    fields: dict[str, str]
    extra: dict[str, str]

    def extend(self, fields: dict[str, str], extra: dict[str, str], number: int) -> None:
        """Append a continuation row's text (merged action cells export blank below)."""
        for target, values in ((self.fields, fields), (self.extra, extra)):
            for key, value in values.items():
                if value and key not in {"action", "aim"}:
                    joiner = "; " if key == "owner" else " "
                    target[key] = f"{target[key]}{joiner}{value}" if target.get(key) else value
        self.row_end = number


def parse_tracker_rows(
    headers: list[str],
    rows: list[dict[str, str]],
    source: str,
    first_data_row: int = 2,
    *,
    column_map: dict[str, str] | None = None,
    numbers: Sequence[int] | None = None,
    sheet: str | None = None,
) -> TabularParse:
    """Map a tracker's rows to records; ``row`` is the spreadsheet row (header is row 1, or
    ``numbers`` gives each row's number). ``column_map`` defaults to mapping by name.

    Raises NoActionRowsError when no row has an action.
    """
    column_map = column_map if column_map is not None else _map_columns(headers)
    by_field = {f: h for h, f in column_map.items()}
    unmapped = [h for h in headers if h not in column_map]
    if "action" not in by_field:
        raise NoActionRowsError(source, f"no action column among headers {headers!r}")
    action_header = by_field["action"]
    header_key = [_fold(h) for h in headers]
    built: list[_Row] = []
    aim = ""
    for index, raw in enumerate(rows):
        number = numbers[index] if numbers is not None else first_data_row + index
        cells = {h: _cell(raw, h) for h in headers}
        if [_fold(cells[h]) for h in headers] == header_key or _repeats_a_header(cells):
            continue  # the header again: an export that repeats it, or two pasted together
        action = cells[action_header]
        filled = {h: v for h, v in cells.items() if v and h != action_header}
        if not action and not filled:
            continue
        if not action and len(filled) == 1:
            ((header, text),) = filled.items()
            if _looks_like_heading(text, header, column_map, headers):
                aim = text
                continue
        if action and not filled and _HEADING_WORDS.match(action):
            aim = action
            continue
        if "aim" in by_field and cells[by_field["aim"]]:
            aim = cells[by_field["aim"]]
        fields = {f: cells[h] for h, f in column_map.items()}
        extra = {h: cells[h] for h in unmapped}
        if action:
            built.append(_Row(aim, number, number, fields, extra))
        elif built:
            built[-1].extend(fields, extra, number)
    if not built:
        raise NoActionRowsError(source, "no row has an action")
    seen: dict[str, int] = {}
    records = [_record(row, source, seen, sheet) for row in built]
    used = [h for h in unmapped if any(r.extra.get(h) for r in records)]
    return TabularParse(records=records, column_map=column_map, unmapped_columns=used)


def _repeats_a_header(cells: dict[str, str]) -> bool:
    """A row whose cells name tracker columns (a header pasted in again from another export)."""
    filled = [v for v in cells.values() if v]
    score, is_tracker = _header_score(filled)
    return is_tracker and score * 2 >= len(filled)


def _fold(text: str) -> str:
    """Case-fold and collapse spaces so cosmetic edits keep ids stable."""
    return _SPACES.sub(" ", text).strip().casefold()


def _record(row: _Row, source: str, seen: dict[str, int], sheet: str | None) -> ActionRecord:
    """Build the record; ids hash source, sheet, aim and action so row moves keep them."""
    action = row.fields["action"]
    place = source if sheet is None else f"{source}\x1f{sheet}"
    key = f"{place}\x1f{_fold(row.aim)}\x1f{_fold(action)}"
    seen[key] = seen.get(key, 0) + 1
    if seen[key] > 1:
        key = f"{key}\x1f{seen[key]}"
    extra = dict(row.extra)
    owner = row.fields.get("owner") or None
    extra["owner_missing"] = "true" if owner is None or owner_is_missing(owner) else "false"
    rag_text = row.fields.get("rag", "")
    rag = normalise_rag(rag_text) if rag_text else None
    if rag_text and rag is None:
        extra["rag_raw"] = rag_text
    return ActionRecord(
        id=content_hash(key),
        aim=row.aim,
        action=action,
        status=row.fields.get("status", ""),
        owner=owner,
        rag=rag,
        due=row.fields.get("due") or None,
        source=source,
        row=row.row,
        row_end=row.row_end,
        extra=extra,
        ref=row.fields.get("ref") or None,
        updated=row.fields.get("updated") or None,
        notes=row.fields.get("notes", ""),
        goal=row.fields.get("goal") or None,
        sheet=sheet,
    )


@dataclass
class SheetParse:
    """What one sheet became: records (a tracker) or table rows (anything else)."""

    sheet: Sheet
    header_row: int | None
    """The row number of the header in the file; None when no row reads as one."""
    headers: list[str]
    title: str
    """Text of the rows above the header (a tracker's title rows), joined."""
    tracker: TabularParse | None

    def data_rows(self) -> list[tuple[int, dict[str, str]]]:
        """(row number, header-keyed cells) for the rows under the header."""
        if self.header_row is None:
            return []
        start = self.sheet.numbers.index(self.header_row) + 1
        return [
            (number, dict(zip(self.headers, cells, strict=False)))
            for number, cells in zip(
                self.sheet.numbers[start:], self.sheet.rows[start:], strict=True
            )
        ]


def _header_score(cells: Sequence[str]) -> tuple[int, bool]:
    """(how many cells name a field, whether they make a tracker header)."""
    fields = {hit[0] for c in cells if c and (hit := column_field(c)) is not None}
    return len(fields), _is_tracker(fields)


def _is_tracker(fields: set[str]) -> bool:
    """An action column with a status or owner column, or with two of RAG, due and the rest."""
    return "action" in fields and (
        bool(fields & {"status", "owner"}) or len(fields & _TRACKER_FIELDS) >= 2
    )


def find_header(sheet: Sheet) -> int | None:
    """Index in ``sheet.rows`` of the tracker header: the row among the first
    :data:`HEADER_SEARCH_ROWS` naming the most fields, with rows under it; None when no row
    names a tracker. (The last row of a key, "(blank) | Not yet assessed, or action not yet
    started | Lead to assess", names an action and a lead but heads nothing.)"""
    best: tuple[int, int] | None = None
    for index, cells in enumerate(sheet.rows[: min(HEADER_SEARCH_ROWS, len(sheet.rows) - 1)]):
        score, is_tracker = _header_score(cells)
        if is_tracker and (best is None or score > best[0]):
            best = (score, index)
    return best[1] if best is not None else None


def _table_header(sheet: Sheet) -> int | None:
    """The first row with two or more cells, none of them a long sentence: a table's header."""
    for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        filled = [c for c in cells if c]
        if len(filled) >= 2 and all(len(c) <= 60 for c in filled):
            return index
    return None


def _unique_headers(raw: Sequence[str]) -> list[str]:
    headers: list[str] = []
    for index, cell in enumerate(raw):
        name = cell.strip() or f"column {index + 1}"
        while name in headers:
            name += "_"
        headers.append(name)
    return headers


def read_sheet(sheet: Sheet, source: str, several: bool = False) -> SheetParse:
    """A sheet's header, title rows and, when it is a tracker, its records.

    ``several``: the workbook has more than one sheet, so records carry the sheet's name.
    A sheet whose header names no tracker may still be one by content (a column of people, a
    column of RAG values …); otherwise it is a plain table, or a list when it has one column.
    """
    index = find_header(sheet)
    by_name = index is not None
    if index is None:
        index = _table_header(sheet)
    if index is None:
        return SheetParse(sheet, None, [], "", None)
    width = sheet.width()
    headers = _unique_headers([*sheet.rows[index], *[""] * (width - len(sheet.rows[index]))])
    title = " ".join(" ".join(c for c in row if c) for row in sheet.rows[:index])
    body = sheet.rows[index + 1 :]
    column_map = _map_columns(headers)
    column_map = _map_by_content(headers, body, column_map)
    fields = set(column_map.values())
    tracker: TabularParse | None = None
    if by_name or _is_tracker(fields):
        rows = [dict(zip(headers, cells, strict=False)) for cells in body]
        try:
            tracker = parse_tracker_rows(
                headers,
                rows,
                source,
                column_map=column_map,
                numbers=sheet.numbers[index + 1 :],
                sheet=sheet.name if several else None,
            )
        except NoActionRowsError:
            tracker = None
    return SheetParse(sheet, sheet.numbers[index], headers, title, tracker)


def sheet_blocks(parse: SheetParse, several: bool) -> list[Block]:
    """A sheet that is not a tracker, as blocks: its title, then one block per row with each
    cell after its column's header (``Colour: Red; Meaning: off track``), so a cell is found
    by its row and its column. A sheet with no header row is one line per row."""
    name = parse.sheet.name
    blocks: list[Block] = []
    if several:
        blocks.append(Block(name, "heading", 1, parse.sheet.numbers[0], parse.sheet.numbers[0]))
    if parse.header_row is None:
        for number, cells in zip(parse.sheet.numbers, parse.sheet.rows, strict=True):
            text = " ".join(c for c in cells if c)
            blocks.append(Block(text, "paragraph", 0, number, number))
        return blocks
    if parse.title:
        blocks.append(Block(parse.title, "heading", 2, parse.header_row, parse.header_row))
    for number, row in parse.data_rows():
        cells = [f"{h}: {v}" for h, v in row.items() if v and not h.startswith("column ")]
        cells += [v for h, v in row.items() if v and h.startswith("column ")]
        if cells:
            blocks.append(Block("; ".join(cells), "table_row", 0, number, number))
    return blocks
