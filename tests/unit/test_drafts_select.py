"""Selecting actions by aim, owner and status on the real log; owner cells read into names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.drafts.select import (
    NoMatchError,
    aims_of,
    match_aims,
    owner_names,
    resolve_selection,
)
from ingest.actionlog import parse_action_log
from ingest.owners import parse_owner
from ingest.types import ActionRecord

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"
AIM_1 = "Strategic Aim 1 'Staying Ahead'"
AIM_2 = "Strategic Aim 2 'New Routeways to Excellence'"
AIM_3 = "Strategic Aim 3 'Broadening the Innovation Base'"
AIM_5 = "Strategic Aim 5 'Letting the World Know!'"
MATT_ROWS = [4, 8, 11, 13, 15, 20, 24, 29, 31]
MAYA_ROWS = [3, 6, 7, 11, 17, 18, 18, 21, 22, 27, 28, 29, 31, 32, 33, 34]


@pytest.fixture(scope="module")
def records() -> list[ActionRecord]:
    return parse_action_log(LOG.read_text(encoding="utf-8"), SOURCE)


def select(records: list[ActionRecord], **selectors: str) -> list[ActionRecord]:
    selection = resolve_selection(records, **selectors)
    return [r for r in records if selection.matches(r)]


# --- aims -----------------------------------------------------------------------------------


def test_the_log_has_these_aims(records: list[ActionRecord]) -> None:
    assert aims_of(records) == [AIM_1, AIM_2, AIM_3, AIM_5, "Governance"]


@pytest.mark.parametrize(
    ("typed", "aim"),
    [
        ("aim 1", AIM_1),
        ("Aim 5", AIM_5),
        ("AIM5", AIM_5),
        ("strategic aim 2", AIM_2),
        ("3", AIM_3),
        ("Staying Ahead", AIM_1),
        ("staying", AIM_1),
        ("broadening the innovation base", AIM_3),
        ("Broadening", AIM_3),
        ("new routeways", AIM_2),
        ("Letting the World Know", AIM_5),
        ("letting the world know!", AIM_5),
        ("Leting the wrld know", AIM_5),  # small typos
        ("governance", "Governance"),
        ("Govern", "Governance"),  # partial word
        ("Goverance", "Governance"),
    ],
)
def test_aims_are_matched_fuzzily(records: list[ActionRecord], typed: str, aim: str) -> None:
    assert match_aims(typed, aims_of(records)) == [aim]


def test_governance_rows(records: list[ActionRecord]) -> None:
    actions = [r.action for r in select(records, aim="Governance")]
    assert actions == [
        "Establish Innovation Board + what role will be",
        "Re-establish board of officers + meet",
        "Regroup and / or recontact original consultees to update on outcomes and next steps",
        "Monitoring and evaluation",
    ]


def test_aim_5_by_number_and_by_name_are_the_same_four(records: list[ActionRecord]) -> None:
    by_number = select(records, aim="aim 5")
    assert [r.row for r in by_number] == [26, 27, 28, 29]
    assert by_number == select(records, aim="Letting the World Know")


@pytest.mark.parametrize("typed", ["aim 4", "Lancashire Skills", "aim"])
def test_an_aim_that_matches_nothing_names_the_closest(
    records: list[ActionRecord], typed: str
) -> None:
    with pytest.raises(NoMatchError) as caught:
        select(records, aim=typed)
    message = str(caught.value)
    assert message.startswith(f"No aim matches {typed!r}.")
    assert "Closest aims:" in message
    assert set(caught.value.suggestions) <= set(aims_of(records))
    assert caught.value.suggestions


def test_aim_4_suggests_the_numbered_aims(records: list[ActionRecord]) -> None:
    with pytest.raises(NoMatchError) as caught:
        select(records, aim="aim 4")
    assert AIM_5 in caught.value.suggestions[:3]


# --- owners ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "names", "needs_owner"),
    [
        ("Maya", [("Maya", "lead")], False),
        ("Matt & Maya", [("Matt", "lead"), ("Maya", "lead")], False),
        ("Maya + Andy W", [("Maya", "lead"), ("Andy W", "lead")], False),
        ("Maya (with ML)", [("Maya", "lead"), ("ML", "with")], False),
        ("Matt (& Maya re accelerators)", [("Matt", "lead"), ("Maya", "co")], False),
        ("Matt (& Rachel McQueen - ML)", [("Matt", "lead"), ("Rachel McQueen", "co")], False),
        ("Maya (& Amin via Rosebud?)", [("Maya", "lead"), ("Amin", "co")], False),
        (
            "Maya & Matt (with Andy & Steve Fogg)",
            [("Maya", "lead"), ("Matt", "lead"), ("Andy", "with"), ("Steve Fogg", "with")],
            False,
        ),
        (
            "Maya (& LEP team)  Maya (with Digital Lancashire)",
            [("Maya", "lead"), ("LEP team", "co"), ("Digital Lancashire", "with")],
            False,
        ),
        ("Maya, Matt; Andy", [("Maya", "lead"), ("Matt", "lead"), ("Andy", "lead")], False),
        ("TBC", [], True),
        ("ТВС", [], True),  # Cyrillic look-alikes
        ("• • •", [], True),
        ("", [], True),
        ("Factory)", [], True),  # the start of the cell is lost: no guessing
    ],
)
def test_owner_cells_read_into_names(
    cell: str, names: list[tuple[str, str]], needs_owner: bool
) -> None:
    record = ActionRecord("x", "", "An action", "", cell or None, None, None, "log.txt", 1)
    parsed = parse_owner(record)
    assert [(n.name, n.role) for n in parsed.names] == names
    assert parsed.needs_owner is needs_owner


def test_owner_matt_gets_every_action_with_matt_as_an_owner_and_no_other(
    records: list[ActionRecord],
) -> None:
    chosen = select(records, owner="Matt")
    assert [r.row for r in chosen] == MATT_ROWS
    for record in records:
        has_matt = any(n.name == "Matt" for n in parse_owner(record).names)
        assert (record in chosen) is has_matt, record.owner


def test_owner_maya_includes_joint_and_shared_rows(records: list[ActionRecord]) -> None:
    chosen = select(records, owner="Maya")
    assert [r.row for r in chosen] == MAYA_ROWS
    assert "Knowledge Transfer Partnerships" in chosen[3].action  # Matt (& Maya re accelerators)


@pytest.mark.parametrize(
    ("typed", "rows"), [("maya", MAYA_ROWS), ("Mya", MAYA_ROWS), ("MATT", MATT_ROWS)]
)
def test_owner_names_ignore_case_and_small_typos(
    records: list[ActionRecord], typed: str, rows: list[int]
) -> None:
    assert [r.row for r in select(records, owner=typed)] == rows


def test_supporting_people_select_the_row_but_are_flagged(records: list[ActionRecord]) -> None:
    selection = resolve_selection(records, owner="Andy")
    chosen = [r for r in records if selection.matches(r)]
    assert [r.row for r in chosen] == [3, 31, 32]
    roles = [role.role for r in chosen if (role := selection.owner_role(r))]
    assert roles == ["with", "with", "lead"]  # Maya (with Pete & Andy); … ; Maya + Andy W


def test_matt_is_a_whole_name_not_a_prefix() -> None:
    def row(owner: str, number: int) -> ActionRecord:
        return ActionRecord(
            str(number), "", f"Action {number}", "", owner, None, None, "t.csv", number
        )

    records = [row("Matthew Jones", 2), row("Matt (& Rachel McQueen - ML)", 3), row("Mattie", 4)]
    assert [r.row for r in select(records, owner="Matt")] == [3]
    assert [r.row for r in select(records, owner="Matthew")] == [2]


def test_an_owner_that_matches_nothing_names_the_closest(records: list[ActionRecord]) -> None:
    with pytest.raises(NoMatchError) as caught:
        select(records, owner="Matthew")
    assert str(caught.value).startswith("No owner matches 'Matthew'. Closest owners: Matt")
    assert set(caught.value.suggestions) <= set(owner_names(records))


def test_owner_names_for_pickers(records: list[ActionRecord]) -> None:
    names = owner_names(records)
    assert {"Maya", "Matt", "Andy", "Andy W", "Steve Fogg", "Rachel McQueen"} <= set(names)
    assert not {"TBC", "ТВС", "Factory", "• • •"} & set(names)


# --- status and combinations ----------------------------------------------------------------


def test_status_selection(records: list[ActionRecord]) -> None:
    assert [r.row for r in select(records, status="stalled")] == [12, 27, 33, 34]
    assert [r.row for r in select(records, status="done")] == [26, 31, 32]
    assert [r.row for r in select(records, status="scoping")] == [20, 24]


def test_selectors_combine_with_and(records: list[ActionRecord]) -> None:
    assert [r.row for r in select(records, aim="Letting the World Know", status="stalled")] == [27]
    assert [r.row for r in select(records, aim="governance", owner="Matt")] == [31]


def test_nothing_selected_means_everything(records: list[ActionRecord]) -> None:
    selection = resolve_selection(records)
    assert all(selection.matches(r) for r in records)
    assert selection.scope() == "all actions"


def _draft_cases() -> list[dict[str, Any]]:
    cases = yaml.safe_load((ROOT / "evals/suites/drafts.yaml").read_text(encoding="utf-8"))
    return [c for c in cases if c.get("kind") == "draft"]


@pytest.mark.parametrize("case", _draft_cases(), ids=lambda c: c["id"])
def test_the_draft_eval_cases_hold(records: list[ActionRecord], case: dict[str, Any]) -> None:
    selectors = {k: case[k] for k in ("aim", "owner", "status") if case.get(k)}
    actions = [r.action.casefold() for r in select(records, **selectors)]
    for wanted in case.get("must_include_actions", []):
        assert any(wanted.casefold() in a for a in actions), wanted
    for unwanted in case.get("must_exclude_actions", []):
        assert not any(unwanted.casefold() in a for a in actions), unwanted
