"""The one entry point every surface calls: :func:`make_draft` (plus pickers for the web page).

Flow: records from the store → resolve the fuzzy selectors (NoMatchError if one matches
nothing) → classify → lay out the template draft → optionally let the LLM rewrite it into
checked prose → Markdown and Block Kit. The template is always built first, so a failed or
rejected rewrite costs nothing but a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

from assistant.drafts.changes import change_report
from assistant.drafts.milestones import calendar_order, find_milestones
from assistant.drafts.models import (
    ChangeReport,
    DraftRecord,
    DraftRequest,
    DraftResult,
    Milestone,
    OwnerRef,
)
from assistant.drafts.render import (
    DraftLayout,
    changes_section,
    footer_lines,
    format_day,
    milestones_section,
    needs_owner_section,
    progress_section,
    stalled_section,
    summary_lines,
    to_markdown,
)
from assistant.drafts.rewrite import rewrite_draft
from assistant.drafts.select import Selection, aims_of, owner_names, resolve_selection
from assistant.drafts.slack import to_blocks
from assistant.drafts.wording import (
    action_text,
    needs_owner_reason,
    owner_display,
    shorten_action,
)
from ingest.owners import parse_owner
from ingest.status import StatusClass, classify_status
from ingest.store.base import DocumentRow, RecordVersion
from ingest.types import ActionRecord

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.settings import Settings


class RecordStore(Protocol):
    """What drafts read from the index; :class:`ingest.store.sqlite.SqliteStore` provides it."""

    def records(self, source: str | None = None) -> list[ActionRecord]: ...

    def record_versions(self, source: str) -> list[RecordVersion]: ...

    def documents(self) -> list[DocumentRow]: ...


class EmptyIndexError(LookupError):
    """No action records are indexed yet."""

    def __init__(self) -> None:
        super().__init__(
            "No action-log records are indexed yet: run `assistant ingest` (it reads corpus/ "
            "by default) and try again."
        )


_STATED_DATE = re.compile(
    r"\b(?:as (?:at|of)|updated(?: on)?|last updated|status at)\s*:?\s*"
    r"(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+20\d\d|20\d\d-\d\d-\d\d)",
    re.IGNORECASE,
)


def list_aims(store: RecordStore) -> list[str]:
    """Aims of the indexed action logs, in log order (for pickers)."""
    return aims_of(store.records())


def list_owners(store: RecordStore) -> list[str]:
    """Names read from the indexed owner cells, sorted (for pickers)."""
    return owner_names(store.records())


def citation_for(multi_source: bool) -> Callable[[ActionRecord], str]:
    """``[row 12]``; ``[row 12, tracker.csv]`` when the draft spans several logs."""

    def cite(record: ActionRecord) -> str:
        if multi_source:
            return f"[row {record.row}, {PurePosixPath(record.source).name}]"
        return f"[row {record.row}]"

    return cite


def _stated_date(records: list[ActionRecord]) -> date | None:
    """A date the log states about itself ("as at 12 January 2021"), if any."""
    for record in records:
        for text in (record.aim, record.action, record.status):
            match = _STATED_DATE.search(text or "")
            if not match:
                continue
            raw = re.sub(r"(?<=\d)(st|nd|rd|th)", "", match.group(1))
            for fmt in ("%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
                try:
                    return datetime.strptime(raw, fmt).date()
                except ValueError:
                    continue
    return None


def _as_of(
    store: RecordStore, sources: list[str], records: list[ActionRecord]
) -> tuple[date | None, str]:
    """A date the log states, else the newest modification time of its files."""
    stated = _stated_date(records)
    if stated is not None:
        return stated, "date stated in the log"
    times = [d.modified_at or d.ingested_at for d in store.documents() if d.source in sources]
    if not times:
        return None, ""
    return datetime.fromtimestamp(max(times)).date(), "log file last modified"


def _draft_record(record: ActionRecord, selection: Selection, cite: str) -> DraftRecord:
    verdict = classify_status(record.status, record.rag)
    cell = parse_owner(record)
    role = selection.owner_role(record)
    return DraftRecord(
        id=record.id,
        source=record.source,
        row=record.row,
        row_end=record.row_end,
        citation=cite,
        aim=record.aim,
        action=record.action,
        action_short=shorten_action(action_text(record)),
        owner=record.owner,
        owners=[OwnerRef(name=o.name, role=o.role) for o in cell.names],
        needs_owner=cell.needs_owner,
        status=record.status,
        status_class=verdict.status_class,
        evidence=verdict.evidence_phrase,
        rule=verdict.explanation,
        flagged=verdict.flagged,
        rag=record.rag,
        due=record.due,
        cells_shared_by=int(record.extra.get("cells_shared_by", "1") or 1),
        selected_owner=OwnerRef(name=role.name, role=role.role) if role else None,
    )


def _milestones(records: list[DraftRecord]) -> list[Milestone]:
    """Next steps grouped over rows that share them (one status cell, three actions)."""
    grouped: dict[tuple[str, str], Milestone] = {}
    for record in records:
        for hit in find_milestones(record.status, record.due):
            item = grouped.setdefault(
                (hit.when, hit.text),
                Milestone(when=hit.when, text=hit.text, citations=[], actions=[]),
            )
            if record.citation not in item.citations:
                item.citations.append(record.citation)
            item.actions.append(shorten_action(record.action_short, soft=50, hard=55))
    items = list(grouped.values())
    return [items[i] for i in calendar_order([m.when for m in items])]


def make_draft(
    store: RecordStore,
    request: DraftRequest,
    settings: Settings | None = None,
    chat_model: BaseChatModel | None = None,
) -> DraftResult:
    """Draft a progress update for the request. Raises EmptyIndexError or NoMatchError.

    ``chat_model`` replaces the configured LLM (tests); the rewrite runs only when
    ``settings.answerer == "openai"`` and never raises.
    """
    everything = store.records()
    if not everything:
        raise EmptyIndexError()
    selection = resolve_selection(everything, request.aim, request.owner, request.status)
    chosen = [r for r in everything if selection.matches(r)]
    sources = list(dict.fromkeys(r.source for r in chosen))
    cite = citation_for(len(sources) > 1)
    records = [_draft_record(r, selection, cite(r)) for r in chosen]
    counts = {c.value: sum(r.status_class is c for r in records) for c in StatusClass}
    milestones = _milestones(records)
    changes: ChangeReport | None = None
    if request.changes or request.since is not None:
        all_sources = list(dict.fromkeys(r.source for r in everything))
        changes = change_report(store, all_sources, selection.matches, cite, request.since)
    as_of, basis = _as_of(store, sources, chosen)
    scope = selection.scope()
    title = f"Progress update: {scope}"
    cells = {r.id: parse_owner(r) for r in chosen}
    owners = {r.id: owner_display(cells[r.id]) for r in chosen}
    reasons = {r.id: needs_owner_reason(cells[r.id]) for r in chosen}
    stalled = counts[StatusClass.STALLED.value]
    layout = DraftLayout(
        title=title,
        subtitle=(
            f"_As of {format_day(as_of)} ({basis})_" if as_of else "_Date of the log unknown_"
        ),
        summary=summary_lines(
            counts,
            stalled,
            sum(r.needs_owner for r in records),
            len(milestones),
            len(changes.changes) if changes is not None else None,
        ),
        sections=[
            progress_section(records, owners),
            stalled_section(records, owners),
            needs_owner_section(records, reasons),
            milestones_section(milestones),
        ],
    )
    if changes is not None:
        layout.sections.append(changes_section(changes))
    prose, notice, model = None, None, "template"
    if settings is not None and settings.answerer == "openai" and records:
        outcome = rewrite_draft(settings, scope, records, chat_model)
        prose, notice = outcome.prose, outcome.notice
        model = outcome.model if prose is not None else "template"
    layout.footer = footer_lines(sources, len(sources) > 1, notice)
    if prose is not None:
        layout.footer.append(
            f"Prose drafted by {model} from the rows above only; every sentence was checked "
            "for a citation to a supplied row."
        )
    return DraftResult(
        format=request.format,
        scope=scope,
        title=title,
        as_of=as_of,
        as_of_basis=basis,
        sources=sources,
        counts=counts,
        records=records,
        milestones=milestones,
        changes=changes,
        markdown=to_markdown(layout, prose),
        blocks=to_blocks(layout, prose),
        model=model,
        notice=notice,
    )
