"""Turn CSV/XLSX tracker rows into action records by mapping the trackers' many header names.

Trackers name the same column in many ways (``Lead``, ``Owner(s)``, ``Status / Comments``), so
headers are matched against synonym lists after dropping case, spaces and punctuation. When
two headers map to one field, the one whose synonym comes first in the list wins (``Status``
beats ``Comments``) and the other is reported unmapped. Unmapped columns keep their values in
``record.extra`` under the header as written, so nothing in the sheet is lost.

Rows without an action:
    * every cell empty → skipped;
    * one non-empty cell that looks like a heading (in the aim column, left of the action
      column, or worded like one: ``Strategic aim 2 …``, ``Theme: …``, all capitals) → the aim
      for following rows, as trackers do with section rows;
    * otherwise the cells continue the previous action (a merged action cell leaves later
      lines of the same row blank): their text is appended to its fields.
An action cell that reads like a heading with every other cell empty is a heading too.

A value in the aim column carries forward over blank aim cells (merged cells export that way).
``rag`` becomes ``Red``/``Amber``/``Green`` from R/A/G or the words in any case; anything else
is ``None`` with the text kept in ``extra["rag_raw"]``. ``due`` is kept as written. ``owner``
is the cell as written, ``None`` when blank, with ``extra["owner_missing"]`` as in
:mod:`ingest.actionlog`. Ids hash source, aim and action, never the row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.actionlog import NoActionRowsError, normalise_rag, owner_is_missing
from ingest.types import ActionRecord, content_hash

__all__ = ["TabularParse", "looks_like_tracker", "parse_tracker_rows"]

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "action": ("Action", "Actions", "Key action", "Key actions", "Task", "Activity", "Description"),
    "status": ("Status", "Status / Comments", "Status comments", "Progress", "Update", "Comments"),
    "owner": ("Owner", "Owner(s)", "Owners", "Lead", "Responsible", "Assigned to"),
    "rag": ("RAG", "RAG status", "RAG rating"),
    "due": ("Due", "Due date", "Deadline", "Target date", "By when"),
    "aim": ("Aim", "Strategic aim", "Objective", "Workstream", "Theme"),
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
_HEADING_WORDS = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:strategic\s+)?(?:aim|objective|theme|workstream|priority|goal|section)\b",
    re.IGNORECASE,
)


def _key(header: str) -> str:
    """``Status / Comments`` → ``statuscomments``: the form headers are compared in."""
    return _NON_ALNUM.sub("", header.casefold())


_LOOKUP: dict[str, tuple[str, int]] = {
    _key(name): (fieldname, rank)
    for fieldname, names in _SYNONYMS.items()
    for rank, name in enumerate(names)
}


@dataclass
class TabularParse:
    """Records plus how the headers were read, so callers can report what was ignored."""

    records: list[ActionRecord]
    column_map: dict[str, str]
    """Header as written → field (``{"Lead": "owner"}``)."""
    unmapped_columns: list[str] = field(default_factory=list)


def _map_columns(headers: list[str]) -> dict[str, str]:
    """Header → field; the best-ranked synonym wins each field, ties go to the leftmost."""
    best: dict[str, tuple[int, int, str]] = {}
    for position, header in enumerate(headers):
        hit = _LOOKUP.get(_key(header))
        if hit is None:
            continue
        fieldname, rank = hit
        if fieldname not in best or (rank, position) < best[fieldname][:2]:
            best[fieldname] = (rank, position, header)
    return {header: fieldname for fieldname, (_, _, header) in best.items()}


def looks_like_tracker(headers: list[str]) -> bool:
    """Whether a sheet is an action tracker: an action column plus a status or owner column."""
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
    headers: list[str], rows: list[dict[str, str]], source: str, first_data_row: int = 2
) -> TabularParse:
    """Map a tracker's rows to records; ``row`` is the spreadsheet row (header is row 1).

    Raises NoActionRowsError when no row has an action.
    """
    column_map = _map_columns(headers)
    by_field = {f: h for h, f in column_map.items()}
    unmapped = [h for h in headers if h not in column_map]
    if "action" not in by_field:
        raise NoActionRowsError(source, f"no action column among headers {headers!r}")
    action_header = by_field["action"]
    built: list[_Row] = []
    aim = ""
    for index, raw in enumerate(rows):
        number = first_data_row + index
        cells = {h: _cell(raw, h) for h in headers}
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
    records = [_record(row, source, seen) for row in built]
    return TabularParse(records=records, column_map=column_map, unmapped_columns=unmapped)


def _fold(text: str) -> str:
    """Case-fold and collapse spaces so cosmetic edits keep ids stable."""
    return _SPACES.sub(" ", text).strip().casefold()


def _record(row: _Row, source: str, seen: dict[str, int]) -> ActionRecord:
    """Build the record; ids hash source, aim and action so row moves keep them."""
    action = row.fields["action"]
    key = f"{source}\x1f{_fold(row.aim)}\x1f{_fold(action)}"
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
    )
