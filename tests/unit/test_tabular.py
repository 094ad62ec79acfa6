"""Tracker rows (as loaded from CSV/XLSX) mapped to action records."""

from __future__ import annotations

import pytest

from ingest.actionlog import NoActionRowsError
from ingest.tabular import looks_like_tracker, parse_tracker_rows
from ingest.types import ActionRecord

HEADERS = ["Action", "Status / Comments", "Lead", "RAG", "Due date", "Cost centre"]


def rows(*values: tuple[str, ...]) -> list[dict[str, str]]:
    """Header-keyed rows, as the CSV/XLSX loaders hand them over."""
    return [dict(zip(HEADERS, v, strict=True)) for v in values]


def test_tracker_with_an_unmapped_column() -> None:
    parsed = parse_tracker_rows(
        HEADERS,
        rows(
            ("Launch the fund", "Agreed in principle.", "Maya", "a", "March 2021", "see minutes"),
            ("Hire a coordinator", "", "TBC", "", "", ""),
        ),
        "trackers/fund.csv",
    )
    assert parsed.column_map == {
        "Action": "action",
        "Status / Comments": "status",
        "Lead": "owner",
        "RAG": "rag",
        "Due date": "due",
    }
    assert parsed.unmapped_columns == ["Cost centre"]
    first, second = parsed.records
    assert first == ActionRecord(
        id=first.id,
        aim="",
        action="Launch the fund",
        status="Agreed in principle.",
        owner="Maya",
        rag="Amber",
        due="March 2021",
        source="trackers/fund.csv",
        row=2,
        row_end=2,
        extra={"Cost centre": "see minutes", "owner_missing": "false"},
    )
    assert (second.status, second.owner, second.rag, second.due, second.row) == (
        "",
        "TBC",
        None,
        None,
        3,
    )
    assert second.extra == {"Cost centre": "", "owner_missing": "true"}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Actions", "action"),
        ("Task", "action"),
        ("Activity", "action"),
        ("KEY ACTION", "action"),
        ("Description", "action"),
        ("status comments", "status"),
        ("Progress", "status"),
        ("Update", "status"),
        ("Comments", "status"),
        ("Owner(s)", "owner"),
        ("Responsible", "owner"),
        ("Assigned to", "owner"),
        ("RAG status", "rag"),
        ("RAG rating", "rag"),
        ("Due", "due"),
        ("Deadline", "due"),
        ("Target date", "due"),
        ("By when", "due"),
        ("Strategic aim", "aim"),
        ("Objective", "aim"),
        ("Workstream", "aim"),
        ("Theme", "aim"),
    ],
)
def test_header_synonyms(header: str, field: str) -> None:
    headers = ["Action" if field != "action" else "Ref", header]
    if field == "action":
        headers = [header, "Owner"]
    parsed = parse_tracker_rows(headers, [dict.fromkeys(headers, "Do it")], "t.csv")
    assert parsed.column_map[header] == field


def test_best_synonym_wins_a_field_and_the_second_status_column_is_the_notes() -> None:
    headers = ["Task", "Comments", "Status", "Owner"]
    parsed = parse_tracker_rows(
        headers, [{"Task": "Do it", "Comments": "fine", "Status": "Done", "Owner": "Al"}], "t.csv"
    )
    assert parsed.column_map == {
        "Task": "action",
        "Status": "status",
        "Owner": "owner",
        "Comments": "notes",
    }
    assert parsed.unmapped_columns == []
    (record,) = parsed.records
    assert (record.status, record.notes) == ("Done", "fine")


def test_looks_like_tracker() -> None:
    assert looks_like_tracker(HEADERS)
    assert looks_like_tracker(["Task", "Owner(s)"])
    assert looks_like_tracker([" key-action ", "PROGRESS"])
    assert not looks_like_tracker(["Action", "Notes"])
    assert not looks_like_tracker(["Name", "Status", "Owner"])
    assert not looks_like_tracker([])


