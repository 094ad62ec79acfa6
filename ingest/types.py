"""Plain data types that flow through ingestion and into the stores.

They are dataclasses rather than pydantic models: they are built in hot loops and never
validated from untrusted input.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ingest.sheets import Sheet

DocKind = Literal["plan", "action"]
BlockKind = Literal[
    "heading", "paragraph", "list", "table_row", "table", "glossary", "signature", "footnote"
]


def content_hash(text: str) -> str:
    """Short, stable hash used for chunk ids and change detection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Block:
    """One piece of a loaded document, in reading order, before chunking.

    ``kind`` tells the chunker how to treat it: headings open sections, table rows and list
    items are kept whole where possible.
    """

    text: str
    kind: BlockKind = "paragraph"
    level: int = 0
    line_start: int = 0
    line_end: int = 0
    page: int | None = None
    header: str = ""
    """For a table row: its table's header row (tab-separated), so a row read apart from the
    top of its table still knows its columns."""
    structure: tuple[tuple[str, str], ...] = ()
    """What the block's kind knows about it: a glossary entry's ``term``, a signature's
    ``name`` and ``role``, a footnote's ``marker``."""


@dataclass
class LoadedDocument:
    """A file read from disk: its blocks (for prose) and rows (for spreadsheets)."""

    source: str
    """Path relative to the corpus root, with forward slashes."""
    kind: DocKind
    title: str
    blocks: list[Block] = field(default_factory=list)
    sheets: list[Sheet] | None = None
    """The grids of a CSV/XLSX file (one per worksheet); None for prose documents."""
    raw_text: str = ""
    file_hash: str = ""
    modified_at: float = 0.0


def footnote_anchors(structure: str) -> dict[str, str]:
    """By marker, where each footnote is cited, from a chunk's structure JSON: the heading and
    sentence ("6. Supporting our volunteers: We will reimburse reasonable expenses³ …")."""
    if '"anchor"' not in structure:
        return {}
    anchors = json.loads(structure).get("anchor", [])
    return dict(anchor.split("\t", 1) for anchor in anchors if "\t" in anchor)


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit: text plus the metadata every citation needs."""

    id: str
    text: str
    source: str
    title: str
    section: str
    kind: DocKind
    line_start: int
    line_end: int
    page_start: int | None = None
    page_end: int | None = None
    hash: str = ""
    position: int = 0
    record_id: str | None = None
    block_kinds: str = ""
    """The kinds of the blocks it holds, comma-separated in order ("paragraph,list")."""
    structure: str = ""
    """JSON of what those blocks know: a table's header row, glossary terms, a signature's
    name and role, footnote markers; empty when they know nothing special."""

    def embedding_text(self) -> str:
        """Title and section prefixed so short chunks keep their context in vector space; a
        footnote's anchors (:meth:`footnote_anchors`) after them."""
        header = self.title if not self.section else f"{self.title} > {self.section}"
        anchors = "".join(f"\n({place})" for place in self.footnote_anchors().values())
        return f"{header}{anchors}\n{self.text}"

    def footnote_anchors(self) -> dict[str, str]:
        """By marker, where each footnote of the chunk is cited (:func:`footnote_anchors`)."""
        return footnote_anchors(self.structure)

    def metadata(self) -> dict[str, Any]:
        """Chroma accepts only str/int/float/bool metadata values, never None."""
        data = asdict(self)
        data.pop("text")
        data.pop("id")
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class ActionRecord:
    """One row of an action log, parsed without inventing anything.

    ``rag``, ``due`` and ``owner`` stay ``None`` when the log leaves them empty or illegible.
    The fields after ``extra`` are read from the row at ingest (so every later stage looks them
    up instead of re-reading the cells); they default to empty for indexes built before them.
    """

    id: str
    aim: str
    action: str
    status: str
    owner: str | None
    rag: str | None
    due: str | None
    source: str
    row: int
    """1-based line number (text logs) or spreadsheet row number where the action starts."""
    row_end: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    ref: str | None = None
    """The tracker's own reference for the row ("2.3", "A-14"), when it has a column for it."""
    owners: list[str] = field(default_factory=list)
    """The people or teams the owner cell names as leads or joint owners, one per entry."""
    status_label: str = "unknown"
    """What the status says (a :class:`ingest.status.StatusLabel` value: "on hold", "done" …)."""
    status_class: str = "unknown"
    """Its class (a :class:`ingest.status.StatusClass` value), as the drafts report it."""
    due_date: str | None = None
    """ISO date of the last day ``due`` allows (``Q3 2026`` → ``2026-09-30``); None when the
    cell names no dated point (``ongoing``, ``TBC``, a month without a year)."""
    updated: str | None = None
    """When the row was last updated or reviewed, as written (ISO for spreadsheet dates)."""
    notes: str = ""
    """A second commentary column (``Update (Mar 26)`` beside a ``Status`` column)."""
    sheet: str | None = None
    """The worksheet the row is on, for workbooks with several tracker sheets."""
    goal: str | None = None
    """A second aim-like column beside the aim (``Strategy goal: G2`` beside ``Programme``)."""

    def overdue(self, today: date) -> bool:
        """Its due date has passed and the action is not done."""
        return (
            self.due_date is not None
            and self.status_class != "done"
            and date.fromisoformat(self.due_date) < today
        )

    def as_text(self) -> str:
        """The text embedded as the record's chunk (kind=action)."""
        parts = [f"Action: {self.ref + ' ' if self.ref else ''}{self.action}"]
        if self.aim:
            parts.append(f"Aim: {self.aim}")
        if self.goal:
            parts.append(f"Goal: {self.goal}")
        parts.append(f"Status: {self.status or 'not recorded'}")
        if self.notes:
            parts.append(f"Update: {self.notes}")
        parts.append(f"Owner: {self.owner or 'not recorded'}")
        if self.rag:
            parts.append(f"RAG: {self.rag}")
        if self.due:
            parts.append(f"Due: {self.due}")
        if self.sheet:
            parts.append(f"Sheet: {self.sheet}")
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
