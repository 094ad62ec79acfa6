"""The template draft: a layout of titled sections of cited bullets, rendered to Markdown.

The layout is built once and rendered twice (Markdown here, Block Kit in
:mod:`assistant.drafts.slack`) so both say exactly the same thing. Every action bullet ends
with its row citation; the footer names the file the rows belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from assistant.drafts.models import ChangeReport, DraftRecord, Milestone
from assistant.drafts.wording import shorten_action, status_gist
from ingest.status import StatusClass

_PROGRESS_ORDER = (
    StatusClass.DONE,
    StatusClass.ON_TRACK,
    StatusClass.NOT_STARTED,
    StatusClass.UNKNOWN,
)
_CLASS_LABEL = {
    StatusClass.DONE: "Done",
    StatusClass.ON_TRACK: "On track",
    StatusClass.STALLED: "Stalled / at risk",
    StatusClass.NOT_STARTED: "Not started / scoping",
    StatusClass.UNKNOWN: "Status unclear",
}
_ROLE_NOTE = {"co": "joint owner", "with": "supporting"}


@dataclass
class Section:
    title: str
    lines: list[str]
    """Markdown lines: ``- …`` bullets, or one italic line when there is nothing to list."""


@dataclass
class DraftLayout:
    """Everything a renderer needs, already worded."""

    title: str
    subtitle: str
    summary: list[str]
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


def format_day(day: date | datetime) -> str:
    """``23 November 2026`` (no leading zero, on every platform)."""
    return f"{day.day} {day:%B %Y}"


def class_phrase(record: DraftRecord) -> str:
    """``On track (“underway”)``, with an Amber flag when the tracker rated it so."""
    label = _CLASS_LABEL[record.status_class]
    phrase = f"{label} (“{record.evidence}”)" if record.evidence else label
    return f"{phrase} ⚠ RAG Amber" if record.flagged and "Amber" not in record.evidence else phrase


def owner_phrase(record: DraftRecord, display: str) -> str:
    """The owner cell, plus how the person asked for appears on it (supporting / joint)."""
    chosen = record.selected_owner
    if chosen is not None and chosen.role in _ROLE_NOTE:
        return f"{display} — {chosen.name} {_ROLE_NOTE[chosen.role]}"
    return display


def action_bullet(record: DraftRecord, owner: str) -> str:
    """``- **Action** — owner. Class (“phrase”): gist [row N]``."""
    gist = status_gist(record.status, record.evidence)
    shared = (
        f" _(one status cell in the log covers {record.cells_shared_by} actions)_"
        if record.cells_shared_by > 1
        else ""
    )
    return (
        f"- **{record.action_short}** — {owner_phrase(record, owner)}. "
        f"{class_phrase(record)}: {gist}{shared} {record.citation}"
    )


def progress_section(records: list[DraftRecord], owners: dict[str, str]) -> Section:
    ordered = sorted(
        (r for r in records if r.status_class in _PROGRESS_ORDER),
        key=lambda r: (_PROGRESS_ORDER.index(r.status_class), r.source, r.row),
    )
    lines = [action_bullet(r, owners[r.id]) for r in ordered]
    return Section("Progress", lines or ["_No actions in this selection are moving or done._"])


def stalled_section(records: list[DraftRecord], owners: dict[str, str]) -> Section:
    lines = [
        action_bullet(r, owners[r.id]) for r in records if r.status_class is StatusClass.STALLED
    ]
    return Section("Stalled or at risk", lines or ["_Nothing in this selection is stalled._"])


def needs_owner_section(records: list[DraftRecord], reasons: dict[str, str]) -> Section:
    lines = [
        f"- **{r.action_short}** — {reasons[r.id]}. {class_phrase(r)}. {r.citation}"
        for r in records
        if r.needs_owner
    ]
    return Section("Needs an owner", lines or ["_Every action here has a named owner._"])


def milestones_section(milestones: list[Milestone]) -> Section:
    lines = [
        f"- **{m.when}** — {m.text} ({'; '.join(m.actions)}) {' '.join(m.citations)}"
        for m in milestones
    ]
    empty = "_No dated or board-bound next steps in these status comments._"
    return Section("Next milestones", lines or [empty])


def changes_section(report: ChangeReport) -> Section:
    """``What changed since …``: one bullet per change, with its row."""
    if report.since is not None:
        label = format_day(report.since)
    elif report.baseline_ingested_at is not None:
        local = report.baseline_ingested_at.astimezone()  # the reader's day, not UTC's
        label = f"the previous version ({format_day(local)})"
    else:
        label = "the previous version"
    lines: list[str] = []
    for change in report.changes:
        action = shorten_action(change.action)
        if change.kind == "new":
            gist = status_gist(change.after or "", limit=140)
            lines.append(f"- **New:** {action} — {gist} {change.citation}")
        elif change.kind == "status":
            was = status_gist(change.before or "", limit=120)
            now = status_gist(change.after or "", limit=120)
            before = change.class_before.value if change.class_before else "?"
            after = change.class_after.value if change.class_after else "?"
            lines.append(
                f"- **Status changed:** {action} — was “{was}” ({before}); "
                f"now “{now}” ({after}) {change.citation}"
            )
        elif change.kind == "owner":
            lines.append(
                f"- **Owner changed:** {action} — was {change.before or 'blank'}; "
                f"now {change.after or 'blank'} {change.citation}"
            )
        elif change.kind == "wording":
            lines.append(
                f"- **Reworded:** {action} (was “{shorten_action(change.before or '')}”) "
                f"{change.citation}"
            )
        else:
            gist = status_gist(change.before or "", limit=120)
            lines.append(
                f"- **Closed (no longer in the log):** {action} — last status “{gist}” "
                f"({change.citation})"
            )
    if not lines and not report.notes:
        lines.append("_No changes to these actions._")
    lines.extend(f"_{note}_" for note in report.notes)
    return Section(f"What changed since {label}", lines)


def summary_lines(
    counts: dict[str, int], stalled: int, unowned: int, milestones: int, changes: int | None
) -> list[str]:
    """The two-line summary: counts per class, then what needs attention."""
    total = sum(counts.values())
    noun = "action" if total == 1 else "actions"
    per_class = " · ".join(f"{counts.get(c.value, 0)} {c.value}" for c in StatusClass)
    attention = (
        f"**Needs attention:** {stalled} stalled or at risk · {unowned} without a named owner · "
        f"{milestones} upcoming milestone{'s' if milestones != 1 else ''}"
    )
    if changes is not None:
        attention += f" · {changes} change{'s' if changes != 1 else ''} since the last version"
    return [f"**{total} {noun}:** {per_class}.", attention + "."]


def footer_lines(sources: list[str], multi: bool, notice: str | None) -> list[str]:
    if not sources:
        where = "No action log matched."
    elif multi:
        where = (
            "Sources: "
            + "; ".join(f"`{s}`" for s in sources)
            + (" — `[row N, file]` is the row's line (or sheet row) in that file.")
        )
    else:
        where = f"Source: `{sources[0]}` — `[row N]` is the row's line (or sheet row) in it."
    lines = [
        where,
        "Status classes come from phrase rules on each status comment; the quoted phrase after "
        "each class is the one that decided it.",
    ]
    if notice:
        lines.append(f"Note: {notice}")
    return lines


def to_markdown(layout: DraftLayout, body: str | None = None) -> str:
    """The draft as Markdown; ``body`` (checked LLM prose) replaces the bullet sections."""
    parts = [f"# {layout.title}", "", layout.subtitle, "", "  \n".join(layout.summary), ""]
    sections = layout.sections
    if body is not None:
        kept = [s for s in sections if s.title.startswith("What changed")]
        sections = [Section("Summary", [body]), *kept]
    for section in sections:
        parts += [f"## {section.title}", "", *section.lines, ""]
    parts += ["---", "", *(f"{line}  " for line in layout.footer[:-1]), layout.footer[-1], ""]
    return "\n".join(parts)
