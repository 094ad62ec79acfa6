"""A question asked in several parts, answered part by part.

"Who chairs RKEEC, and how often does it report to Senate?" asks for a person and for a
frequency. Read as one question, every check wants both in one passage, so a plan that says
them in two places is refused, or one half is answered. Each part is asked on its own instead
(a part that leans on the others, "how often does *it* report", is made standalone the way a
follow-up is), and the answers are joined: the whole question's answer first, then what each
part adds; citations are renumbered into one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.base import CITATION_MARK
from assistant.answering.support import PART_COVERED, evidence_gap
from assistant.retrieval.intent import read_intent
from assistant.retrieval.text import content_words, fuzzy_coverage, tokens
from assistant.schemas import Answer, Citation

_SENTENCE = re.compile(r"(?<=\])\s+|\n+")
"""Between an answer's sentences: after a citation mark ("… every two months. [1]"), or a
line break."""
_NOT_FOUND_PART = "The documents don't say, that I can find: {part}"


@dataclass(frozen=True)
class PartAnswer:
    """One part of the question and the answer it got when asked on its own."""

    part: str
    answer: Answer


def _plain(text: str) -> str:
    return " ".join(CITATION_MARK.sub("", text).replace("*", "").split()).lower()


def _unsaid(answer: Answer, said: list[str]) -> Answer | None:
    """``answer`` without the sentences already in an answer kept, or None when it adds
    nothing. A list or rows (several lines) is kept whole when any line is new."""
    pieces = [p for p in _SENTENCE.split(answer.answer) if p.strip()]
    words_said = set(tokens(" ".join(said)))
    new = [
        p
        for p in pieces
        if not any(_plain(p) in kept for kept in said)
        and set(tokens(_plain(p))) - words_said  # the same cell in another layout adds nothing
    ]
    if not new:
        return None
    if "\n" in answer.answer.strip() or len(new) == len(pieces):
        return answer
    return answer.model_copy(update={"answer": " ".join(new)})


def _holds(text: str, part: str) -> bool:
    """Whether ``text`` answers ``part`` as far as words can tell: it has what the part asks
    for (a date, an amount, a name …) or most of its topic words ("each one typically holds
    back between 10 and 75 cubic metres of water" for "how much water does one hold back")."""
    if not evidence_gap(part, read_intent(part), text, text):
        return True
    return fuzzy_coverage(content_words(part), set(content_words(text))) >= PART_COVERED


def _renumbered(answer: Answer, citations: list[Citation]) -> str:
    """``answer``'s text with its ``[n]`` marks pointing into ``citations``, which gains the
    passages it cites that are not there yet (the same passage keeps one number)."""
    numbers: dict[int, int] = {}
    for citation in answer.citations:
        known = next((c for c in citations if c.chunk_id == citation.chunk_id and c.chunk_id), None)
        if known is None:
            known = citation.model_copy(update={"id": len(citations) + 1})
            citations.append(known)
        numbers[citation.id] = known.id
    return CITATION_MARK.sub(
        lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", answer.answer
    )


def _question_form(part: str) -> str:
    """ "how often does it report to Senate" → "“How often does it report to Senate?”"."""
    part = part.strip().rstrip("?.! ")
    return f"“{part[:1].upper()}{part[1:]}?”"


def join_part_answers(whole: Answer, parts: list[PartAnswer]) -> Answer:
    """The whole question's answer, plus each part's answer that says something it does not.
    When the whole question found nothing, the parts that were answered are given and the
    others are named as not found; when no part was answered either, ``whole`` stands."""
    kept = [] if whole.abstained else [whole]
    said = [_plain(whole.answer)] if kept else []
    for each in parts:
        new = None if each.answer.abstained else _unsaid(each.answer, said)
        if new is not None:
            kept.append(new)
            said.append(_plain(new.answer))
    if not kept or (len(kept) == 1 and kept[0] is whole):
        return whole
    citations: list[Citation] = []
    texts = [_renumbered(answer, citations) for answer in kept]
    if whole.abstained:  # a part is named as unanswered only when the answer lacks it
        joined = CITATION_MARK.sub("", "\n".join(texts))
        texts += [
            _NOT_FOUND_PART.format(part=_question_form(each.part))
            for each in parts
            if each.answer.abstained and not _holds(joined, each.part)
        ]
    routes = [str((a.debug or {}).get("route", "")) for a in kept]
    generate = sum(a.timings_ms.get("generate", 0.0) for a in [whole, *(p.answer for p in parts)])
    return whole.model_copy(
        update={
            "answer": "\n\n".join(texts),
            "abstained": False,
            "citations": citations,
            "timings_ms": {**whole.timings_ms, "generate": round(generate, 2)},
            "debug": {**(whole.debug or {}), "route": "in parts: " + " + ".join(routes)},
        }
    )
