"""Parse a text action log (a PDF table flattened to tab-separated lines) into action records.

The log is a table ``action | status comments | owner | RAG`` that a PDF extractor wrote one
visual line at a time, so one table row can span several lines, and one line can hold the end
of one row and the start of the next. The parser rebuilds rows with the rules below and
never invents a value: cells are kept as written (lines of one cell are joined with a single
space), and an empty RAG or due cell stays ``None``.

Rows and headings
    * The first line is a header when one of its later cells names a column (status, owner,
      RAG, due …); it also fixes the column order. Without one the order is
      action | status | owner | RAG.
    * Aim headings (``For Strategic Aim 1 'Staying Ahead', key actions will involve:``) become
      ``aim = "Strategic Aim 1 'Staying Ahead'"``. A heading glued onto the end of an action
      cell after a double space is split off: the action before it keeps the previous aim. A
      heading not yet ending in ``:`` swallows the next line if that line has no status or
      owner (``vill involve:``). A short capitalised cell (≤ 4 words) with no status and no
      owner name (``Governance``) is a heading too.
    * Inside an action cell, a double space followed by a capitalised ``-ing`` word
      (``Pilot  Connecting …``) starts a new action; the log's actions are gerund phrases.
      Other double spaces (``Foresight  Observatory.``) stay inside the action.
    * A line's first action text continues the previous action, rather than starting one, when
      that row is still open (status empty or ending mid-sentence, or owner with an unclosed
      ``(``) and the text starts in lower case (``nelping …``) or, capitalised but not a
      gerund, follows an action that ended mid-sentence (``Adoption Programme Pilot``). A
      capitalised gerund always starts an action, and a lower-case start after a closed row
      is an OCR-damaged new action (``mplementing …``). A blank line or heading closes rows.
    * A line whose action cell is a prefix of the next line's (and whose status is a prefix
      or extension of the next one's) is the same row printed twice across a page break; the
      two are merged, keeping the longer text of each cell.

Ambiguous status and owner assignment
    * A line where one action ends and the next begins (line 4 of the Lancashire log): the
      status text up to its first sentence end closes the ending action when that action has
      no complete status yet; the rest begins the new action (it is the part that carries on
      to the next line). The owner cell goes to the ending action while its owner is empty
      or has an unclosed ``(`` (``Maya (with Pete &`` + ``Andy)``), otherwise to the new one.
    * Several actions starting on one line share that line's status and owner cells: each
      gets the full text as written (the log does not say which part is whose) and
      ``extra["cells_shared_by"]`` gives how many actions share them.
    * When a status cell's last double-space segment ends mid-sentence and the very next line
      starts a new action, that segment is the start of the next row's status (``… KTPs and``
      + ``Placements in Companies …``) and moves there.
    * A status whose first double-space segment starts in lower case and repeats the end of
      the previous action's status is text bled from the row above; it is dropped and the
      cell as written is kept in ``extra["status_raw"]``. Whole statuses that repeat another
      row's are kept: the authors copied them.

Owner
    ``owner`` is the cell text as written (``"TBC"``, the Cyrillic ``"ТВС"``, ``"• • •"``,
    the stray ``"Factory)"``) and ``None`` only for a blank cell, so nothing is lost; the
    facts a reader needs are in ``extra``: ``owner_missing`` (``"true"`` for blank, TBC-like
    or bullet-only cells, else ``"false"``), ``owner_normalised`` when look-alike letters were
    folded (``ТВС`` → ``TBC``), ``owner_incomplete`` when brackets do not balance.

Ids hash the source, the aim and the action text (case-folded, spaces collapsed), never the
line number, so inserting rows elsewhere in the log keeps the ids of unchanged actions; a
repeated action under the same aim gets an occurrence suffix. ``extra["action_normalised"]``
holds the action with spaces collapsed and known OCR damage repaired, for matching only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.columns import column_field
from ingest.status import RAG_RATINGS
from ingest.types import ActionRecord, content_hash

__all__ = [
    "NoActionRowsError",
    "looks_like_text_log",
    "normalise_rag",
    "owner_is_missing",
    "parse_action_log",
]


class NoActionRowsError(ValueError):
    """A log where no action rows could be recognised; message names the file."""

    def __init__(self, source: str, reason: str = "no action rows could be recognised") -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source


_GAP = re.compile(r"(\s{2,})")
_SPACES = re.compile(r"\s+")
_GERUND = re.compile(r"^[A-Z][a-z]+ing\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_ENDS_SENTENCE = re.compile(r"[.!?;:)\]\"'’]$")
_AIM_HEADING = re.compile(
    r"^(?:(?:For|To\s+deliver|To\s+achieve|Under|Delivering)\s+)?"
    r"(?P<label>(?:Strategic\s+)?Aim\s+\d+)\b\s*(?:['‘’\"](?P<name>.+?)['‘’\"](?=[\s,:;.]|$))?",
    re.IGNORECASE,
)
_LOG_ROLES = {"status", "owner", "rag", "due"}
"""The columns a text log's header may name (by the tracker column rules); the rest is the
action."""
_DEFAULT_ROLES = ("action", "status", "owner", "rag")
_HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХаесорх", "ABCEHKMOPTXaecopx")
_MISSING_OWNER = {"", "tbc", "tbd", "tba", "?", "n/a", "na", "none", "-", "unknown"}
_NOT_TEXT = re.compile(r"[\s•·.\-–—*]+")
_OCR_REPAIRS = {
    # Line-start damage seen in the corpus; extend when a new log shows more.
    "mplementing": "implementing",
    "norking": "working",
    "nelping": "helping",
    "vill": "will",
    "trengthen": "strengthen",
    "metworking": "networking",
    "nternational": "international",
}
_WORD = re.compile(r"[A-Za-z]+")


def normalise_rag(text: str) -> str | None:
    """``R``/``red``/``RED`` → ``"Red"`` (same for Amber, Green); anything else → ``None``."""
    return RAG_RATINGS.get(text.strip().casefold())


def owner_is_missing(owner: str) -> bool:
    """True for cells that name nobody: blank, TBC-like (any alphabet), bullets or dashes."""
    folded = owner.translate(_HOMOGLYPHS).strip().casefold()
    return folded in _MISSING_OWNER or not _NOT_TEXT.sub("", folded)


def _fold(text: str) -> str:
    """Case-fold and collapse spaces: the form ids and duplicate checks compare."""
    return _SPACES.sub(" ", text).strip().casefold()


def _ends_sentence(text: str) -> bool:
    """Whether a cell looks finished; an unfinished one continues on the next line."""
    return bool(_ENDS_SENTENCE.search(text.strip()))


def _repair(text: str) -> str:
    """Spaces collapsed and known OCR damage repaired, keeping the first letter's case."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        repaired = _OCR_REPAIRS.get(word.casefold())
        if repaired is None:
            return word
        return repaired.capitalize() if word[0].isupper() else repaired

    fixed = _WORD.sub(fix, _SPACES.sub(" ", text).strip())
    return fixed[:1].upper() + fixed[1:]


