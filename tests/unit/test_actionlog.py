"""The text action-log parser on the real Lancashire log and on small synthetic logs.

The Lancashire expectations come from the product's acceptance criteria; the exact records pin
ids too, because ids must not change between ingests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.actionlog import NoActionRowsError, normalise_rag, owner_is_missing, parse_action_log
from ingest.types import ActionRecord

SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"
LOG_PATH = Path(__file__).resolve().parents[2] / "corpus" / SOURCE
AIM1 = "Strategic Aim 1 'Staying Ahead'"
AIM2 = "Strategic Aim 2 'New Routeways to Excellence'"
AIM3 = "Strategic Aim 3 'Broadening the Innovation Base'"
AIM5 = "Strategic Aim 5 'Letting the World Know!'"


@pytest.fixture(scope="module")
def records() -> list[ActionRecord]:
    """The log is parsed once: every test below reads the same records."""
    return parse_action_log(LOG_PATH.read_text(encoding="utf-8"), SOURCE)


def find(records: list[ActionRecord], prefix: str) -> ActionRecord:
    """The single record whose action starts with ``prefix`` (fails on none or several)."""
    hits = [r for r in records if r.action.startswith(prefix)]
    assert len(hits) == 1, f"{len(hits)} records start with {prefix!r}"
    return hits[0]


def test_record_count_and_order(records: list[ActionRecord]) -> None:
    assert len(records) == 26
    assert [r.aim for r in records] == [AIM1] * 5 + [AIM2] * 4 + [AIM3] * 9 + [AIM5] * 4 + [
        "Governance"
    ] * 4
    assert [r.row for r in records] == sorted(r.row for r in records)


def test_no_invented_or_leaked_values(records: list[ActionRecord]) -> None:
    assert all(r.rag is None for r in records)
    assert all(r.due is None for r in records)
    assert all(r.action.strip() for r in records)
    assert all(r.source == SOURCE for r in records)
    for r in records:
        for leak in ("Strategic Aim", "key actions", "involve:", "Governance", "Status Comments"):
            assert leak not in r.action, (leak, r.action)
    assert len({r.id for r in records}) == len(records)


def test_acceptance_criteria(records: list[ActionRecord]) -> None:
    ambassadors = find(records, "Developing a network of Lancashire 'Innovation Ambassadors'")
    assert (ambassadors.owner, ambassadors.aim) == ("Maya (with ML)", AIM1)
    assert ambassadors.status.startswith("Long list created")

    hackathons = find(records, "Developing Test Beds in new sectors")
    assert "'hackathons'" in hackathons.action
    assert hackathons.status.startswith("Hackathons discussed previously but stalled")
    assert hackathons.owner == "TBC"

    marketing = find(records, "Developing a Lancashire Innovation Marketing Strategy")
    assert marketing.status == "Rolling out but somewhat stalled due to Covid and Capacity."
    assert (marketing.owner, marketing.aim) == ("Maya (& Marketing Lancashire)", AIM5)

    officers = find(records, "Re-establish board of officers + meet")
    monitoring = find(records, "Monitoring and evaluation")
    assert (officers.aim, officers.owner) == ("Governance", "Maya + Andy W")
    assert (monitoring.aim, monitoring.owner) == ("Governance", "Maya")

    regroup = find(records, "Regroup and / or recontact original consultees")
    assert regroup.status.startswith("This didn't happen")

    working = find(records, "Norking in collaboration with large employers")
    assert working.owner == "Maya (with LEP Board members)"
    assert working.status.startswith("Discussions had with DIT (Nigel Jones)")
    assert working.aim == AIM1

    observatory = find(records, "mplementing a Lancashire Technology and Market Foresight")
    assert (
        observatory.action
        == "mplementing a Lancashire Technology and Market Foresight  Observatory."
    )
    assert observatory.aim == AIM1
    assert observatory.status == "Detailed paper with action plan coming to Feb board."
    assert observatory.owner == "Matt"

    made_smart = find(records, "Focus on delivering the Made Smart Review's")
    assert "North West National Adoption Programme Pilot" in made_smart.action
    assert made_smart.owner == "Maya (with Pete & Andy)"


EXACT = [
    ActionRecord(
        id="772f3936a60a5469",
        aim=AIM1,
        action="Focus on delivering the Made Smart Review's North West National Adoption "
        "Programme Pilot",
        status="Ongoing - Lancashire leading on takeup and value.",
        owner="Maya (with Pete & Andy)",
        rag=None,
        due=None,
        source=SOURCE,
        row=3,
        row_end=4,
        extra={
            "action_normalised": "Focus on delivering the Made Smart Review's North West "
            "National Adoption Programme Pilot",
            "owner_missing": "false",
        },
    ),
    ActionRecord(
        id="b52ba72c9941c752",
        aim=AIM1,
        action="Norking in collaboration with large employers in the County to trengthen "
        "innovation capabilities of their supply chains",
        status="Discussions had with DIT (Nigel Jones) re potential initiatives filling Gaps in "
        "supply chains; £10k budget allocation 21/22 for bid writing for larger projects in "
        "this space.",
        owner="Maya (with LEP Board members)",
        rag=None,
        due=None,
        source=SOURCE,
        row=6,
        row_end=6,
        extra={
            "action_normalised": "Working in collaboration with large employers in the County "
            "to strengthen innovation capabilities of their supply chains",
            "owner_missing": "false",
        },
    ),
    ActionRecord(
        id="49dfa7a696cdca55",
        aim=AIM1,
        action="mplementing a Lancashire Technology and Market Foresight  Observatory.",
        status="Detailed paper with action plan coming to Feb board.",
        owner="Matt",
        rag=None,
        due=None,
        source=SOURCE,
        row=8,
        row_end=8,
        extra={
            "action_normalised": "Implementing a Lancashire Technology and Market Foresight "
            "Observatory.",
            "owner_missing": "false",
        },
    ),
    ActionRecord(
        id="c350d0109a30cebd",
        aim=AIM2,
        action="Developing supply chain crossover networks",
        status="Discussions had with DIT (Nigel Jones) re potential initiatives filling Gaps in "
        "supply chains; £10k budget allocation 21/22 for bid writing for larger projects in "
        "this space.",
        owner="ТВС",
        rag=None,
        due=None,
        source=SOURCE,
        row=10,
        row_end=10,
        extra={
            "action_normalised": "Developing supply chain crossover networks",
            "owner_missing": "true",
            "owner_normalised": "TBC",
        },
    ),
    ActionRecord(
        id="aa1191b76f3dde5c",
        aim=AIM2,
        action="Developing Test Beds in new sectors such as Digital, and initiatives such as "
        "'Failure Labs' and 'hackathons', with different sector fociover time",
        status="Hackathons discussed previously but stalled - lots of appetite but resource heavy "
        "to co-ordinate. Potential to kick start as part of Innovation Showcase / Month (but "
        "still resource dependent).",
        owner="TBC",
        rag=None,
        due=None,
        source=SOURCE,
        row=12,
        row_end=12,
        extra={
            "action_normalised": "Developing Test Beds in new sectors such as Digital, and "
            "initiatives such as 'Failure Labs' and 'hackathons', with different sector "
            "fociover time",
            "owner_missing": "true",
        },
    ),
    ActionRecord(
        id="cda54007ed148f47",
        aim=AIM3,
        action="Developing a programme to promote innovation across public and third sectors;",
        status="LCC IT provision due to come in house in April 2021 which maybe provide some new "
        "capacity & leadership in this space. Conversations also had with FutureGov re creating "
        "a consortium of local authorities to support a spearate digital development service.",
        owner="• • •",
        rag=None,
        due=None,
        source=SOURCE,
        row=23,
        row_end=23,
        extra={
            "action_normalised": "Developing a programme to promote innovation across public "
            "and third sectors;",
            "owner_missing": "true",
        },
    ),
    ActionRecord(
        id="ee2b1358ef84baae",
        aim=AIM5,
        action="Holding an annual Innovation Showcase to celebrate successful innovation in, and "
        "across, the County",
        status="Lancashire Innovation Month 2020 held & successful. Paper to Feb board about a "
        "more ambitious 2021 version.",
        owner="Factory)",
        rag=None,
        due=None,
        source=SOURCE,
        row=26,
        row_end=26,
        extra={
            "action_normalised": "Holding an annual Innovation Showcase to celebrate successful "
            "innovation in, and across, the County",
            "owner_missing": "false",
            "owner_incomplete": "true",
        },
    ),
    ActionRecord(
        id="356bd1b780223bd8",
        aim=AIM5,
        action="Developing a Lancashire Innovation Marketing Strategy",
        status="Rolling out but somewhat stalled due to Covid and Capacity.",
        owner="Maya (& Marketing Lancashire)",
        rag=None,
        due=None,
        source=SOURCE,
        row=27,
        row_end=27,
        extra={
            "action_normalised": "Developing a Lancashire Innovation Marketing Strategy",
            "owner_missing": "false",
        },
    ),
    ActionRecord(
        id="9e3eb0d4ff984cfd",
        aim="Governance",
        action="Re-establish board of officers + meet",
        status="Monthly working group of Maya Ellis, Matt Wright, Andy Walker and Sarah Kemp.",
        owner="Maya + Andy W",
        rag=None,
        due=None,
        source=SOURCE,
        row=32,
        row_end=32,
        extra={
            "action_normalised": "Re-establish board of officers + meet",
            "owner_missing": "false",
        },
    ),
    ActionRecord(
        id="cc3d84a81836ae2d",
        aim="Governance",
        action="Monitoring and evaluation",
        status="Aiming to contract company by March 2021 to establish meaurements for 21/22 (late "
        "but still aiming to complete)",
        owner="Maya",
        rag=None,
        due=None,
        source=SOURCE,
        row=34,
        row_end=34,
        extra={"action_normalised": "Monitoring and evaluation", "owner_missing": "false"},
    ),
]


@pytest.mark.parametrize("expected", EXACT, ids=lambda r: r.action[:30])
def test_exact_records(records: list[ActionRecord], expected: ActionRecord) -> None:
    assert find(records, expected.action) == expected


def test_row_split_across_a_shared_line(records: list[ActionRecord]) -> None:
    """Line 4 ends the Made Smart row and starts the Centres of Excellence row."""
    centres = find(records, "Connecting with Centres of Excellence outside Lancashire, so")
    assert centres.action.endswith(
        "so nelping to improve our participation in national, and "
        "potentially nternational, innovation networks"
    )
    assert centres.status.startswith("Work has commenced on a regional Space Sector Srategy;")
    assert "Clean Tech Accelerator and discussion has been opened" in centres.status
    assert centres.status.endswith("Involvement of AMRC in HEI Forum with UEDU.")
    assert (centres.owner, centres.row, centres.row_end) == ("Matt", 4, 5)
    assert "international" in centres.extra["action_normalised"]


def test_status_segment_moves_to_the_row_it_starts(records: list[ActionRecord]) -> None:
    """``… KTPs and`` at the end of line 10 begins the KTP row's status on line 11."""
    ktp = find(records, "Encouraging an increase in Knowledge Transfer Partnerships")
    assert ktp.status.startswith("There has been an increase in the number of KTPs and Placements")
    assert ktp.owner == "Matt (& Maya re accelerators)"
    supply = find(records, "Developing supply chain crossover networks")
    assert supply.status == find(records, "Norking").status  # a status the authors copied


