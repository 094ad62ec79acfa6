"""A question that names a section of a plan is answered from that section.

"Who heads up the *Healthy Ageing* research theme?", "What does the *Clean Growth* theme work
on?", "Summarise what we're doing on *Room for rivers*": the question names a heading of a
retrieved document ("2.1 Healthy Ageing", "2.2 Goal 2: Room for rivers"), and the sentences
that answer it sit under that heading ("Led by Professor Hannah Osei …") without repeating
its name — so they lose to sentences elsewhere that do repeat it ("2.1 Establish four research
themes — Healthy Ageing, Clean Growth, …"). The sentences are chosen among the retrieved
passages of the named section.

A heading is named when the question holds all of its words (without its numbering, or
without what it adds in brackets; "short-term" says "short term") and they are at least two,
or one word with a number ("Goal 5" — "goal 5" names "Goal 5: A sustainable Trust"); either
side of a colon is a name ("2.2 Goal 2: Room for rivers" is named by "Room for rivers" and by
"goal 2"). The best-retrieved passage under a named heading decides which.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answering.base import chunk_context
from assistant.answering.support import (
    MAX_ANSWER_SENTENCES,
    MIN_HEADING_WORDS,
    SentenceChoice,
    choose_for_parts,
    heading_names,
    names_heading,
    spoken_words,
)
from assistant.retrieval.hybrid import RetrievalResult
from ingest.lexicon import (
    NUMBERED_PART,
    PLAN_DIVISIONS,
    PLAN_PARTS,
    SUPERSCRIPT_DIGITS,
    YEAR,
    part_number,
)

_PART_WORDS = frozenset({w for words in PLAN_PARTS.values() for w in words} | set(PLAN_DIVISIONS))
_CALLED_A_PART = re.compile(
    rf"\bthe\s+((?:[\w-]+\s+){{1,3}}?)(?:research\s+)?(?:{'|'.join(sorted(_PART_WORDS))})\b",
    re.IGNORECASE,
)
"""A part named by the words before its noun: "the *net zero* aim", "the *clean water* goal"."""


def heading_named(question: str, heading: str) -> str:
    """The name by which the question names this heading ("Clean Growth", "goal 5"), or ""
    (see the module docstring)."""
    for name in heading_names(heading):
        part = NUMBERED_PART.fullmatch(name)
        if part:
            noun, number = part.group(1).lower(), part_number(part.group(2))
            for spoken in NUMBERED_PART.finditer(question):
                if spoken.group(1).lower() == noun and part_number(spoken.group(2)) == number:
                    return spoken.group(0).lower()
            continue
        if names_heading(question, name):
            return name
        words = spoken_words(name)
        for called in _CALLED_A_PART.finditer(question):  # "the *net zero* aim"
            said = spoken_words(called.group(1))
            if len(said) >= MIN_HEADING_WORDS and said <= words:
                return called.group(1).strip()
    return ""


def names_a_part(question: str, name: str) -> bool:
    """Whether the question calls what it names a part of a plan ("the *Clean Growth*
    research *theme*", "under the *clean water* *goal*", "*goal 5*"): then the section is
    where the answer is, not merely one place the topic comes up ("which strategies are
    *cyber security* assets and priorities mapped against?")."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    if not words:
        return False
    if words[0] in _PART_WORDS:
        return True  # "goal 5"
    parts = "|".join(sorted(_PART_WORDS))
    last, first = re.escape(words[-1]), re.escape(words[0])
    return bool(
        re.search(rf"\b{last}\w*\s+(?:[a-z&-]+\s+)?(?:{parts})\b", question, re.I)
        or re.search(rf"\b(?:{parts})\s+[\'\"‘“]?{first}", question, re.I)
    )


def scoped_to_named_section(
    question: str, evidence: RetrievalResult
) -> tuple[RetrievalResult, bool] | None:
    """The evidence narrowed to the retrieved passages of the section the question names (and
    its sub-sections), and whether it names it as a part of the plan; None when it names
    none."""
    found: list[tuple[RetrievalResult, bool]] = []
    for candidate in evidence.candidates:
        chunk = candidate.chunk
        if chunk.kind == "action" or not chunk.section:
            continue
        path = chunk.section.split(" > ")
        for depth in range(len(path), 0, -1):
            if path[depth - 1] == chunk.title:
                continue  # the document itself, not a section of it
            name = heading_named(question, path[depth - 1])
            if not name:
                continue
            node = " > ".join(path[:depth])
            if any(f.candidates[0].chunk.source == chunk.source for f, _ in found):
                break
            inside = [
                c
                for c in evidence.candidates
                if c.chunk.source == chunk.source
                and (c.chunk.section == node or c.chunk.section.startswith(f"{node} > "))
            ]
            found.append((replace(evidence, candidates=inside), names_a_part(question, name)))
            break
    # two plans with a "Goal 5": the one whose text has the question's years ("by 2030")
    years = YEAR.findall(question)
    for scoped, as_part in found:
        document = " ".join(chunk_context(c.chunk) for c in scoped.candidates)
        if all(year in document for year in years):
            return scoped, as_part
    return found[0] if found else None


def _footnote(text: str) -> bool:
    return text[:1] in SUPERSCRIPT_DIGITS


def section_sentences(
    question: str, scoped: RetrievalResult, limit: int = MAX_ANSWER_SENTENCES
) -> list[SentenceChoice]:
    """The answer from a named section: its best sentences for the question, then its other
    sentences in document order up to ``limit`` (a section of four sentences about one theme
    answers "what does it work on, and with whom?" as a whole; footnotes stay out). No
    closeness check: the question named the section."""
    chosen = [c for c in choose_for_parts(question, scoped) if not _footnote(c.text)][:limit]
    first = scoped.candidates[0]
    for sentence in sorted(first.sentences, key=lambda s: s.index):
        if len(chosen) >= limit:
            break
        text = " ".join(sentence.text.split())
        if _footnote(text):
            continue
        if any(text == c.text for c in chosen):
            continue
        chosen.append(SentenceChoice(text, first, sentence.similarity, 0.0, 0.0))
    return chosen


__all__ = ["heading_named", "scoped_to_named_section", "section_sentences"]