def _aim_name(heading: str) -> str:
    """Readable aim for filters: ``For Strategic Aim 1 'Staying Ahead', key actions …``
    → ``Strategic Aim 1 'Staying Ahead'`` (number and quoted name kept for fuzzy matching)."""
    match = _AIM_HEADING.match(heading.strip())
    if match is None:
        return _SPACES.sub(" ", heading).strip().rstrip(":").strip()
    label = _SPACES.sub(" ", match.group("label"))
    label = label[:1].upper() + label[1:]
    return f"{label} '{match.group('name').strip()}'" if match.group("name") else label


@dataclass
class _Line:
    """The cells of one physical line (or of two lines merged as one printed-twice row)."""

    line: int
    line_end: int
    cells: dict[str, str]

    def get(self, role: str) -> str:
        """The stripped cell for a column role; empty when the line has no such cell."""
        return self.cells.get(role, "").strip()


@dataclass
class _Draft:
    """A row being rebuilt; turned into an ActionRecord once the whole log is read."""

    aim: str
    row: int
    row_end: int
    action: str
    status: str = ""
    owner: str = ""
    rag: str = ""
    due: str = ""
    shared_by: int = 1
    status_raw: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def is_open(self) -> bool:
        """A row whose status or owner may still continue on the next line."""
        return (
            not self.status
            or not _ends_sentence(self.status)
            or self.owner.count("(") > self.owner.count(")")
        )

    def add_status(self, text: str) -> None:
        """Join a cell's next line with one space, as the cell read before extraction."""
        self.status = f"{self.status} {text}".strip() if self.status else text

    def add_owner(self, text: str) -> None:
        """Join an owner cell's next line (``Maya (with Pete &`` + ``Andy)``)."""
        self.owner = f"{self.owner} {text}".strip() if self.owner else text


