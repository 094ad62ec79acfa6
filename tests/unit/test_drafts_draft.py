"""The drafted update from the real log: sections, citations, JSON and Slack shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.drafts import (
    DraftRequest,
    EmptyIndexError,
    NoMatchError,
    StatusClass,
    list_aims,
    list_owners,
    make_draft,
)
from assistant.drafts.slack import MAX_BLOCKS, MAX_SECTION
from assistant.drafts.wording import shorten_action
from ingest.actionlog import parse_action_log
from ingest.store.sqlite import DocumentRow, RecordVersion
from ingest.types import ActionRecord

LOG = (
    Path(__file__).resolve().parents[2]
    / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
)
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"
MODIFIED = 1_611_000_000.0  # 18 January 2021
_BULLET_CITE = re.compile(r"\[row (\d+)\]$")


@dataclass
class FakeStore:
    """The three reads drafts make, over records held in memory (SqliteStore in integration)."""

    current: list[ActionRecord]
    versions: dict[str, list[RecordVersion]] = field(default_factory=dict)
    docs: list[DocumentRow] = field(default_factory=list)

    def records(self, source: str | None = None) -> list[ActionRecord]:
        return [r for r in self.current if source in (None, r.source)]

    def record_versions(self, source: str) -> list[RecordVersion]:
        return self.versions.get(source, [])

    def documents(self) -> list[DocumentRow]:
        return self.docs


def document(source: str = SOURCE, file_hash: str = "h1") -> DocumentRow:
    return DocumentRow(source, "Action agenda", "action", file_hash, 26, 26, MODIFIED, MODIFIED)


@pytest.fixture(scope="module")
def store() -> FakeStore:
    records = parse_action_log(LOG.read_text(encoding="utf-8"), SOURCE)
    return FakeStore(records, docs=[document()])


def section(markdown: str, title: str) -> str:
    """The text of one ``## title`` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |^---)", markdown, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def test_letting_the_world_know(store: FakeStore) -> None:
    result = make_draft(store, DraftRequest(aim="Letting the World Know"))
    md = result.markdown
    assert md.startswith("# Progress update: Strategic Aim 5 'Letting the World Know!'\n")
    assert "_As of 18 January 2021 (log file last modified)_" in md
    assert (
        "**4 actions:** 1 done · 2 on track · 1 stalled / at risk · 0 not started / scoping" in md
    )
    assert "**Needs attention:** 1 stalled or at risk · 1 without a named owner" in md
    progress = section(md, "Progress")
    assert [int(_BULLET_CITE.search(b).group(1)) for b in bullets(progress)] == [26, 28, 29]  # type: ignore[union-attr]
    assert "Done (“held & successful”)" in progress
    stalled = section(md, "Stalled or at risk")
    assert (
        "**Developing a Lancashire Innovation Marketing Strategy** — Maya (& Marketing Lancashire)"
        in stalled
    )
    assert "Stalled / at risk (“stalled”): Rolling out but somewhat stalled" in stalled
    needs = section(md, "Needs an owner")
    assert "Holding an annual Innovation Showcase" in needs and "“Factory)”" in needs
    milestones = section(md, "Next milestones")
    assert "**Feb board** — Paper to Feb board about a more ambitious 2021 version" in milestones
    assert f"Source: `{SOURCE}`" in md
    assert result.as_of is not None and result.as_of.isoformat() == "2021-01-18"


def test_every_action_bullet_cites_a_selected_row(store: FakeStore) -> None:
    for request in (DraftRequest(), DraftRequest(owner="Maya"), DraftRequest(aim="governance")):
        result = make_draft(store, request)
        rows = {r.row for r in result.records}
        for line in bullets(result.markdown):
            cited = [int(n) for n in re.findall(r"\[row (\d+)\]", line)]
            assert cited and set(cited) <= rows, line


