"""Optional LLM rewrite of the template bullets into prose, accepted only if fully cited.

The model sees only the selected records (each prefixed with its row citation) and the
instructions in ``prompts/draft_rewrite.md``. Its prose is used only when every sentence
carries at least one citation and every citation names a supplied row; otherwise — or on any
error, timeout or empty reply — the template draft stands and the caller gets a notice. No
exception leaves :func:`rewrite_draft`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.drafts.models import DraftRecord
from assistant.drafts.wording import status_gist

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.settings import Settings

log = logging.getLogger(__name__)

PROMPT_NAME = "draft_rewrite.md"
MAX_PROSE_CHARS = 8000
_CITATION = re.compile(r"\[row [^\]]*\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s\[])")
_ONLY_CITATIONS = re.compile(r"^(?:\s*\[row [^\]]*\])+\s*[.!?]?\s*$")
_MARKUP = re.compile(r"^\s*(?:[-*•]\s+|\d+[.)]\s+|>\s*)")


@dataclass(frozen=True)
class RewriteOutcome:
    """Checked prose (or None) and, when the template is kept, why."""

    prose: str | None
    notice: str | None
    model: str


def records_message(scope: str, records: list[DraftRecord]) -> str:
    """The user message: scope, then one block per row — the only facts the model gets."""
    lines = [f"Scope of the update: {scope}", "", "Rows:"]
    for record in records:
        owner = record.owner if record.owner and not record.needs_owner else "needs an owner"
        if record.owner and record.needs_owner:
            owner = f"needs an owner (cell reads “{record.owner}”)"
        lines.append(
            f"{record.citation} Action: {record.action_short} | Owner: {owner} | "
            f"Status class: {record.status_class.value} | "
            f"Status: {status_gist(record.status, record.evidence, limit=400)}"
        )
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    """Sentences of the prose; a trailing run of citations joins the sentence before it."""
    out: list[str] = []
    for raw_line in text.splitlines():
        line = _MARKUP.sub("", raw_line).strip()
        if not line or line.startswith("#"):
            continue
        for piece in _SENTENCE_END.split(line):
            if out and _ONLY_CITATIONS.match(piece):
                out[-1] = f"{out[-1]} {piece.strip()}"
            elif piece.strip():
                out.append(piece.strip())
    return out


def check_prose(text: str, allowed: set[str]) -> str | None:
    """Why the prose is unusable, or None when every sentence cites a supplied row."""
    if not text.strip():
        return "the model returned no text"
    if len(text) > MAX_PROSE_CHARS:
        return "the model's text was too long"
    for sentence in sentences(text):
        cited = _CITATION.findall(sentence)
        if not cited:
            return f"a sentence has no row citation: {sentence[:80]!r}"
        unknown = [c for c in cited if c not in allowed]
        if unknown:
            return f"it cites rows that were not supplied: {', '.join(unknown)}"
    return None


def rewrite_draft(
    settings: Settings,
    scope: str,
    records: list[DraftRecord],
    model: BaseChatModel | None = None,
) -> RewriteOutcome:
    """Prose from the configured LLM, or the reason the template draft is used instead."""
    name = settings.llm_model
    try:
        from langchain_core.messages import HumanMessage, SystemMessage

        from assistant.llm import load_prompt, make_chat_model

        chat = model if model is not None else make_chat_model(settings)
        reply = chat.invoke(
            [
                SystemMessage(content=load_prompt(settings, PROMPT_NAME)),
                HumanMessage(content=records_message(scope, records)),
            ]
        )
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
    except Exception as exc:  # any failure means: keep the template draft
        log.warning("draft rewrite failed: %s", exc)
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return RewriteOutcome(None, f"LLM rewrite unavailable ({reason}); template draft", name)
    problem = check_prose(text, {r.citation for r in records})
    if problem:
        return RewriteOutcome(None, f"LLM prose rejected because {problem}; template draft", name)
    return RewriteOutcome(text.strip(), None, name)