def test_three_actions_on_one_line_share_its_cells(records: list[ActionRecord]) -> None:
    shared = [r for r in records if r.extra.get("cells_shared_by") == "3"]
    assert [r.action.split()[0] for r in shared] == ["Ensuring", "Facilitating", "Developing"]
    assert shared[0].action == (
        "Ensuring relevant capital developments include provision for incubating "
        "innovation-led start-ups"
    )
    assert shared[2].action.endswith(
        "helping to stimulate global metworking, and bringing best "
        "practice to Lancashire's attention."
    )
    assert (shared[0].row, shared[0].row_end) == (17, 18)  # printed twice, merged
    assert [(r.row, r.row_end) for r in shared[1:]] == [(18, 18), (18, 18)]
    for r in shared:
        assert r.aim == AIM3
        assert r.owner == "Maya (& LEP team)  Maya (with Digital Lancashire)"
        assert r.status.startswith("Fraser House (White Cross) due to open March 1st")
        assert r.status.endswith("Proposals imminent to focus more intently on local")
        assert r.extra["status_raw"].startswith("enhance leadership around Industrial Strategy")


def test_multi_line_cells_join(records: list[ActionRecord]) -> None:
    leadership = find(records, "Enhancing existing, or building new, leadership development")
    assert leadership.action.endswith("given the same priority as wider core business disciplines")
    assert "explore wider options including adding shorter term" in leadership.status
    assert (leadership.owner, leadership.row, leadership.row_end) == ("Matt", 15, 16)