def test_headings_blanks_and_continuations() -> None:
    parsed = parse_tracker_rows(
        ["Ref", "Action", "Status", "Owner", "RAG"],
        [
            {
                "Ref": "Strategic Aim 1 'Staying Ahead'",
                "Action": "",
                "Status": "",
                "Owner": "",
                "RAG": "",
            },
            {
                "Ref": "1.1",
                "Action": "Build the observatory",
                "Status": "Paper drafted.",
                "Owner": "Matt",
                "RAG": "GREEN",
            },
            {"Ref": "", "Action": "", "Status": "Board in Feb.", "Owner": "Maya", "RAG": ""},
            {"Ref": "", "Action": "", "Status": "", "Owner": "", "RAG": ""},
            {"Ref": "", "Action": "Governance", "Status": "", "Owner": "", "RAG": ""},
            {"Ref": "", "Action": "THEME: GOVERNANCE", "Status": "", "Owner": "", "RAG": ""},
            {
                "Ref": "2.1",
                "Action": "Monitoring and evaluation",
                "Status": "",
                "Owner": "",
                "RAG": "r",
            },
        ],
        "trackers/plan.xlsx",
    )
    aims = [(r.aim, r.action, r.row, r.row_end) for r in parsed.records]
    assert aims == [
        ("Strategic Aim 1 'Staying Ahead'", "Build the observatory", 3, 4),
        ("Strategic Aim 1 'Staying Ahead'", "Governance", 6, 6),
        ("THEME: GOVERNANCE", "Monitoring and evaluation", 8, 8),
    ]
    built = parsed.records[0]
    assert (built.status, built.owner, built.rag) == (
        "Paper drafted. Board in Feb.",
        "Matt; Maya",
        "Green",
    )
    governance = parsed.records[1]
    assert (governance.status, governance.owner, governance.extra["owner_missing"]) == (
        "",
        None,
        "true",
    )
    assert parsed.records[2].rag == "Red"
    assert [r.ref for r in parsed.records] == ["1.1", None, "2.1"]
    assert parsed.unmapped_columns == []


def test_aim_column_carries_over_merged_cells() -> None:
    headers = ["Theme", "Action", "Owner"]
    parsed = parse_tracker_rows(
        headers,
        [
            {"Theme": "Skills", "Action": "Run workshops", "Owner": "Al"},
            {"Theme": "", "Action": "Publish guide", "Owner": "Bo"},
            {"Theme": "Funding", "Action": "", "Owner": ""},
            {"Theme": "", "Action": "Open the fund", "Owner": "Cy"},
        ],
        "t.csv",
        first_data_row=5,
    )
    assert [(r.aim, r.row) for r in parsed.records] == [
        ("Skills", 5),
        ("Skills", 6),
        ("Funding", 8),
    ]


def test_rag_values_and_ids() -> None:
    values = ["R", "red", "Amber", "A", "g", "GREEN", "", "blue"]
    parsed = parse_tracker_rows(
        ["Action", "RAG", "Owner"],
        [{"Action": f"Act {i}", "RAG": v, "Owner": "x"} for i, v in enumerate(values)],
        "t.csv",
    )
    assert [r.rag for r in parsed.records] == [
        "Red",
        "Red",
        "Amber",
        "Amber",
        "Green",
        "Green",
        None,
        None,
    ]
    assert parsed.records[-1].extra["rag_raw"] == "blue"
    moved = parse_tracker_rows(
        ["Action", "RAG", "Owner"],
        [{"Action": "New first row", "RAG": "", "Owner": ""}]
        + [{"Action": f"Act {i}", "RAG": v, "Owner": "x"} for i, v in enumerate(values)],
        "t.csv",
    )
    assert [r.id for r in moved.records[1:]] == [r.id for r in parsed.records]
    assert len({r.id for r in moved.records}) == len(moved.records)


def test_duplicate_actions_get_distinct_ids() -> None:
    parsed = parse_tracker_rows(
        ["Action", "Owner"],
        [{"Action": "Same", "Owner": "a"}, {"Action": "same ", "Owner": "b"}],
        "t.csv",
    )
    assert len({r.id for r in parsed.records}) == 2


def test_missing_cells_and_none_values() -> None:
    parsed = parse_tracker_rows(
        ["Action", "Status", "Owner"],
        [{"Action": " Tidy up ", "Status": None}],  # type: ignore[dict-item]
        "t.csv",
    )
    (record,) = parsed.records
    assert (record.action, record.status, record.owner) == ("Tidy up", "", None)


@pytest.mark.parametrize(
    ("headers", "data"),
    [
        (["Action", "Owner"], []),
        (["Action", "Owner"], [{"Action": "", "Owner": ""}, {"Action": "", "Owner": "Matt"}]),
        (["Name", "Owner"], [{"Name": "Something", "Owner": "Matt"}]),
    ],
)
def test_no_action_rows_raises_naming_the_file(
    headers: list[str], data: list[dict[str, str]]
) -> None:
    with pytest.raises(NoActionRowsError, match=r"trackers/empty\.csv"):
        parse_tracker_rows(headers, data, "trackers/empty.csv")
