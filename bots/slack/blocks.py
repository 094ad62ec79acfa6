"""Answers as Slack Block Kit messages, kept inside Slack's limits.

Limits (api.slack.com/reference/block-kit/blocks): 50 blocks per message, 3000 characters per
section text, 10 elements of at most 2000 characters per context block, 2000 characters per
button value. A long answer is split between paragraphs, then lines, then sentences, over
several section blocks and, past 50 blocks, several messages in the same thread; the sources
and buttons always close the last message so they sit under the whole answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict
from urllib.parse import quote

from assistant.drafts.slack import to_mrkdwn
from assistant.schemas import Answer, Citation

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_MESSAGES = 10
MAX_FALLBACK = 4000
"""Fallback ``text`` (notifications, and the history a follow-up reads back) is capped here."""

FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"


class SlackMessage(TypedDict):
    """What ``chat.postMessage`` / ``chat.update`` / ``respond`` need: fallback text + blocks."""

    text: str
    blocks: list[Block]


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at the largest boundary that fits."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    for sep in ("\n\n", "\n", ". ", " "):
        parts = text.split(sep)
        if len(parts) > 1:
            break
    else:
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    pieces: list[str] = []
    current = ""
    for index, part in enumerate(parts):
        piece = part + (sep if index < len(parts) - 1 else "")
        if len(current) + len(piece) <= limit:
            current += piece
            continue
        if current.strip():
            pieces.append(current.strip())
        current = ""
        if len(piece) <= limit:
            current = piece
        else:
            pieces.extend(split_text(piece, limit))
    if current.strip():
        pieces.append(current.strip())
    return pieces


def answer_mrkdwn(text: str) -> str:
    """The answer's Markdown as Slack mrkdwn, line by line (bold, bullets, escaping)."""
    return "\n".join(to_mrkdwn(line) for line in text.split("\n"))


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, MAX_SECTION)}}


def context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": cut(t, MAX_CONTEXT_TEXT)} for t in texts[:10]],
    }


def snippet_url(base_url: str, citation: Citation) -> str:
    """The web page's snippet view for one citation: ``{base}/#cite={chunk id}``."""
    key = citation.chunk_id or citation.record_id or citation.source
    if not (citation.chunk_id or citation.record_id) and citation.line_start:
        key = f"{key}:{citation.line_start}-{citation.line_end or citation.line_start}"
    return f"{base_url.rstrip('/')}/#cite={quote(key, safe='')}"


def _label_text(text: str) -> str:
    """Text safe inside ``<url|label>`` (no ``|`` or angle brackets)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "/")


def source_line(citation: Citation, base_url: str | None) -> str:
    """``[n] Title › Section``, linked to the snippet view when a public URL is configured."""
    where = citation.title or citation.source
    if citation.section and citation.section != citation.title:
        where = f"{where} › {citation.section}"
    where = _label_text(cut(where, 300))
    if base_url:
        return f"*[{citation.id}]* <{snippet_url(base_url, citation)}|{where}>"
    return f"*[{citation.id}]* {where} · `{_label_text(citation.source)}`"


def source_blocks(citations: Sequence[Citation], base_url: str | None) -> list[Block]:
    """Numbered sources as context blocks of at most ten elements each."""
    lines = [source_line(c, base_url) for c in citations]
    return [
        context(*lines[i : i + MAX_CONTEXT_ELEMENTS])
        for i in range(0, len(lines), MAX_CONTEXT_ELEMENTS)
    ]


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        element["style"] = style
    return element


def feedback_buttons(answer_id: str) -> list[Block]:
    return [
        button("👍 Helpful", FEEDBACK_UP, answer_id),
        button("👎 Not helpful", FEEDBACK_DOWN, answer_id),
    ]


def pack(body: list[Block], tail: list[Block], fallback: str) -> list[SlackMessage]:
    """Blocks into messages of at most 50; ``tail`` (sources, buttons) closes the last one."""
    groups = [body[i : i + MAX_BLOCKS] for i in range(0, len(body), MAX_BLOCKS)] or [[]]
    if len(groups) > MAX_MESSAGES:
        left_out = sum(len(g) for g in groups[MAX_MESSAGES:])
        groups = groups[:MAX_MESSAGES]
        groups[-1] = [
            *groups[-1][:-1],
            context(f"… the answer goes on for {left_out + 1} more blocks; ask on the web page."),
        ]
    if len(groups[-1]) + len(tail) <= MAX_BLOCKS:
        groups[-1] = groups[-1] + tail
    else:
        groups.append(tail)
    first = cut(fallback, MAX_FALLBACK) or "Answer"
    return [
        SlackMessage(text=first if i == 0 else "(answer continued)", blocks=g)
        for i, g in enumerate(groups)
    ]


def answer_messages(
    answer: Answer,
    base_url: str | None = None,
    preface: Sequence[Block] = (),
    extra_buttons: Sequence[Block] = (),
) -> list[SlackMessage]:
    """The answer, its numbered sources and the feedback (+ extra) buttons, as messages."""
    body = [*preface, *(section(p) for p in split_text(answer_mrkdwn(answer.answer)))]
    tail: list[Block] = []
    if answer.notice:
        tail.append(context(f":warning: {answer_mrkdwn(answer.notice)}"))
    if answer.citations and not answer.abstained:
        tail.extend(source_blocks(answer.citations, base_url))
    elements = [*feedback_buttons(answer.id), *extra_buttons]
    tail.append({"type": "actions", "block_id": f"answer:{answer.id}", "elements": elements})
    return pack(body, tail, answer.answer)


def notice_message(text: str) -> SlackMessage:
    """A short reply (an error, a usage hint) as one section."""
    return SlackMessage(text=cut(text, MAX_FALLBACK), blocks=[section(answer_mrkdwn(text))])
