"""What changed between an earlier ingested version of a log and the records now indexed.

Records are matched by id first (ids hash source, aim and action text, not the row, so moved
rows keep theirs). Left-over records are then paired by action-text similarity within the
same source (best pairs first, ratio ≥ 0.75), so an action whose wording was edited — which
changes its id — is reported as *reworded* rather than closed-and-new. A matched pair yields
one change per field that differs (status, owner, wording); unmatched current records are
*new*; unmatched earlier ones are *closed* (removed from the log).

The baseline per log is the newest version whose file hash differs from the current one (the
"previous version"); with ``since`` it is the newest version ingested on or before the end of
that day. A log with no such version is reported in ``notes`` rather than guessed at.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from assistant.drafts.models import ActionChange, ChangeReport

if TYPE_CHECKING:
    from assistant.drafts.service import RecordStore
from ingest.status import StatusClass, classify_status
from ingest.store.base import RecordVersion
from ingest.types import ActionRecord

_SPACES = re.compile(r"\s+")
TEXT_MATCH_RATIO = 0.75


def _fold(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip().casefold()


def _action_key(record: ActionRecord) -> str:
    return _fold(record.extra.get("action_normalised") or record.action)


def _class(record: ActionRecord) -> StatusClass:
    return classify_status(record.status, record.rag).status_class


def _pair_by_text(
    old: list[ActionRecord], new: list[ActionRecord]
) -> list[tuple[ActionRecord, ActionRecord]]:
    """Greedy best-first pairing of edited actions (same source, similar wording)."""
    scored = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a.source != b.source:
                continue
            ratio = difflib.SequenceMatcher(None, _action_key(a), _action_key(b)).ratio()
            if ratio >= TEXT_MATCH_RATIO:
                scored.append((ratio, i, j))
    pairs, used_old, used_new = [], set(), set()
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old[i], new[j]))
    return pairs


def _change(
    kind: str,
    record: ActionRecord,
    cite: Callable[[ActionRecord], str],
    before: str | None = None,
    after: str | None = None,
    matched_by: str | None = None,
    classes: tuple[StatusClass, StatusClass] | None = None,
) -> ActionChange:
    """One change to a current record (every kind but ``closed``)."""
    return ActionChange.model_validate(
        {
            "kind": kind,
            "source": record.source,
            "action": record.action,
            "row": record.row,
            "citation": cite(record),
            "before": before,
            "after": after,
            "matched_by": matched_by,
            "class_before": classes[0] if classes else None,
            "class_after": classes[1] if classes else None,
        }
    )


def _closed(record: ActionRecord) -> ActionChange:
    """An action in the earlier version that no current row matches."""
    return ActionChange(
        kind="closed",
        source=record.source,
        action=record.action,
        row=record.row,
        citation=f"row {record.row} of the earlier version",
        before=record.status,
        class_before=_class(record),
    )


def compare_records(
    old: list[ActionRecord],
    new: list[ActionRecord],
    cite: Callable[[ActionRecord], str],
    keep: Callable[[ActionRecord], bool] = lambda record: True,
) -> list[ActionChange]:
    """Changes from ``old`` to ``new``: new, status, owner, wording, closed (in that order).

    Both whole versions are compared, then a change is kept when ``keep`` accepts the record
    before or after it — so an action handed from Maya to Matt shows in both their drafts as
    an owner change, not as closed in one and new in the other.
    """
    old_by_id = {r.id: r for r in old}
    new_ids = {r.id for r in new}
    pairs = [(old_by_id[r.id], r, "id") for r in new if r.id in old_by_id]
    rest_old = [r for r in old if r.id not in new_ids]
    rest_new = [r for r in new if r.id not in old_by_id]
    text_pairs = _pair_by_text(rest_old, rest_new)
    pairs += [(a, b, "text") for a, b in text_pairs]
    paired_old = {id(a) for a, _ in text_pairs}
    paired_new = {id(b) for _, b in text_pairs}
    changes: list[ActionChange] = []
    for record in rest_new:
        if id(record) not in paired_new and keep(record):
            changes.append(_change("new", record, cite, after=record.status))
    for before, after, how in sorted(pairs, key=lambda p: p[1].row):
        if not (keep(before) or keep(after)):
            continue
        if _fold(before.status) != _fold(after.status):
            classes = (_class(before), _class(after))
            changes.append(
                _change("status", after, cite, before.status, after.status, how, classes)
            )
        if _fold(before.owner) != _fold(after.owner):
            changes.append(_change("owner", after, cite, before.owner, after.owner, how))
        if _action_key(before) != _action_key(after):
            changes.append(_change("wording", after, cite, before.action, after.action, how))
    for record in rest_old:
        if id(record) not in paired_old and keep(record):
            changes.append(_closed(record))
    order = ("new", "status", "owner", "wording", "closed")
    return sorted(changes, key=lambda c: order.index(c.kind))


def pick_baseline(
    versions: list[RecordVersion], current_hash: str | None, since: date | None
) -> RecordVersion | None:
    """The version to compare with (module docstring), or None when there is none."""
    if since is None:
        earlier = [v for v in versions if v.file_hash != current_hash]
        return earlier[-1] if earlier else None
    cutoff = datetime.combine(since, time.max).timestamp()
    before = [v for v in versions if v.ingested_at <= cutoff]
    return before[-1] if before else None


def change_report(
    store: RecordStore,
    sources: list[str],
    keep: Callable[[ActionRecord], bool],
    cite: Callable[[ActionRecord], str],
    since: date | None = None,
) -> ChangeReport:
    """Changes to the selected actions (``keep``) of each source since its baseline."""
    hashes = {d.source: d.file_hash for d in store.documents()}
    report = ChangeReport(since=since)
    stamps: list[float] = []
    for source in sources:
        baseline = pick_baseline(store.record_versions(source), hashes.get(source), since)
        if baseline is None:
            when = f" on or before {since.isoformat()}" if since else ""
            report.notes.append(f"No earlier version of {source} was ingested{when} to compare.")
            continue
        report.baseline[source] = baseline.version
        stamps.append(baseline.ingested_at)
        report.changes.extend(compare_records(baseline.records, store.records(source), cite, keep))
    if stamps:
        report.baseline_ingested_at = datetime.fromtimestamp(min(stamps), UTC)
    return report