def test_owner_maya_draft(store: FakeStore) -> None:
    result = make_draft(store, DraftRequest(owner="Maya"))
    assert result.scope == "owner Maya"
    assert len(result.records) == 16
    assert "Matt (& Maya re accelerators) — Maya joint owner" in result.markdown
    stalled = section(result.markdown, "Stalled or at risk")
    assert [b[b.rindex("[") :] for b in bullets(stalled)] == ["[row 27]", "[row 33]", "[row 34]"]
    assert "“didn't happen”" in stalled
    milestones = section(result.markdown, "Next milestones")
    # one status cell shared by three actions gives one milestone citing both lines
    assert "**March 1st** — Fraser House (White Cross) due to open March 1st (" in milestones
    assert "[row 17] [row 18]" in milestones
    progress = section(result.markdown, "Progress")
    assert progress.count("_(one status cell in the log covers 3 actions)_ [row 1") == 3
    assert "**March 2021** — Aiming to contract company by March 2021" in milestones


def test_supporting_owner_is_labelled(store: FakeStore) -> None:
    result = make_draft(store, DraftRequest(owner="Andy"))
    assert "Maya (with Pete & Andy) — Andy supporting" in result.markdown
    roles = [(o.name, o.role) for r in result.records if (o := r.selected_owner)]
    assert roles == [("Andy", "with"), ("Andy", "with"), ("Andy W", "lead")]
    assert "Maya + Andy W. Done" in result.markdown  # a lead needs no label


def test_needs_an_owner_lists_tbc_blank_bullets_and_cyrillic(store: FakeStore) -> None:
    needs = section(make_draft(store, DraftRequest()).markdown, "Needs an owner")
    cited = [b[b.rindex("[") :] for b in bullets(needs)]
    assert cited == ["[row 10]", "[row 12]", "[row 23]", "[row 26]"]
    assert "owner cell reads “ТВС”" in needs
    assert "owner cell reads “TBC”" in needs
    assert "owner cell reads “• • •”" in needs


def test_all_milestones(store: FakeStore) -> None:
    result = make_draft(store, DraftRequest())
    # in calendar order; a date without a year takes the year the other milestones give
    assert [(m.when, m.citations) for m in result.milestones] == [
        ("Feb board", ["[row 8]"]),
        ("Feb board", ["[row 26]"]),
        ("March 1st", ["[row 17]", "[row 18]"]),
        ("March 2021", ["[row 34]"]),
        ("April 2021", ["[row 23]"]),
        ("summer", ["[row 17]", "[row 18]"]),
    ]
    texts = {m.text for m in result.milestones}
    assert "LCC IT provision due to come in house in April 2021" in texts


def test_json_carries_records_classes_and_evidence(store: FakeStore) -> None:
    result = make_draft(store, DraftRequest(status="stalled", format="json"))
    data = result.model_dump(mode="json")
    assert data["format"] == "json"
    assert [r["row"] for r in data["records"]] == [12, 27, 33, 34]
    assert {r["status_class"] for r in data["records"]} == {"stalled / at risk"}
    assert [r["evidence"] for r in data["records"]] == [
        "stalled",
        "stalled",
        "didn't happen",
        "late",
    ]
    assert data["counts"]["stalled / at risk"] == 4 and data["counts"]["done"] == 0
    assert data["markdown"].startswith("# Progress update: status stalled / at risk")


def test_slack_blocks(store: FakeStore) -> None:
    blocks = make_draft(store, DraftRequest(format="slack")).blocks
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["text"] == "Progress update: all actions"
    assert {b["type"] for b in blocks} == {"header", "context", "section", "divider"}
    assert blocks[-1]["type"] == "context"
    assert len(blocks) <= MAX_BLOCKS
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= MAX_SECTION for t in texts)
    joined = "\n".join(texts)
    assert "*Stalled or at risk*" in joined and "• *Developing Test Beds" in joined
    assert "**" not in joined
    assert "&amp;" in joined  # "held & successful" escaped for Slack