def test_ids_survive_inserted_rows(records: list[ActionRecord]) -> None:
    lines = LOG_PATH.read_text(encoding="utf-8").split("\n")
    inserted = "Launching a new thing across the County\tNot started.\tMatt\t"
    edited = "\n".join([*lines[:2], inserted, *lines[2:20], "", inserted + " 2", *lines[20:]])
    again = parse_action_log(edited, SOURCE)
    assert len(again) == len(records) + 2
    before = {r.id: r for r in records}
    moved = [r for r in again if not r.action.startswith("Launching")]
    assert [r.id for r in moved] == [r.id for r in records]
    assert all(r.row > before[r.id].row for r in moved)


def test_synthetic_split_owner_cell() -> None:
    text = (
        "Action\tStatus\tOwner\tRAG\n"
        "Delivering the first thing across\t\tAda (with Bo &\t\n"
        "the whole County\tGoing well.\tCy)\tG\n"
        "Reviewing the second thing\tNot started.\tDee\t\n"
    )
    first, second = parse_action_log(text, "logs/tiny.txt")
    assert first.action == "Delivering the first thing across the whole County"
    assert first.owner == "Ada (with Bo & Cy)"
    assert (first.status, first.rag, first.row, first.row_end) == ("Going well.", "Green", 2, 3)
    assert (second.owner, second.rag, second.row) == ("Dee", None, 4)


