"""Drafts over logs ingested by the real pipeline (real MiniLM embeddings, SQLite, Chroma):
CSV and XLSX trackers with a RAG column, and the change report on an edited copy of the log."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.components import Components, build_components
from assistant.drafts import DraftRequest, StatusClass, list_owners, make_draft
from assistant.settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
REAL_LOG = ROOT / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
LOG_SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"

CSV_ROWS = [
    ["Action", "Status / Comments", "Lead", "RAG", "Due date", "Notes"],
    ["Launch the innovation fund", "Underway; panel formed.", "Maya", "Green", "March 2022", "x"],
    ["Hire a programme coordinator", "Recruitment paused.", "TBC", "A", "", ""],
    ["Open the test bed", "Building works on schedule.", "Matt & Maya", "red", "", ""],
    ["Publish the case studies", "Completed and published.", "Matt", "Red", "", ""],
    ["Map supply chains", "", "Andy W", "Amber", "", ""],
]


def write_trackers(folder: Path) -> None:
    """A CSV with the issue's column names and an XLSX with other common synonyms."""
    with (folder / "programme-tracker.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(CSV_ROWS)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Aim", "Task", "Update", "Owner(s)", "RAG status", "Deadline"])
    sheet.append(
        [
            "Skills",
            "Run a skills bootcamp",
            "Due to launch in May.",
            "Matt",
            "G",
            dt.datetime(2022, 6, 1),
        ]
    )
    sheet.append([None, "Recruit mentors", "", "", "R", None])
    sheet.append(["Digital", "Pilot a data hub", "Scoping needed.", "Maya (with Andy)", "", None])
    book.save(folder / "digital-tracker.xlsx")  # fmt: skip


@pytest.fixture(scope="module")
def trackers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Components, list[str]]]:
    root = tmp_path_factory.mktemp("trackers")
    logs = root / "corpus" / "action-logs"
    logs.mkdir(parents=True)
    write_trackers(logs)
    parts = build_components(Settings(data_dir=root / "data", corpus_dir=root / "corpus"))
    report = parts.pipeline.run(None)
    assert report.failed == []
    yield parts, report.warnings
    parts.store.close()


def test_trackers_are_ingested_with_their_columns_mapped(
    trackers: tuple[Components, list[str]],
) -> None:
    parts, warnings = trackers
    assert warnings == []  # every column is mapped: "Notes" is the notes
    notes = {r.action: r.notes for r in parts.store.records()}
    assert notes["Launch the innovation fund"] == "x"
    rag = {r.action: r.rag for r in parts.store.records()}
    assert rag["Open the test bed"] == "Red" and rag["Hire a programme coordinator"] == "Amber"


def test_rag_decides_with_the_status_text(trackers: tuple[Components, list[str]]) -> None:
    parts, _ = trackers
    result = make_draft(parts.store, DraftRequest(format="json"))
    verdict = {r.action: (r.status_class, r.evidence, r.flagged) for r in result.records}
    assert verdict == {
        "Launch the innovation fund": (StatusClass.ON_TRACK, "Underway", False),
        "Hire a programme coordinator": (StatusClass.STALLED, "paused", True),
        "Open the test bed": (StatusClass.STALLED, "RAG: Red", False),
        "Publish the case studies": (StatusClass.DONE, "Completed", False),  # done beats Red
        "Map supply chains": (StatusClass.ON_TRACK, "RAG: Amber", True),
        "Run a skills bootcamp": (StatusClass.ON_TRACK, "Due to launch", False),
        "Recruit mentors": (StatusClass.STALLED, "RAG: Red", False),
        "Pilot a data hub": (StatusClass.NOT_STARTED, "Scoping needed", False),
    }
    aims = {r.action: r.aim for r in result.records}
    assert aims["Recruit mentors"] == "Skills"  # a blank aim cell carries the one above