def test_slack_splits_long_sections_and_caps_blocks() -> None:
    filler = "with many words " * 5
    records = [
        ActionRecord(f"id{n}", "Aim 1", f"Action {n} {filler}", "Underway. " * 20, "Maya", None,
                     None, "t.csv", n + 2)
        for n in range(400)
    ]  # fmt: skip
    blocks = make_draft(FakeStore(records), DraftRequest(format="slack")).blocks
    assert len(blocks) == MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= MAX_SECTION for b in blocks if b["type"] == "section")
    assert "more blocks left out" in blocks[-2]["elements"][0]["text"]


def test_empty_selection_is_a_draft_not_an_error(store: FakeStore) -> None:
    result = make_draft(store, DraftRequest(aim="governance", status="scoping"))
    assert result.records == []
    assert "**0 actions:**" in result.markdown
    assert "_No actions in this selection are moving or done._" in result.markdown


def test_errors(store: FakeStore) -> None:
    with pytest.raises(EmptyIndexError, match="assistant ingest"):
        make_draft(FakeStore([]), DraftRequest())
    with pytest.raises(NoMatchError, match="No owner matches 'Bob'"):
        make_draft(store, DraftRequest(owner="Bob"))
    with pytest.raises(NoMatchError, match="No aim matches 'aim 9'"):
        make_draft(store, DraftRequest(aim="aim 9"))


def test_blank_selectors_mean_any() -> None:
    request = DraftRequest.model_validate({"aim": "", "owner": "  ", "status": None})
    assert (request.aim, request.owner, request.status, request.format) == (
        None,
        None,
        None,
        "markdown",
    )


def test_pickers(store: FakeStore) -> None:
    assert list_aims(store)[-1] == "Governance"
    assert "Maya" in list_owners(store)


def test_several_logs_cite_the_file(store: FakeStore) -> None:
    other = ActionRecord(
        "t1", "Aim 1", "Hire a coordinator", "", "Maya", "Red", "May 2021", "t/x.csv", 2
    )
    both = FakeStore([*store.current, other], docs=[document(), document("t/x.csv")])
    result = make_draft(both, DraftRequest(owner="Maya"))
    assert "[row 2, x.csv]" in result.markdown
    assert "[row 34, lancashire-innovation-action-agenda.txt]" in result.markdown
    (record,) = [r for r in result.records if r.id == "t1"]
    assert (record.status_class, record.evidence) == (StatusClass.STALLED, "RAG: Red")
    assert any(m.when == "May 2021" and m.text == "Due May 2021" for m in result.milestones)


@pytest.mark.parametrize(
    ("action", "short"),
    [
        (
            "Connecting with Centres of Excellence outside Lancashire, so helping to improve our "
            "participation in national, and potentially international, innovation networks",
            "Connecting with Centres of Excellence outside Lancashire",
        ),
        (
            "Enhancing existing, or building new, leadership development programme activities, "
            "ensuring that innovation is given the same priority as wider core business "
            "disciplines",
            "Enhancing existing, or building new, leadership development programme activities",
        ),
        ("Monitoring and evaluation", "Monitoring and evaluation"),
        ("Developing a programme to promote innovation across public and third sectors;",
         "Developing a programme to promote innovation across public and third sectors"),
    ],
)  # fmt: skip
def test_actions_are_shortened_at_a_clause(action: str, short: str) -> None:
    assert shorten_action(action) == short


def test_a_date_stated_in_the_log_wins_over_the_file_time() -> None:
    record = ActionRecord(
        "s1", "Aim 1", "Run the fund", "Status as at 12th January 2021: underway.", "Maya",
        None, None, SOURCE, 3,
    )  # fmt: skip
    result = make_draft(FakeStore([record], docs=[document()]), DraftRequest())
    assert result.as_of is not None and result.as_of.isoformat() == "2021-01-12"
    assert "_As of 12 January 2021 (date stated in the log)_" in result.markdown
