"""The draft as Slack Block Kit: header, context and section blocks within Slack's limits.

Limits respected (api.slack.com/reference/block-kit/blocks): at most 50 blocks per message,
header text ≤ 150 characters, section text ≤ 3000, context element text ≤ 2000 and ≤ 10
elements. Long sections are split between bullets (a bullet longer than the limit is cut);
when blocks run out, the last one says how much was left out.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.drafts.render import DraftLayout, Section

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC_LINE = re.compile(r"^_(.*)_$")


def to_mrkdwn(line: str) -> str:
    """Markdown line → Slack mrkdwn: escape ``& < >``, ``**b**`` → ``*b*``, ``- `` → ``• ``."""
    text = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BOLD.sub(r"*\1*", text)
    return "• " + text[2:] if text.startswith("- ") else text


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, MAX_SECTION)}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(text, MAX_CONTEXT)}]}


def section_blocks(section: Section) -> list[dict[str, Any]]:
    """A titled section packed into as few ≤3000-character section blocks as possible."""
    blocks: list[dict[str, Any]] = []
    current = f"*{section.title}*"
    for line in (to_mrkdwn(x) for x in section.lines):
        candidate = f"{current}\n{line}"
        if len(candidate) <= MAX_SECTION:
            current = candidate
            continue
        blocks.append(_section(current))
        current = line
    blocks.append(_section(current))
    return blocks


def to_blocks(layout: DraftLayout, body: str | None = None) -> list[dict[str, Any]]:
    """Block Kit for the draft; ``body`` (checked LLM prose) replaces the bullet sections."""
    sections = layout.sections
    if body is not None:
        kept = [s for s in sections if s.title.startswith("What changed")]
        sections = [Section("Summary", [p for p in body.split("\n") if p.strip()]), *kept]
    head: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(layout.title, MAX_HEADER)}},
        _context(to_mrkdwn(_ITALIC_LINE.sub(r"\1", layout.subtitle))),
        _section("\n".join(to_mrkdwn(line) for line in layout.summary)),
    ]
    body_blocks: list[dict[str, Any]] = []
    for section in sections:
        body_blocks.append({"type": "divider"})
        body_blocks.extend(section_blocks(section))
    footer = [_context("\n".join(to_mrkdwn(line) for line in layout.footer))]
    room = MAX_BLOCKS - len(head) - len(footer)
    if len(body_blocks) > room:
        left_out = len(body_blocks) - (room - 1)
        body_blocks = [
            *body_blocks[: room - 1],
            _context(f"… {left_out} more blocks left out; run `assistant draft` for all of it."),
        ]
    return head + body_blocks + footer