def _roles(header: list[str]) -> tuple[str, ...] | None:
    """Column roles from a header line, or None when the line is not a header."""
    roles: list[str] = []
    for cell in header:
        hit = column_field(cell)
        roles.append(hit[0] if hit is not None and hit[0] in _LOG_ROLES else "")
    named = [c for c, r in zip(header, roles, strict=True) if r]
    if not any(roles[1:]) or any(len(c.split()) > 4 for c in named):
        return None
    roles[roles.index("") if "" in roles else 0] = "action"
    return tuple(roles)


def _read_lines(text: str) -> list[_Line | None]:
    """Split into cell dicts by column role; ``None`` marks blank lines; header dropped."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    roles: tuple[str, ...] = _DEFAULT_ROLES
    out: list[_Line | None] = []
    seen_rows = False
    for number, line in enumerate(raw, start=1):
        if not line.strip():
            out.append(None)
            continue
        cells = line.split("\t")
        if not seen_rows:
            header_roles = _roles(cells) if len(cells) > 1 else None
            if header_roles is not None:
                roles, seen_rows = header_roles, True
                continue
        if len(cells) == 1 and not _AIM_HEADING.match(line.strip()):
            continue  # prose around the table, not a row
        mapped: dict[str, str] = {}
        for role, cell in zip(roles, cells, strict=False):
            if role and cell.strip():
                mapped[role] = f"{mapped[role]} {cell.strip()}" if role in mapped else cell
        out.append(_Line(number, number, mapped))
        seen_rows = True
    return _merge_printed_twice(out)


def _extends(a: str, b: str) -> bool:
    """Whether two copies of a cell agree (one empty, or one the start of the other)."""
    return not a or not b or b.startswith(a) or a.startswith(b)


def _merge_printed_twice(lines: list[_Line | None]) -> list[_Line | None]:
    """Merge a row the extractor printed twice (truncated, then whole) into one line."""
    out: list[_Line | None] = []
    for line in lines:
        prev = out[-1] if out else None
        if line is not None and prev is not None:
            a, b = _fold(prev.get("action")), _fold(line.get("action"))
            sa, sb = _fold(prev.get("status")), _fold(line.get("status"))
            if len(a.split()) >= 3 and b.startswith(a) and _extends(sa, sb):
                cells = {}
                for role in set(prev.cells) | set(line.cells):
                    x, y = prev.get(role), line.get(role)
                    if _extends(_fold(x), _fold(y)):
                        cells[role] = x if len(x) > len(y) else y
                    else:
                        cells[role] = f"{x} {y}"
                out[-1] = _Line(prev.line, line.line_end, cells)
                continue
        out.append(line)
    return out


def _split_action_cell(cell: str) -> list[str]:
    """Split at double spaces that start a new action or an aim heading; keep the rest."""
    pieces = _GAP.split(cell.strip())
    segments = [pieces[0]]
    for gap, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if _GERUND.match(part) or _AIM_HEADING.match(part):
            segments.append(part)
        else:
            segments[-1] = f"{segments[-1]}{gap}{part}"
    return [s for s in segments if s]


def _is_short_heading(line: _Line) -> bool:
    """``Governance``: a short capitalised cell with no status and no owner name."""
    action = line.get("action")
    words = action.split()
    return (
        0 < len(words) <= 4
        and action[:1].isupper()
        and not _ends_sentence(action)
        and not line.get("status")
        and not re.search(r"[A-Za-z]", line.get("owner"))
    )


def _continues(first: str, line: _Line, draft: _Draft | None) -> bool:
    """Whether a line's first action text carries on the previous action (module rules)."""
    if draft is None or _GERUND.match(first):
        return False
    bare = not any(line.get(r) for r in ("status", "owner", "rag", "due"))
    if first[:1].islower():
        return bare or draft.is_open()
    return draft.is_open() and not _ends_sentence(draft.action)


