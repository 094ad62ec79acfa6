"""The pure parts of the bot: Block Kit limits, ``/draft-update`` arguments, thread history."""

from __future__ import annotations

import pytest

from assistant.schemas import Answer, Citation
from bots.slack.blocks import (
    FEEDBACK_DOWN,
    MAX_BLOCKS,
    answer_messages,
    snippet_url,
    split_text,
)
from bots.slack.commands import DraftArgsError, parse_draft_args
from bots.slack.drafts import fit_blocks
from bots.slack.text import THINKING_TEXT, slack_to_plain, thread_history

pytestmark = pytest.mark.integration


def citation(n: int) -> Citation:
    return Citation(
        id=n,
        source="plans/plan.txt",
        title=f"Plan {n}",
        section="Aim 1 | <x>",
        snippet="…",
        score=0.5,
        chunk_id=f"plans/plan.txt#{n}:abc",
    )


def test_split_text_keeps_every_word_within_the_limit() -> None:
    text = "\n\n".join(["Sentence one. " * 150, "x" * 7000, "tail words"])
    pieces = split_text(text, 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_sources_are_numbered_linked_and_grouped_by_ten() -> None:
    answer = Answer(
        answer="**Owner** is Maya [1]",
        abstained=False,
        citations=[citation(n) for n in range(1, 26)],
        id="a1",
    )
    [message] = answer_messages(answer, "https://example.org/")
    kinds = [b["type"] for b in message["blocks"]]
    assert kinds == ["section", "context", "context", "context", "actions"]
    assert message["blocks"][0]["text"]["text"] == "*Owner* is Maya [1]"
    first = message["blocks"][1]["elements"][0]["text"]
    assert (
        first
        == "*[1]* <https://example.org/#cite=plans%2Fplan.txt%231%3Aabc|Plan 1 › Aim 1 / &lt;x&gt;>"
    )
    assert [len(b["elements"]) for b in message["blocks"][1:4]] == [10, 10, 5]
    assert snippet_url("https://e.org", citation(2)).endswith("#cite=plans%2Fplan.txt%232%3Aabc")


def test_without_a_public_url_sources_name_the_file_and_abstentions_still_take_feedback() -> None:
    answer = Answer(answer="Not found", abstained=False, citations=[citation(1)], id="a2")
    [message] = answer_messages(answer, None)
    assert (
        message["blocks"][1]["elements"][0]["text"]
        == "*[1]* Plan 1 › Aim 1 / &lt;x&gt; · `plans/plan.txt`"
    )
    abstained = Answer(answer="I can't find that", abstained=True, citations=[], id="a3")
    [message] = answer_messages(abstained, None)
    assert [b["type"] for b in message["blocks"]] == ["section", "actions"]
    assert message["blocks"][-1]["elements"][1]["action_id"] == FEEDBACK_DOWN


def test_blocks_past_the_limit_are_cut_with_a_note() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": str(i)}} for i in range(60)]
    fitted = fit_blocks(blocks, [{"type": "actions", "elements": []}])
    assert len(fitted) == MAX_BLOCKS and fitted[-1]["type"] == "actions"
    assert "12 more blocks left out" in fitted[-2]["elements"][0]["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        (
            "aim: aim 5 | owner: Maya | status: stalled",
            {"aim": "aim 5", "owner": "Maya", "status": "stalled"},
        ),
        ("owner=Matt status:on track", {"owner": "Matt", "status": "on track"}),
        ("aim 5", {"aim": "aim 5"}),
        ("Staying Ahead owner: Maya", {"aim": "Staying Ahead", "owner": "Maya"}),
    ],
)
def test_draft_arguments(text: str, expected: dict[str, str]) -> None:
    request = parse_draft_args(text)
    got = {k: v for k, v in request.model_dump(include={"aim", "owner", "status"}).items() if v}
    assert got == expected and request.format == "slack"


@pytest.mark.parametrize("text", ["owner:", "aim: 1 aim: 2", "x aim: 1"])
def test_unreadable_draft_arguments_explain_the_usage(text: str) -> None:
    with pytest.raises(DraftArgsError, match="Usage"):
        parse_draft_args(text)


def test_thread_history_keeps_people_and_this_bot_only() -> None:
    messages = [
        {"ts": "100.000100", "user": "U1", "text": "<@UBOT> What is aim 5 &amp; who leads?"},
        {
            "ts": "100.000200",
            "user": "UBOT",
            "bot_id": "BBOT",
            "text": "Aim 5 is Letting the World Know [1]",
        },
        {"ts": "100.000300", "bot_id": "BOTHER", "subtype": "bot_message", "text": "deploy done"},
        {"ts": "100.000400", "user": "UBOT", "bot_id": "BBOT", "text": THINKING_TEXT},
        {"ts": "100.000500", "user": "U2", "text": "see <https://x.org|the plan>"},
        {"ts": "100.000600", "user": "U1", "text": "<@UBOT> and who owns it?"},
    ]
    turns = thread_history(messages, "100.000600", "UBOT", "BBOT")
    assert [(t.role, t.content) for t in turns] == [
        ("user", "What is aim 5 & who leads?"),
        ("assistant", "Aim 5 is Letting the World Know [1]"),
        ("user", "see the plan"),
    ]
    assert slack_to_plain("<@UBOT> hi <@U9|sam> in <#C1|general>", "UBOT") == "hi @sam in #general"
