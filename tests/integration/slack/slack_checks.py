"""Assertion helpers shared by the Slack tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from assistant.schemas import HistoryTurn
from assistant.service import Assistant
from bots.slack.blocks import answer_messages


def record(name: str, blocks: Any) -> None:
    """With SLACK_RECORD_DIR set, keep the Block Kit JSON the stand-in received (for docs)."""
    folder = os.environ.get("SLACK_RECORD_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.json").write_text(json.dumps(blocks, indent=2, ensure_ascii=False))


def section_text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def expected_text(
    assistant: Assistant, question: str, history: list[HistoryTurn] | None = None
) -> str:
    """What the bot must show: the same assistant asked directly, rendered the same way.
    (Tests check the Slack layer, not answer quality, which the answering suites measure.)"""
    return section_text(answer_messages(assistant.ask(question, history))[0]["blocks"])
