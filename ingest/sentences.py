"""Sentence splitting tuned for plan text: abbreviations, bullets glued inline, table cells.

Used at ingest time (oversized blocks, the sentence index) so queries never split text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ingest.lexicon import INLINE_BULLET, LIST_MARKER, MONTH_WORD, opening_marker

_ABBREVIATIONS = {
    "e.g", "eg", "i.e", "ie", "etc", "vs", "no", "nos", "st", "dr", "mr", "mrs", "ms", "prof",
    "inc", "ltd", "co", "approx", "fig", "dept", "govt", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?;])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9£•])")
_INLINE_BULLET = INLINE_BULLET
_NUMBERED_ITEM = re.compile(r"(?:^|\s)(\d{1,2})\.\s+[A-Z]")
OUTLINE_ITEM = r"\d{1,2}\.\d{1,2}\s+[A-Za-z]"
"""The start of a plan-on-a-page item ("2.3 Matron toolkit roll out"); answers read it too."""
_OUTLINE_ITEM = re.compile(rf"(?:^|\s){OUTLINE_ITEM}")
_OUTLINE_SPLIT = re.compile(rf"\s+(?={OUTLINE_ITEM})")
_MARKER_ONLY = re.compile(r"^\(?\d{1,2}[.)]?$")
_LINE_BULLET = LIST_MARKER
_MIN_CHARS = 12


def _ends_with_abbreviation(fragment: str) -> bool:
    match = re.search(r"(\b[\w.]+)[.]$", fragment)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _numbered_list_splitter(line: str) -> re.Pattern[str] | None:
    """A pattern splitting before the items of an inline list numbered 1, 2, 3…, or None.

    Only a run counting up from 1 is a list: "1. Build links 2. Define the offer" is, while
    "see section 4. The plan…" or "by 2. Then…" are ordinary sentences.
    """
    expected, run = 1, []
    for match in _NUMBERED_ITEM.finditer(line):
        if int(match.group(1)) == expected:
            run.append(expected)
            expected += 1
    if len(run) < 2:
        return None
    numbers = "|".join(str(n) for n in run)
    return re.compile(rf"\s+(?=(?:{numbers})\.\s+[A-Z])")


def _outline_items(cell: str) -> list[str]:
    """ "1.1 Training for all staff 1.2 R&I in job descriptions 2.1 Named senior leads" (a
    plan-on-a-page cell) is three items; a lone "grew by 2.5 times" is not a list."""
    if len(_OUTLINE_ITEM.findall(cell)) < 3:
        return [cell]
    return _OUTLINE_SPLIT.split(cell)


GOES_ON_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "to", "for", "with", "across", "in", "on", "at", "by"}
    | {"from", "into", "through", "our", "their", "its"}
)
"""Words a phrase goes on from: a line ending on one was cut mid-sentence ("… support for
internal and"), and an acronym before one names the subject ("UCLan and BAE")."""

PERIOD_LABEL = re.compile(
    rf"^({MONTH_WORD})\s*(\d{{4}}|\d{{2}})?(?:\s*[–-]\s*({MONTH_WORD})\s*(\d{{4}}|\d{{2}}))?$", re.I
)
"""A row label that is a month or a period ("Aug 23", "Oct 23 – Mar 24"); groups: start month,
start year, end month, end year. The answerer reads the same labels to match dates asked."""


def _is_row_label(cell: str) -> bool:
    """A first cell that names its row: short ("Aug 23", "Vision") or a period ("Oct 23 –
    Mar 24"). Longer word labels ("Principles Enablers") may head several cells, so stay apart."""
    label = cell.strip()
    return bool(label) and (len(label) < _MIN_CHARS or bool(PERIOD_LABEL.match(label)))


def _row_cells(line: str) -> list[str]:
    """A table row's cells, with a row label kept with the cell after it: the label belongs to
    its own row, not to the sentence before, and "when are the networks developed" needs the
    "Oct 23 – Mar 24" of their row."""
    cells = line.split("\t")
    if len(cells) > 1 and _is_row_label(cells[0]):
        return [f"{cells[0].strip()} {cells[1].strip()}", *cells[2:]]
    return cells


_NOTE_CHARS = 200
"""The longest bracketed note read as part of the sentence before it."""


def split_sentences(text: str) -> list[str]:
    """Split into sentences; bullets, numbered items and table cells count as boundaries."""
    pieces: list[str] = []
    for line in text.split("\n"):  # chunk lines are blocks: list items, rows, paragraphs
        numbered = _numbered_list_splitter(line)
        line = _LINE_BULLET.sub("", line)
        for cell in _row_cells(line):
            for part in _INLINE_BULLET.split(cell):
                # "1. Build links 2. Define the offer" is a list; "see section 4. The…" is not
                items = numbered.split(part) if numbered else [part]
                for item in (piece for whole in items for piece in _outline_items(whole)):
                    pieces.extend(_split_prose(item))
    sentences = [p.strip(" •") for p in pieces]
    merged: list[str] = []
    marker = ""  # a lone item number ("3" in its own table cell) belongs to what follows it
    for sentence in sentences:
        if not sentence:
            continue
        if _MARKER_ONLY.match(sentence):
            marker = f"{marker} {sentence}".strip()
            continue
        if marker:
            sentence, marker = f"{marker} {sentence}", ""
        # a short note in brackets after a sentence is the sentence's own ("… before the
        # meeting on 18 November. (Owner: L. Pickering; no later than 17 November.)")
        bracketed = (
            sentence.startswith("(")
            and sentence.rstrip(".").endswith(")")
            and len(sentence) <= _NOTE_CHARS
        )
        if merged and (bracketed or (len(sentence) < _MIN_CHARS and not sentence[:1].isdigit())):
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    if marker:
        merged.append(marker)
    return merged


_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|&)\s+)?[A-Z][\w'’-]*)*")
_POINTING_WORDS = frozenset({"the", "this", "that", "these", "those", "such", "each", "every"})
PRONOUN_OPENERS = frozenset({"it", "this", "they", "these", "its", "their"})
"""Words a sentence opens with when it goes on about the one before ("*It* will open …")."""


def _names(sentence: str) -> list[str]:
    """Runs of capitalised words without a leading article ("The Hive" → "Hive"); the opening
    word alone is no name ("We", "Fellows")."""
    opening = len(sentence) - len(sentence.lstrip())
    names = []
    for match in _NAME.finditer(sentence):
        if match.start() == opening and " " not in match.group(0):
            continue
        words = match.group(0).split()
        while words and words[0].lower() in _POINTING_WORDS | PRONOUN_OPENERS | {"a", "an"}:
            words = words[1:]
        if words:
            names.append(" ".join(words))
    return names


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def carried_subject(previous: str, sentence: str) -> str:
    """The name a sentence goes on about from the sentence before it, or "": one opening with
    the head of a name the sentence before wrote ("We will appoint 20 Vale Futures Fellows …"
    then "*Fellows* receive a start-up grant …"; "… the Proof-of-Concept Fund …" then "*The
    fund* made 11 awards"), or with a pronoun ("We will open the Hive …" then "*It* will open
    8am to 8pm"), which goes on about the first name before it.

    >>> carried_subject("We will appoint 20 Vale Futures Fellows.", "Fellows receive £25,000.")
    'Vale Futures Fellows'
    >>> carried_subject("We will open the Hive in 2026.", "It will open 8am to 8pm.")
    'Hive'
    >>> carried_subject("We will appoint 20 Vale Futures Fellows.", "Technicians are central.")
    ''
    """
    words = re.findall(r"[\w'’-]+", sentence.lower())
    names = _names(previous)
    if not words or not names:
        return ""
    head = _singular(words[1] if words[0] in _POINTING_WORDS and len(words) > 1 else words[0])
    for name in names:
        parts = name.split()
        if len(parts) > 1 and _singular(parts[-1].lower()) == head:
            return name
    return names[0] if words[0] in PRONOUN_OPENERS else ""


ROW_CONTEXT_CHARS = 160
"""At most this much of a table row is embedded before one of its cells."""


def row_context(sentence: str, chunk_text: str) -> str:
    """The rest of the table row a cell sentence sits in ("Communications Officer Ellie
    Turner" for "Website, campaigns and the River Voices panel"), or "" for prose."""
    wanted = " ".join(sentence.split())
    for line in chunk_text.split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        if len(cells) < 2 or not wanted or wanted not in " ".join(cells):
            continue
        others = " ".join(cell for cell in cells if cell and wanted not in cell)
        return others[:ROW_CONTEXT_CHARS]
    return ""


def in_context(sentences: list[str], anchors: Mapping[str, str] | None = None) -> list[str]:
    """Each sentence as it is embedded: with the name it goes on about before it ("Vale Futures
    Fellows: Fellows receive a start-up grant …"), so a question naming the subject finds it;
    a footnote's with the place that cites it (``anchors``, by marker: "(6. Supporting our
    volunteers: We will reimburse reasonable expenses³ …) ³ Travel is reimbursed at 45p …").
    (A table cell embedded with the rest of its row was measured and left out: as many
    answers lost as gained, table rows outranking tracker rows.)"""
    anchors = anchors or {}
    texts = []
    for before, sentence in zip(["", *sentences], sentences, strict=False):
        if place := anchors.get(opening_marker(sentence)):
            texts.append(f"({place}) {sentence}")
        elif subject := carried_subject(before, sentence):
            texts.append(f"{subject}: {sentence}")
        else:
            texts.append(sentence)
    return texts


_CLAUSE_WORDS = 5
"""Words a clause after a semicolon needs to stand as a sentence of its own; fewer, and the
semicolons separate the items of a list inside one sentence."""


_NEXT_STOP = re.compile(r"[;.!?—–]")


def _short_item(rest: str) -> bool:
    """Whether the text after a semicolon opens with a short list item that another semicolon
    ends ("Health and Life Sciences; …"), not a clause ("People follow.")."""
    stop = _NEXT_STOP.search(rest)
    return stop is not None and stop[0] == ";" and len(rest[: stop.start()].split()) < _CLAUSE_WORDS


def _split_prose(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        fragment = text[start : match.start() + 1].strip()
        if _ends_with_abbreviation(fragment) or _MARKER_ONLY.match(fragment):
            continue  # "e.g. The…", or the "2." that numbers the item after it
        if fragment.endswith(";") and _short_item(text[match.end() :]):
            continue  # "four faculties — Engineering; Health and Life Sciences; …" is one
        out.append(fragment)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