def test_synthetic_glued_aim_heading() -> None:
    text = (
        "Action\tStatus comments\tOwner\tRAG status\n"
        "For Strategic Aim 1 'Alpha', key actions will involve:\t\t\t\n"
        "Building the thing.  For Strategic Aim 2 'Beta Aim', key actions\tDone.\tAnn\t\n"
        "vill involve:\t\t\t\n"
        "Testing the thing\tUnder way.\tBen\t\n"
    )
    build, test = parse_action_log(text, "logs/glued.txt")
    assert (build.aim, build.action, build.status, build.owner) == (
        "Strategic Aim 1 'Alpha'",
        "Building the thing.",
        "Done.",
        "Ann",
    )
    assert (test.aim, test.action, test.row) == (
        "Strategic Aim 2 'Beta Aim'",
        "Testing the thing",
        5,
    )


def test_synthetic_header_sets_column_order_and_due() -> None:
    text = "Task\tOwner\tDue date\tStatus\nWriting the plan\tEve\t31 March\tDrafted.\n"
    (record,) = parse_action_log(text, "logs/order.txt")
    assert (record.owner, record.due, record.status, record.rag) == (
        "Eve",
        "31 March",
        "Drafted.",
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "Just a paragraph of prose.\nAnother line without any table.\n",
        "Action\tStatus\tOwner\n",
    ],
)
def test_no_rows_raises_naming_the_file(text: str) -> None:
    with pytest.raises(NoActionRowsError, match=r"logs/empty\.txt"):
        parse_action_log(text, "logs/empty.txt")


def test_helpers() -> None:
    assert [normalise_rag(x) for x in ("R", "amber", "GREEN", " g ", "", "2.24")] == [
        "Red",
        "Amber",
        "Green",
        "Green",
        None,
        None,
    ]
    assert all(owner_is_missing(x) for x in ("", "TBC", "ТВС", "• • •", "tbd", " - "))
    assert not any(owner_is_missing(x) for x in ("Matt", "Factory)", "Maya (with ML)"))