class _Parser:
    """Walks the lines once, keeping the current aim and the rows still open."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.aim = ""
        self.heading = ""
        self.heading_open = False
        self.drafts: list[_Draft] = []
        self.group: list[_Draft] = []
        self.last_status: tuple[int, str] | None = None

    def set_heading(self, text: str) -> None:
        """Switch the aim for following rows; a heading without ``:`` may continue."""
        self.heading = text.strip()
        self.aim = _aim_name(self.heading)
        self.heading_open = not self.heading.endswith(":")
        self.group = []

    def feed(self, line: _Line | None) -> None:
        """Take one line: a blank, a heading, or action text with its other cells."""
        if line is None:
            self.group, self.heading_open = [], False
            return
        action = line.get("action")
        if self.heading_open and not line.get("status") and not line.get("owner"):
            self.set_heading(f"{self.heading} {action}")
            return
        self.heading_open = False
        if (_AIM_HEADING.match(action) and not _split_action_cell(action)[1:]) or (
            _is_short_heading(line) and not (self.group and self.group[-1].is_open())
        ):
            self.set_heading(action)
            return
        segments = _split_action_cell(action)
        target = self.group[-1] if self.group else None
        if segments and not _continues(segments[0], line, target):
            target = None
        new: list[_Draft] = []
        for index, segment in enumerate(segments):
            if index == 0 and target is not None:
                target.action = f"{target.action} {segment}"
            elif _AIM_HEADING.match(segment):
                self.set_heading(segment)
            else:
                row = line.line if index == 0 else line.line_end
                new.append(_Draft(self.aim, row, line.line_end, segment))
        if not new and target is None and self.group:
            target = self.group[-1]  # an empty action cell: more status/owner for the row
        self._assign(line, target, new)

    def _assign(self, line: _Line, target: _Draft | None, new: list[_Draft]) -> None:
        """Hand the line's status, owner, RAG and due cells to the rows they belong to."""
        status, owner = line.get("status"), line.get("owner")
        rag, due = line.get("rag"), line.get("due")
        if status:
            status = self._carry_trailing_segment(line, status) if not target else status
            if new and not target:
                status, raw = self._drop_bleed(status)
                for draft in new:
                    draft.status_raw = raw
        if target is not None:
            closing = [target] if new else self.group
            head, rest = status, ""
            if new and target.status and _ends_sentence(target.status):
                head, rest = "", status
            elif new:
                parts = _SENTENCE_END.split(status, maxsplit=1)
                head, rest = parts[0], parts[1] if len(parts) > 1 else ""
            to_closing = not new or not target.owner or target.is_open()
            for draft in closing:
                got = bool(head) or (to_closing and bool(owner or rag or due))
                if head:
                    draft.add_status(head)
                if to_closing:
                    draft.add_owner(owner)
                    draft.rag, draft.due = draft.rag or rag, draft.due or due
                if got or draft is target:
                    draft.row_end = max(draft.row_end, line.line_end)
            status = rest
            if to_closing:
                owner, rag, due = "", "", ""
        for draft in new:
            draft.status, draft.owner, draft.rag, draft.due = status, owner, rag, due
            draft.shared_by = len(new)
        if new:
            self.drafts.extend(new)
            self.group = new
        if line.get("status"):
            self.last_status = (line.line_end, line.get("status"))

    def _carry_trailing_segment(self, line: _Line, status: str) -> str:
        """Move ``… KTPs and`` from the line above into this new row's status (module rules)."""
        if self.last_status is None or self.last_status[0] != line.line - 1 or not self.group:
            return status
        pieces = _GAP.split(self.last_status[1].strip())
        tail = pieces[-1]
        if len(pieces) < 3 or _ends_sentence(tail):
            return status
        for draft in self.group:
            if draft.status.endswith(tail):
                draft.status = draft.status[: -len(tail)].rstrip()
        return f"{tail} {status}".strip()

    def _drop_bleed(self, status: str) -> tuple[str, str]:
        """Drop a leading lower-case fragment repeating the end of the previous status.

        Returns the status to keep and the cell as written when something was dropped.
        """
        pieces = _GAP.split(status, maxsplit=1)
        if len(pieces) < 3 or not pieces[0][:1].islower() or not self.drafts:
            return status, ""
        if _fold(self.drafts[-1].status).endswith(_fold(pieces[0])):
            return pieces[2], status
        return status, ""


