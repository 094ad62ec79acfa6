"""Trackers of any shape: the column rule table, the status rule table, due dates, the header
row found below title rows, columns recognised by content, and workbook sheets."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.dates import due_by
from ingest.pipeline import prepare
from ingest.sheets import Sheet
from ingest.status import LABEL_CLASS, StatusClass, StatusLabel, classify_status
from ingest.tabular import COLUMN_RULES, column_field, find_header, read_sheet
from ingest.types import LoadedDocument


@pytest.mark.parametrize(
    ("header", "field"),
    [(example, rule.field) for rule in COLUMN_RULES for example in rule.examples],
)
def test_every_example_of_the_column_rules(header: str, field: str) -> None:
    hit = column_field(header)
    assert hit is not None and hit[0] == field


@pytest.mark.parametrize(
    "header",
    ["What happens next", "Meaning", "Budget (£k)", "Colour", "Who we are and what we do today"],
)
def test_headers_that_name_no_tracker_column(header: str) -> None:
    assert column_field(header) is None


@pytest.mark.parametrize(
    ("status", "rag", "label"),
    [
        ("On track", None, StatusLabel.ON_TRACK),
        ("ON TRACK", None, StatusLabel.ON_TRACK),
        ("Complete", None, StatusLabel.DONE),
        ("Done", None, StatusLabel.DONE),
        ("In progress – interim data due Jan 2026", None, StatusLabel.IN_PROGRESS),
        ("Delayed – awaiting funding", None, StatusLabel.DELAYED),
        ("Behind schedule – 6 of 14 schools signed off", None, StatusLabel.DELAYED),
        ("Slipped to Q3", None, StatusLabel.DELAYED),
        ("Overdue", None, StatusLabel.DELAYED),
        ("On hold pending restructure", None, StatusLabel.ON_HOLD),
        ("Paused", None, StatusLabel.ON_HOLD),
        ("Blocked – waiting for permit", None, StatusLabel.BLOCKED),
        ("Not started", None, StatusLabel.NOT_STARTED),
        ("Not yet started", None, StatusLabel.NOT_STARTED),
        ("Not started", "Red", StatusLabel.NOT_STARTED),
        ("Cancelled", None, StatusLabel.CANCELLED),
        ("At risk", None, StatusLabel.AT_RISK),
        ("", "Red", StatusLabel.AT_RISK),
        ("", "Green", StatusLabel.ON_TRACK),
        ("", None, StatusLabel.UNKNOWN),
        ("Rolling out but somewhat stalled due to Covid", None, StatusLabel.BLOCKED),
        ("Complete", "Red", StatusLabel.DONE),
    ],
)
def test_tracker_status_words(status: str, rag: str | None, label: StatusLabel) -> None:
    verdict = classify_status(status, rag)
    assert verdict.label is label
    if rag == "Red" and label is not StatusLabel.DONE:
        assert verdict.status_class is StatusClass.STALLED
    else:
        assert verdict.status_class is LABEL_CLASS[label]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-03-31", date(2026, 3, 31)),
        ("31/03/2026", date(2026, 3, 31)),
        ("1/4/26", date(2026, 4, 1)),
        ("Q3 2026", date(2026, 9, 30)),
        ("Q1 2027", date(2027, 3, 31)),
        ("Sept 2026", date(2026, 9, 30)),
        ("end of March 2026", date(2026, 3, 31)),
        ("14 May 2026", date(2026, 5, 14)),
        ("Summer 2026", date(2026, 8, 31)),
        ("2026/27", date(2027, 3, 31)),
        ("2026", date(2026, 12, 31)),
        ("end of March", None),
        ("ongoing", None),
        ("TBC", None),
        ("", None),
    ],
)
def test_due_dates_read_to_the_last_day_they_allow(cell: str, expected: date | None) -> None:
    assert due_by(cell) == expected


def _sheet(rows: list[list[str]], name: str = "Sheet1") -> Sheet:
    return Sheet(name, rows, list(range(1, len(rows) + 1)))


def test_header_below_title_rows_and_merged_aim_rows() -> None:
    sheet = _sheet(
        [
            ["Implementation tracker 2025-26"],
            ["Version 7 | updated 18/11/2025"],
            ["Ref", "Action", "Lead(s)", "Progress update", "RAG", "Target date"],
            ["Aim 1: Teaching"],
            [
                "1.1",
                "Review every programme",
                "J. Okafor / H. Castellano",
                "On track",
                "G",
                "Q3 2026",
            ],
            ["1.2", "Open the hub", "Estates", "Paused", "amber", "TBC"],
        ]
    )
    assert find_header(sheet) == 2
    parse = read_sheet(sheet, "t.xlsx")
    assert parse.header_row == 3 and parse.title.startswith("Implementation tracker")
    assert parse.tracker is not None
    first, second = parse.tracker.records
    assert (first.ref, first.aim, first.rag, first.row) == ("1.1", "Aim 1: Teaching", "Green", 5)
    assert (second.status, second.rag, second.due) == ("Paused", "Amber", "TBC")


def test_columns_found_by_content_when_their_headers_say_nothing() -> None:
    sheet = _sheet(
        [
            ["Item", "Person", "Colour", "When", "Where it stands"],
            [
                "Agree twenty new farm plans with farmers",
                "Dev Sharma",
                "Red",
                "2026-03-31",
                "Delayed",
            ],
            [
                "Fix sixty misconnected drains in the town",
                "Lucy Obi",
                "Green",
                "Q2 2026",
                "Complete",
            ],
            [
                "Expand the monitoring network to more sites",
                "Ffion Davies",
                "A",
                "2026/27",
                "On track",
            ],
        ]
    )
    parse = read_sheet(sheet, "t.csv")
    assert parse.tracker is not None
    assert parse.tracker.column_map == {
        "Item": "action",
        "Person": "owner",
        "Colour": "rag",
        "When": "due",
        "Where it stands": "status",
    }


def test_a_list_of_dropdown_values_is_not_a_tracker() -> None:
    sheet = _sheet(
        [
            ["Status", "RAG", "Programme", "Goal name", "Staff"],
            ["Complete", "Red", "Clean Water", "Clean water", "Tom Whitcombe"],
            ["On track", "Amber", "River Restoration", "Room for rivers", "Priya Nandakumar"],
            ["In progress", "Green", "Flood Management", "Resilient communities", "Sam Reid"],
        ]
    )
    assert read_sheet(sheet, "t.xlsx").tracker is None


def test_a_key_sheet_is_a_table_headed_by_its_first_row_not_by_its_last() -> None:
    """The last row of a RAG key names an action and a lead ("action not yet started",
    "Lead to assess") but heads nothing: the key's own header row heads its rows."""
    sheet = _sheet(
        [
            ["RAG key"],
            ["RAG", "Meaning", "What happens next"],
            ["Amber (A)", "Some risk to delivery", "Lead reviews monthly"],
            ["(blank)", "Not yet assessed, or action not yet started", "Lead to assess"],
        ]
    )
    parse = read_sheet(sheet, "t.xlsx")
    assert parse.tracker is None
    assert parse.headers == ["RAG", "Meaning", "What happens next"]
    assert find_header(sheet) is None