def test_tracker_draft_cites_sheet_rows_per_file(trackers: tuple[Components, list[str]]) -> None:
    parts, _ = trackers
    md = make_draft(parts.store, DraftRequest(owner="Maya")).markdown
    assert "**Launch the innovation fund** — Maya. On track (“Underway”)" in md
    assert "[row 2, programme-tracker.csv]" in md
    assert "[row 4, programme-tracker.csv]" in md  # Matt & Maya
    assert "[row 4, digital-tracker.xlsx]" in md  # Maya (with Andy)
    assert "Publish the case studies" not in md
    assert (
        "`action-logs/programme-tracker.csv`" in md and "`action-logs/digital-tracker.xlsx`" in md
    )
    everything = make_draft(parts.store, DraftRequest()).markdown
    assert "- **March 2022** — Due March 2022 (Launch the innovation fund)" in everything
    assert "- **1 June 2022** — Due 1 June 2022 (Run a skills bootcamp)" in everything
    assert "owner cell reads “TBC”" in everything and "owner cell is blank" in everything
    assert "On track (“RAG: Amber”)" in everything


def test_tracker_owners_for_pickers(trackers: tuple[Components, list[str]]) -> None:
    parts, _ = trackers
    assert list_owners(parts.store) == ["Andy", "Andy W", "Matt", "Maya"]


# --- what changed, on an edited copy of the real log ------------------------------------------


def edit_log(text: str) -> str:
    """Change a status and an owner, add an action, remove one."""
    out = []
    for line in text.split("\n"):
        if line.startswith("Monitoring and evaluation\t"):
            continue
        if line.startswith("Developing a Lancashire Innovation Marketing Strategy\t"):
            line = line.replace(
                "Rolling out but somewhat stalled due to Covid and Capacity.",
                "Strategy launched and completed in March.",
            )
        if "'Innovation Ambassadors'" in line:
            line = line.replace("Maya (with ML)", "Matt (with ML)")
        out.append(line)
        if line.startswith("Re-establish board of officers"):
            out.append("Publishing an annual progress report\tFirst draft circulated.\tMaya\t")
    return "\n".join(out)  # fmt: skip


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Components]:
    root = tmp_path_factory.mktemp("edited")
    logs = root / "corpus" / "action-logs"
    logs.mkdir(parents=True)
    log = logs / REAL_LOG.name
    shutil.copyfile(REAL_LOG, log)
    log.chmod(0o644)
    parts = build_components(Settings(data_dir=root / "data", corpus_dir=root / "corpus"))
    assert parts.pipeline.run(None).ingested == [LOG_SOURCE]
    log.write_text(edit_log(REAL_LOG.read_text(encoding="utf-8")), encoding="utf-8")
    assert parts.pipeline.run(None).ingested == [LOG_SOURCE]
    yield parts
    parts.store.close()


def test_reingest_keeps_the_previous_version(edited: Components) -> None:
    versions = edited.store.record_versions(LOG_SOURCE)
    assert [v.version for v in versions] == [1, 2]
    assert len(versions[0].records) == 26 and len(versions[1].records) == 26


def test_change_report_lists_the_four_kinds(edited: Components) -> None:
    result = make_draft(edited.store, DraftRequest(changes=True))
    assert result.changes is not None
    kinds = [(c.kind, c.action[:36], c.citation) for c in result.changes.changes]
    assert kinds == [
        ("new", "Publishing an annual progress report", "[row 33]"),
        ("status", "Developing a Lancashire Innovation M", "[row 27]"),
        ("owner", "Developing a network of Lancashire '", "[row 7]"),
        ("closed", "Monitoring and evaluation", "row 34 of the earlier version"),
    ]
    md = result.markdown
    assert "## What changed since the previous version (" in md
    assert (
        "- **New:** Publishing an annual progress report — First draft circulated. [row 33]" in md
    )
    assert (
        "(stalled / at risk); now “Strategy launched and completed in March.” (done) [row 27]" in md
    )
    assert (
        "- **Owner changed:** Developing a network of Lancashire 'Innovation Ambassadors' to work "
        "with local SMEs — was Maya (with ML); now Matt (with ML) [row 7]"
    ) in md
    assert "- **Closed (no longer in the log):** Monitoring and evaluation — last status" in md
    assert "4 changes since the last version" in md


def test_change_report_since_a_date(edited: Components) -> None:
    today = dt.date.today()
    same_day = make_draft(edited.store, DraftRequest(owner="Maya", since=today))
    assert same_day.changes is not None
    assert same_day.changes.baseline == {LOG_SOURCE: 2}  # the latest version on or before today
    assert "_No changes to these actions._" in same_day.markdown
    before = make_draft(edited.store, DraftRequest(since=today - dt.timedelta(days=1)))
    assert before.changes is not None and before.changes.changes == []
    assert "No earlier version of" in before.markdown
