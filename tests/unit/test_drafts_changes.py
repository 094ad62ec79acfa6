"""What changed between two versions of the real log (edited in the test)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest

from assistant.drafts import DraftRequest, make_draft
from assistant.drafts.changes import compare_records, pick_baseline
from assistant.drafts.select import resolve_selection
from ingest.actionlog import parse_action_log
from ingest.status import StatusClass
from ingest.store.sqlite import DocumentRow, RecordVersion
from ingest.types import ActionRecord

LOG = (
    Path(__file__).resolve().parents[2]
    / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
)
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"
ORIGINAL = LOG.read_text(encoding="utf-8")


def edit_log(text: str) -> str:
    """A status, an owner and an action's wording changed; one action added, one removed."""
    lines = text.split("\n")
    out = []
    for line in lines:
        if line.startswith("Monitoring and evaluation\t"):
            continue  # closed
        if line.startswith("Developing a Lancashire Innovation Marketing Strategy\t"):
            line = line.replace(
                "Rolling out but somewhat stalled due to Covid and Capacity.",
                "Strategy launched and completed in March.",
            )
        if "'Innovation Ambassadors'" in line:
            line = line.replace("Maya (with ML)", "Matt (with ML)")
        if line.startswith("Establish Innovation Board + what role will be"):
            line = line.replace(
                "Establish Innovation Board + what role will be",
                "Establish the Innovation Board + what its role will be",
            )
        out.append(line)
        if line.startswith("Re-establish board of officers"):
            out.append("Publishing an annual progress report\tFirst draft circulated.\tMatt\t")
    return "\n".join(out)  # fmt: skip


def cite(record: ActionRecord) -> str:
    return f"[row {record.row}]"


@pytest.fixture(scope="module")
def versions() -> tuple[list[ActionRecord], list[ActionRecord]]:
    return parse_action_log(ORIGINAL, SOURCE), parse_action_log(edit_log(ORIGINAL), SOURCE)


def test_the_five_kinds_of_change(versions: tuple[list[ActionRecord], list[ActionRecord]]) -> None:
    old, new = versions
    changes = compare_records(old, new, cite)
    summary = [(c.kind, c.action[:40], c.citation) for c in changes]
    assert summary == [
        ("new", "Publishing an annual progress report", "[row 33]"),
        ("status", "Developing a Lancashire Innovation Marke", "[row 27]"),
        ("owner", "Developing a network of Lancashire 'Inno", "[row 7]"),
        ("wording", "Establish the Innovation Board + what it", "[row 31]"),
        ("closed", "Monitoring and evaluation", "row 34 of the earlier version"),
    ]
    status, owner, wording = changes[1], changes[2], changes[3]
    assert (owner.before, owner.after, owner.matched_by) == (
        "Maya (with ML)",
        "Matt (with ML)",
        "id",
    )
    assert (status.class_before, status.class_after) == (StatusClass.STALLED, StatusClass.DONE)
    assert status.after == "Strategy launched and completed in March."
    assert wording.matched_by == "text"  # its id changed with the wording: not removed + added
    assert wording.before == "Establish Innovation Board + what role will be"


def test_same_version_has_no_changes(
    versions: tuple[list[ActionRecord], list[ActionRecord]],
) -> None:
    old, _ = versions
    assert compare_records(old, list(old), cite) == []


def test_changes_are_kept_for_either_side_of_the_selection(
    versions: tuple[list[ActionRecord], list[ActionRecord]],
) -> None:
    old, new = versions
    maya = resolve_selection(new, owner="Maya").matches
    kinds = [(c.kind, c.action[:25]) for c in compare_records(old, new, cite, maya)]
    # the Ambassadors action left Maya: her draft shows the owner change, not a closure
    assert ("owner", "Developing a network of L") in kinds
    assert ("new", "Publishing an annual prog") not in kinds  # Matt's
    assert ("closed", "Monitoring and evaluation") in kinds


def _version(number: int, day: date, file_hash: str) -> RecordVersion:
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    return RecordVersion(SOURCE, number, file_hash, stamp, [])


def test_pick_baseline() -> None:
    history = [
        _version(1, date(2021, 1, 5), "a"),
        _version(2, date(2021, 2, 5), "b"),
        _version(3, date(2021, 3, 5), "c"),
    ]
    assert pick_baseline(history, "c", None) == history[1]  # the previous version
    assert pick_baseline(history[:1], "a", None) is None  # nothing earlier
    assert pick_baseline(history, "c", date(2021, 2, 5)) == history[1]  # on the day counts
    assert pick_baseline(history, "c", date(2021, 2, 4)) == history[0]
    assert pick_baseline(history, "c", date(2021, 1, 1)) is None


@dataclass
class FakeStore:
    current: list[ActionRecord]
    versions: dict[str, list[RecordVersion]] = field(default_factory=dict)
    docs: list[DocumentRow] = field(default_factory=list)

    def records(self, source: str | None = None) -> list[ActionRecord]:
        return [r for r in self.current if source in (None, r.source)]

    def record_versions(self, source: str) -> list[RecordVersion]:
        return self.versions.get(source, [])

    def documents(self) -> list[DocumentRow]:
        return self.docs


def test_the_draft_shows_what_changed(
    versions: tuple[list[ActionRecord], list[ActionRecord]],
) -> None:
    old, new = versions
    jan, feb = datetime(2021, 1, 10, 9).timestamp(), datetime(2021, 2, 10, 9).timestamp()
    history = [RecordVersion(SOURCE, 1, "h1", jan, old), RecordVersion(SOURCE, 2, "h2", feb, new)]
    document = DocumentRow(SOURCE, "Log", "action", "h2", 27, 27, feb, feb)
    store = FakeStore(new, {SOURCE: history}, [document])
    result = make_draft(store, DraftRequest(aim="Letting the World Know", changes=True))
    assert result.changes is not None and result.changes.baseline == {SOURCE: 1}
    md = result.markdown
    assert "## What changed since the previous version (10 January 2021)" in md
    assert (
        "- **Status changed:** Developing a Lancashire Innovation Marketing Strategy — was "
        "“Rolling out but somewhat stalled due to Covid and Capacity.” (stalled / at risk); now "
        "“Strategy launched and completed in March.” (done) [row 27]"
    ) in md
    assert "Monitoring and evaluation" not in md  # Governance, outside the selection
    assert "1 change since the last version" in md

    governance = make_draft(store, DraftRequest(aim="governance", since=date(2021, 1, 31)))
    assert "## What changed since 31 January 2021" in governance.markdown
    assert "- **New:** Publishing an annual progress report — First draft circulated. [row 33]" in (
        governance.markdown
    )
    assert "- **Closed (no longer in the log):** Monitoring and evaluation" in governance.markdown
    assert "- **Reworded:** Establish the Innovation Board" in governance.markdown

    too_early = make_draft(store, DraftRequest(since=date(2020, 12, 1)))
    assert too_early.changes is not None and too_early.changes.changes == []
    assert f"_No earlier version of {SOURCE} was ingested on or before 2020-12-01 to compare._" in (
        too_early.markdown
    )