def test_a_workbook_indexes_tracker_sheets_as_records_and_other_sheets_as_tables() -> None:
    tracker = _sheet(
        [
            ["#", "Milestone / action", "Responsible", "Status", "Update (Mar 26)", "Deadline"],
            [
                "1",
                "Agree 20 farm plans",
                "Dev Sharma, Lucy Obi",
                "In progress",
                "17 signed",
                "Q2 2026",
            ],
            ["Action ID", "Milestone / action", "Responsible", "Status", "Update", "Deadline"],
            ["#", "Milestone / action", "Responsible", "Status", "Update (Mar 26)", "Deadline"],
            ["2", "Fix drains", "", "Not yet started", "", "end of March"],
        ],
        "Tracker",
    )
    key = _sheet([["RAG", "Meaning"], ["Red", "Serious risk to delivery"]], "Key")
    document = LoadedDocument("t.xlsx", "plan", "T", sheets=[tracker, key])
    prepared = prepare(document, 900, 120)
    assert document.kind == "action"
    records = prepared.records or []
    assert [r.action for r in records] == ["Agree 20 farm plans", "Fix drains"]
    first, second = records
    assert first.owners == ["Dev Sharma", "Lucy Obi"]
    assert (first.notes, first.status_label, first.due_date) == (
        "17 signed",
        "in progress",
        "2026-06-30",
    )
    assert (second.owners, second.status_class, second.due_date) == (
        [],
        "not started / scoping",
        None,
    )
    assert first.sheet == "Tracker"
    assert first.overdue(date(2026, 7, 1)) and not first.overdue(date(2026, 6, 30))
    key_chunks = [c for c in prepared.chunks if c.kind == "plan"]
    assert any("RAG: Red; Meaning: Serious risk to delivery" in c.text for c in key_chunks)
    assert prepared.warnings == []


def test_a_spreadsheet_with_no_tracker_says_so() -> None:
    document = LoadedDocument(
        "budget.csv", "plan", "B", sheets=[_sheet([["Line", "2025/26"], ["Staff", "£1.2m"]])]
    )
    prepared = prepare(document, 900, 120)
    assert prepared.records is None
    assert "no sheet reads as an action tracker" in prepared.warnings[0]
    assert "Line: Staff; 2025/26: £1.2m" in prepared.chunks[0].text