def _record(draft: _Draft, source: str, seen: dict[str, int]) -> ActionRecord:
    """Freeze a draft; the id ignores the line number so inserted rows keep other ids."""
    key = f"{source}\x1f{_fold(draft.aim)}\x1f{_fold(draft.action)}"
    seen[key] = seen.get(key, 0) + 1
    if seen[key] > 1:
        key = f"{key}\x1f{seen[key]}"
    owner = draft.owner.strip() or None
    extra = {
        "action_normalised": _repair(draft.action),
        "owner_missing": "true" if owner is None or owner_is_missing(owner) else "false",
    }
    if owner is not None:
        folded = owner.translate(_HOMOGLYPHS)
        if folded != owner:
            extra["owner_normalised"] = folded
        if owner.count("(") != owner.count(")"):
            extra["owner_incomplete"] = "true"
    if draft.shared_by > 1:
        extra["cells_shared_by"] = str(draft.shared_by)
    if draft.status_raw:
        extra["status_raw"] = draft.status_raw
    rag = normalise_rag(draft.rag) if draft.rag else None
    if draft.rag and rag is None:
        extra["rag_raw"] = draft.rag
    return ActionRecord(
        id=content_hash(key),
        aim=draft.aim,
        action=draft.action.strip(),
        status=draft.status.strip(),
        owner=owner,
        rag=rag,
        due=draft.due.strip() or None,
        source=source,
        row=draft.row,
        row_end=draft.row_end,
        extra=extra,
    )


def looks_like_text_log(text: str) -> bool:
    """A text file that opens with a tab-separated header naming a tracker's columns (an
    action column and a status, owner, RAG or due column): a log, wherever it is filed."""
    first = next((line for line in text.splitlines()[:5] if line.strip()), "")
    cells = first.split("\t")
    return len(cells) > 1 and _roles(cells) is not None


def parse_action_log(text: str, source: str) -> list[ActionRecord]:
    """Rebuild the table rows of a text action log; see the module docstring for the rules.

    Raises NoActionRowsError when the text holds no table rows with an action.
    """
    parser = _Parser(source)
    for line in _read_lines(text):
        parser.feed(line)
    drafts = [d for d in parser.drafts if d.action.strip()]
    if not drafts:
        raise NoActionRowsError(source)
    seen: dict[str, int] = {}
    return [_record(draft, source, seen) for draft in drafts]
