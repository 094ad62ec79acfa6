"""A sentence that carries a footnote marker is read with its footnote.

"We estimate that delivering this strategy will cost £9.6 million over five years⁵." answers
"what will it cost", but not "how much is already committed, and what does that assume?":
footnote 5 says that. Ingest stores footnotes as typed blocks (``block_kinds`` holds
``footnote``, ``structure["marker"]`` the markers the chunk defines), so the footnote a marker
points to is found by its number in the same document, never by similarity.

A footnote is added to an answer only when it says something the question asks that the chosen
sentences do not: a footnote that merely qualifies (a source, a definition nobody asked for)
stays out of a short answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from assistant.answering.support import numbered_instances
from assistant.retrieval.text import content_words
from ingest.lexicon import (
    FOOTNOTE_OPENING,
    FROM_SUPERSCRIPT,
    SUPERSCRIPT_DIGITS,
    TO_SUPERSCRIPT,
    footnote_marks,
)
from ingest.types import Chunk

_MARKER = re.compile(rf"(?<=[\w%).,’'])([{SUPERSCRIPT_DIGITS}]{{1,2}})")
"""A superscript marker after a word, figure or closing bracket: "years⁵", "status¹,"."""


def markers_in(text: str) -> list[str]:
    """The footnote numbers a sentence points to, in order ("years⁵" → ["5"])."""
    return [m.translate(FROM_SUPERSCRIPT) for m in _MARKER.findall(text)]


def _footnote_line(chunk: Chunk, marker: str) -> str:
    superscript = marker.translate(TO_SUPERSCRIPT)
    opens = re.compile(rf"^\s*(?:{re.escape(superscript)}|{marker}[).:]|\[{marker}\])\s*\S")
    for line in chunk.text.split("\n"):
        if opens.match(line):
            return line.strip()
    return ""


MAX_FOOTNOTE_CHARS = 400
"""A longer footnote is not read whole: it is prose, not a note."""


def whole_footnote(text: str, chunk: Chunk) -> str:
    """A sentence of a footnote read as the whole footnote: "¹ The 2024–25 figure includes
    students taught at Northmoor College under franchise." is half of a note whose second
    sentence ("Excluding them, overall satisfaction was 79.4%.") is what it is there for. A
    footnote is one short unit, like a table row; other sentences are returned as they are."""
    if "footnote" not in chunk.block_kinds:
        return text
    wanted = " ".join(text.split())
    for line in chunk.text.split("\n"):
        whole = " ".join(line.split())
        if wanted in whole and FOOTNOTE_OPENING.match(whole):
            return whole if len(whole) <= MAX_FOOTNOTE_CHARS else text
    return text


def _names_asked_instance(question: str, note: str) -> bool:
    """The note names the very instance the question asks about: "how did the *first round*
    of the fund go?" and "⁴ *Round 1* of the fund (2023) made 11 awards …"."""
    asked = numbered_instances(question)
    said = numbered_instances(note) if asked else {}
    return any(asked[noun] & said.get(noun, set()) for noun in asked)


def footnote(chunks: list[Chunk], marker: str) -> tuple[str, Chunk] | None:
    """The text of footnote ``marker`` among a document's chunks, with its chunk."""
    for chunk in chunks:
        if "footnote" not in chunk.block_kinds or not chunk.structure:
            continue
        if marker not in json.loads(chunk.structure).get("marker", []):
            continue
        if line := _footnote_line(chunk, marker):
            return line, chunk
    return None


def footnotes_answering(
    question: str,
    sentences: list[tuple[str, Chunk]],
    document_chunks: Callable[[str], list[Chunk]],
) -> list[tuple[str, Chunk]]:
    """The footnotes of the chosen sentences that hold question words the sentences do not:
    "…already *committed*, and what does that figure *assume*?" takes footnote 5 ("£5.1 million
    is already committed …, assuming …")."""
    asked = set(content_words(question))
    said = {w for text, _ in sentences for w in content_words(text)}
    wanted = asked - said
    lowered = question.lower()
    found: list[tuple[str, Chunk]] = []
    for text, chunk in sentences:
        for marker, name in footnote_marks(text):
            note = footnote(document_chunks(chunk.source), marker)
            if note is None or any(note[0] == seen for seen, _ in found):
                continue
            # the note says what the question asks, or explains the very name it asks about
            # ("the 70@70 cohort - what is that?" and "… the 70@70⁴ cohort")
            if (
                wanted & set(content_words(note[0]))
                or (name and name.lower() in lowered)
                or _names_asked_instance(question, note[0])
            ):
                found.append(note)
    return found


__all__ = ["footnote", "footnotes_answering", "markers_in", "whole_footnote"]
