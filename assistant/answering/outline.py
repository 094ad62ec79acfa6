"""Broad questions answered from a document's outline: its aims, goals, priorities, risks.

"What are the main risks to the strategic plan?", "In a nutshell, what is the strategy
about?", "Summarise the main priorities of the Student Experience Plan": the answer is the part
of the document's structure the question names, one line per item, each cited —

* the sub-sections under a heading that names the part ("3. Strategic aims" → "Aim 1: …",
  …, "Aim 5: …"; "2. Our priorities" → "2.1 Find help fast", …), or
* the items of the list under it ("7.1 Principal risks" → one line per risk; "Our vision,
  mission and goals" → "Goal 1: Clean water – …"), or
* the rows of the table under it, each with its values ("4. Our priorities" over a grid of
  Priority | Year 1 | Year 2 | Year 3 → "Grow the volunteer base — Year 1: 600 …; …").

A summary question that names no part takes the document's aims, goals or priorities, in the
order of :data:`SUMMARY_PARTS`. The document is the best-retrieved plan that has such a part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answering.base import table_headers
from assistant.answering.support import MAX_LIST_ITEMS, ListAnswer, chunk_list, sub_sections
from assistant.answering.table_rows import labelled_rows
from assistant.retrieval.hybrid import Candidate, RetrievalResult, extract_list
from assistant.retrieval.text import ROLE_STEMS, content_words, tokens
from ingest.lexicon import (
    CLAUSE_BREAK,
    LEADING_BULLET,
    LIST_MARKER,
    NUMBER_WORDS,
    PART_LABEL,
    PLAN_PARTS,
    PURPOSE_STATEMENT,
    SELF_DESCRIPTION,
)
from ingest.types import Chunk

OUTLINE_PARTS = PLAN_PARTS
"""The parts of a plan a broad question asks for (a heading names a part when one of its
words is among them)."""
SUMMARY_PARTS = ("aim", "goal", "priority", "mission", "objective")
"""What a summary with no part named is answered with, in this order of preference. Not a
plan's themes: "2 Our research themes" is one section of a plan whose gist is all of them."""
MIN_ITEMS = 2
AGENDA_SENTENCE_CHARS = 200
"""A section's first sentence in a summary by sections is cut at about this length."""
TOP_SOURCES = 3
"""Only the best few retrieved plans are read for an outline."""


_PART_WORD = "|".join(w for words in OUTLINE_PARTS.values() for w in words)
SUMMARY_ASK = re.compile(
    r"\bin a nutshell\b|\bin short\b|\bmain(?:ly)? about\b|\ball about\b|\bsummar(?:y|i[sz]e)\b"
    r"|\boverview\b|\bat a glance\b|\bkey points\b|\bgist\b|\bin a few (?:lines|words)\b"
    r"|\b(?:trying|aiming|hoping|setting out|seeking) to achieve\b"
    r"|\bwhat is (?:the |our |this )?[\w\s-]{0,40}"
    r"(?:strategy|plan) (?:about|for)\s*\??$",
    re.IGNORECASE,
)
"""A question for the gist of a document: "In a nutshell, what is Flowing Forward trying to
achieve?", "Summarise the plan", "What is the research plan about?", "Give me the gist of
the strategy"."""
PART_ASK = re.compile(
    rf"\b(?:main|key|principal|top|core|big|biggest|major|strategic|overall)\s+(?:\w+\s+)?"
    rf"({_PART_WORD})\b"
    rf"|\b(?:what|which) (?:are|were) (?:the |its |our |their )?(?:[\w-]+['’]s )?"
    rf"(?:(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)}) )?(?:[\w-]+ )?({_PART_WORD})\b"
    rf"|\b(?:list|name|summari[sz]e|outline) (?:all )?(?:the |its |our )?(?:[\w-]+ )?"
    rf"({_PART_WORD})\b"
    rf"|\beach of (?:the |its |our |their )?(?:(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)}) )?"
    rf"(?:[\w-]+ )?({_PART_WORD})\b",
    re.IGNORECASE,
)
"""A question for one part of a document's outline: "What are the main risks to the plan?",
"What are the four research themes?",
"What values does the university hold?" is not one (no outline frame), "List the priorities".
Not: "What is the risk of flooding in Saltmere?" (one risk, not the list)."""


def asked_parts(question: str) -> tuple[str, ...]:
    """The outline parts the question asks for, best first; () when it asks for none."""
    named = [
        part
        for match in PART_ASK.finditer(question)
        for word in match.groups()
        if word
        for part, words in OUTLINE_PARTS.items()
        if word.lower() in words
    ]
    if named:
        return tuple(dict.fromkeys(named))
    if SUMMARY_ASK.search(question):
        return SUMMARY_PARTS
    return ()


def _names_part(heading: str, part: str) -> bool:
    """The heading of the whole part names it in the plural ("3. Strategic aims", "7.1
    Principal risks"); "Goal 1: Clean water" is one goal, not the goals, and "Workstream 3 -
    Events and Missions" is one workstream, not the plan's missions."""
    return OUTLINE_PARTS[part][1] in tokens(heading) and not PART_LABEL.match(heading.strip())


def _list_lines(chunks: list[Chunk]) -> list[tuple[str, Chunk]]:
    """Items of the lists directly under one heading: every line of a list-only chunk, else
    the lines a bullet or number opens."""
    items = []
    for chunk in chunks:
        only_list = chunk.block_kinds == "list"
        for line in chunk.text.split("\n"):
            if only_list or LIST_MARKER.match(line):
                text = LEADING_BULLET.sub("", line).strip()
                if text:
                    items.append((text, chunk))
    return items


_FIRST_SENTENCE = re.compile(r".+?(?:[.;](?=\s|$)|$)")


def _label_pattern(part: str) -> re.Pattern[str]:
    singular = OUTLINE_PARTS[part][0]
    return re.compile(
        rf"^\s*(?:strategic\s+)?{singular}\s+(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\b\s*"
        rf"[:.–—-]\s*\S",
        re.IGNORECASE,
    )


def _labelled_parts(whole: list[Chunk], part: str) -> list[tuple[str, Chunk]]:
    """The parts a document states as labelled lines wherever they stand ("Aim One: Create a
    vibrant … research culture", "Goal 2: Room for rivers"), once each, in order; a line
    broken mid-sentence is joined to the next."""
    label = _label_pattern(part)
    found: dict[str, tuple[str, Chunk]] = {}
    for chunk in whole:
        lines = chunk.text.split("\n")
        for index, line in enumerate(lines):
            match = label.match(line)
            if not match:
                continue
            text = line.strip()
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if following and not text.endswith((".", ";", ":")) and not label.match(following):
                text = f"{text} {following}"
            text = _FIRST_SENTENCE.match(text).group(0).strip()  # type: ignore[union-attr]
            key = " ".join(match.group(0).lower().split()[:2])  # "aim one"
            found.setdefault(key, (text, chunk))
    return list(found.values())


def _outline(
    source: str, part: str, document_chunks: Callable[[str], list[Chunk]], prose: bool = True
) -> ListAnswer | None:
    """The part's items in one document. ``prose``: paragraphs under the part's heading count
    as its items when nothing else does (for a part named, not for a summary: a document's
    objectives in prose are not its gist)."""
    whole = document_chunks(source)
    paths = list(dict.fromkeys(c.section for c in whole if c.section))
    nodes = list(dict.fromkeys(
        " > ".join(path.split(" > ")[: depth + 1])
        for path in paths
        for depth in range(len(path.split(" > ")))
    ))  # fmt: skip
    for node in nodes:
        heading = node.split(" > ")[-1]
        if not _names_part(heading, part):
            continue
        children = sub_sections(whole, node)
        if len(children) >= MIN_ITEMS:
            names = list(children)[:MAX_LIST_ITEMS]
            return ListAnswer(heading, names, [Candidate(children[n]) for n in names])
        lines = _list_lines([c for c in whole if c.section == node])
        label = _label_pattern(part)
        if sum(bool(label.match(text)) for text, _ in lines) >= MIN_ITEMS:
            lines = [(text, chunk) for text, chunk in lines if label.match(text)]  # "Goal 1: …"
        if len(lines) < MIN_ITEMS:  # a grid: its row labels are the parts ("Priority | Year 1…")
            lines = [
                (f"{label} — {values}", chunk)
                for chunk in whole
                if chunk.section == node
                for label, values in labelled_rows(chunk)
            ]
        if len(lines) < MIN_ITEMS and prose:  # one paragraph each ("Strategic Objectives")
            lines = _paragraph_items([c for c in whole if c.section == node])
        if len(lines) >= MIN_ITEMS:
            lines = lines[:MAX_LIST_ITEMS]
            return ListAnswer(heading, [t for t, _ in lines], [Candidate(c) for _, c in lines])
    labelled = _labelled_parts(whole, part)[:MAX_LIST_ITEMS]
    if len(labelled) >= MIN_ITEMS:
        lead_in = OUTLINE_PARTS[part][1].capitalize()
        return ListAnswer(lead_in, [t for t, _ in labelled], [Candidate(c) for _, c in labelled])
    return _row_parts(whole, part)


GRID_SHARE = 0.75
"""A plan is set out as a grid when at least this share of its chunks are table rows."""


def _row_parts(whole: list[Chunk], part: str) -> ListAnswer | None:
    r"""A plan set out as one grid names its parts in a row: "Priority | Embed R&I | Career
    Pathways | …" lists the priorities, one per cell.

    >>> grid = "Vision\tImprove lives\nPriority\tEmbed R&I\tCareer Pathways\tHealth Creation"
    >>> chunk = Chunk("g#0", grid, "g.txt", "Grid", "", "plan", 1, 2, block_kinds="table_row")
    >>> found = _row_parts([chunk], "priority")
    >>> found.lead_in, found.items
    ('Priority', ['Embed R&I', 'Career Pathways', 'Health Creation'])
    """
    grid = [chunk for chunk in whole if "table_row" in chunk.block_kinds]
    if len(grid) < GRID_SHARE * len(whole):
        return None  # a table inside a document of prose is one of its parts, not its plan
    for chunk in grid:
        headers = set(table_headers(chunk))
        for line in chunk.text.split("\n"):
            if line in headers:
                continue  # "Long-term strategic priorities | Short-term | …" names columns
            cells = [cell.strip() for cell in line.split("\t")]
            items = [cell for cell in cells[1:] if cell][:MAX_LIST_ITEMS]
            label = cells[0]
            names = set(OUTLINE_PARTS[part]) & set(tokens(label)) and not PART_LABEL.match(label)
            if len(items) >= MIN_ITEMS and names and len(label.split()) <= 3:
                return ListAnswer(label, items, [Candidate(chunk)] * len(items))
    return None


def _led_parts(whole: list[Chunk], part: str) -> ListAnswer | None:
    """The part stated as a list under a lead-in that names it ("It has four goals:" then one
    bullet per goal), the first such list of the document."""
    plural = OUTLINE_PARTS[part][1]

    def section(source: str, name: str) -> list[Chunk]:
        return [c for c in whole if c.section == name]

    for chunk in whole:
        if not extract_list(chunk.text)[0].rstrip().endswith(":"):
            continue
        lead_in, items = chunk_list(Candidate(chunk), section)  # a list run on in the next chunk
        words = tokens(lead_in)
        if len(items) >= MIN_ITEMS and lead_in.rstrip().endswith(":") and plural in words:
            said = re.split(r"(?<=[.!?])\s+", lead_in.strip())[-1]  # "It has four goals:"
            items = items[:MAX_LIST_ITEMS]
            return ListAnswer(said, items, [Candidate(chunk)] * len(items))
    return None


def _summary_by_sections(whole: list[Chunk], opening: ListAnswer | None) -> ListAnswer | None:
    """A document with no section of aims summarised by its sections (:func:`_agenda`),
    opened with what it is for and with the parts its opening lists ("It has four goals:
    focus …; build …; double …; make …")."""
    agenda = _agenda(whole)
    if agenda is None:
        return _with_purpose(opening, whole) if opening is not None else None
    found = _with_purpose(agenda, whole)
    if opening is None:
        return found
    listed = "; ".join(item.rstrip(" ;.") for item in opening.items)
    stated = (f"{opening.lead_in.rstrip()} {listed}.", opening.candidates[0])
    return replace(found, purpose=[*found.purpose, stated])


def _opening_parts(whole: list[Chunk], parts: tuple[str, ...]) -> ListAnswer | None:
    """The parts a document lists under a lead-in in its opening ("It has four goals:" in
    its introduction): what a summary of a plan with no section of aims gives before its
    sections."""
    opening = whole[:PURPOSE_CHUNKS]
    return next((found for part in parts if (found := _led_parts(opening, part))), None)


EACH_ASK = re.compile(r"\beach of\b|\beach (?:one|of them)\b|\b(?:leads?|runs?) each\b", re.I)
"""A question about every part in turn ("Who leads each of the four research themes?"): each
item is given with the line of its section that answers ("2.1 Healthy Ageing — Led by …")."""


def _with_their_lines(found: ListAnswer, asks_owner: bool) -> ListAnswer:
    """Each item with its section's first sentence, or (``asks_owner``) the first one saying
    who is in charge; items that are not sections are left as they are."""
    items = []
    for item, candidate in zip(found.items, found.candidates, strict=True):
        if candidate.chunk.section.split(" > ")[-1] != item:
            items.append(item)
            continue
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(candidate.chunk.text.split()))]
        said = next(
            (s for s in sentences if not asks_owner or ROLE_STEMS & set(content_words(s))), ""
        )
        items.append(f"{item} — {said}" if said else item)
    return replace(found, items=items)


def outline_answer(
    question: str, evidence: RetrievalResult, document_chunks: Callable[[str], list[Chunk]]
) -> ListAnswer | None:
    """The part of a retrieved plan's outline the question asks for, or None."""
    found = _outline_answer(question, evidence, document_chunks)
    if found is not None and (EACH_ASK.search(question) or asked_parts(question) == SUMMARY_PARTS):
        # a summary gives each part with one line; "who leads each …" the line saying who
        return _with_their_lines(found, evidence.intent.asks_owner)
    return found


def _part_summary(label: str, whole: list[Chunk]) -> ListAnswer | None:
    """One numbered part summarised ("What's Goal 3 mainly about?"): the section its heading
    opens with the label ("Goal 3: Resilient communities"), as its first sentences and the
    items of its lists, or None when no heading opens with it."""
    labelled = re.compile(rf"^\s*(?:\d[\d.]*\s+)?{re.escape(label)}(?![\d.])\b", re.IGNORECASE)
    node = next(
        (c.section for c in whole if c.section and labelled.match(c.section.split(" > ")[-1])),
        None,
    )
    if node is None:
        return None
    chunks = [c for c in whole if c.section == node]
    lines = _list_lines(chunks)
    paragraphs = [
        line.strip()
        for line in chunks[0].text.split("\n")
        if line.strip() and not LIST_MARKER.match(line) and not line.rstrip().endswith(":")
    ]
    opening = re.split(r"(?<=[.!?])\s+", paragraphs[0]) if paragraphs else []
    prose = [(sentence, chunks[0]) for sentence in opening[:2]]
    found = (prose + lines)[:MAX_LIST_ITEMS]
    if not found:
        return None
    heading = node.split(" > ")[-1]
    return ListAnswer(heading, [t for t, _ in found], [Candidate(c) for _, c in found])


def _outline_answer(
    question: str, evidence: RetrievalResult, document_chunks: Callable[[str], list[Chunk]]
) -> ListAnswer | None:
    parts = asked_parts(question)
    if not parts:
        return None
    sources = list(dict.fromkeys(
        c.chunk.source for c in evidence.candidates if c.chunk.kind != "action"
    ))[:TOP_SOURCES]  # fmt: skip
    if parts == SUMMARY_PARTS and (label := PART_LABEL.search(question)):
        # the gist of one part ("What's Goal 3 mainly about?"), not the list of all of them
        for source in sources:
            if (found := _part_summary(label.group(0), document_chunks(source))) is not None:
                return found
        return None
    summary = parts == SUMMARY_PARTS
    for rank, source in enumerate(sources):
        for part in parts:
            found = _outline(source, part, document_chunks, prose=not summary)
            if found is not None:
                return _with_purpose(found, document_chunks(source)) if summary else found
        if summary and rank == 0:  # the gist of the best document, not another's aims
            whole = document_chunks(source)
            return _summary_by_sections(whole, _opening_parts(whole, parts))
    # no heading or labelled lines name the part: a list under a lead-in that does
    for source in sources:
        for part in parts:
            if (found := _led_parts(document_chunks(source), part)) is not None:
                return found
    return None


PURPOSE_CHUNKS = 3
"""A document says what it is for near its start, or beside its parts ("Our vision: …" over
its goals): only its first few chunks and that section are read."""


def purpose_statement(whole: list[Chunk]) -> list[tuple[str, Chunk]]:
    r"""What ``whole`` (chunks of one document: its opening, the section of its parts) says it
    is for (:data:`~ingest.lexicon.PURPOSE_STATEMENT`), with the chunks saying it: the first
    sentence where the document describes itself ("This three-year plan covers …"), after a
    byline or vision above it ("Supporting Goal 4 of the strategy"); a table row's cells are
    read as one line ("Vision — Improve lives …"). Empty when it says neither.

    >>> intro = "Supporting Goal 4.\nApproved in June. This plan turns Aim 3 into a programme."
    >>> chunk = Chunk("p#0", intro, "p.md", "P", "", "plan", line_start=1, line_end=2)
    >>> [said for said, _ in purpose_statement([chunk])]
    ['Supporting Goal 4.', 'This plan turns Aim 3 into a programme.']
    """
    sentences = [
        (sentence, chunk)
        for chunk in whole
        if chunk.kind != "action"
        for line in chunk.text.split("\n")
        for sentence in CLAUSE_BREAK.split(
            " — ".join(cell.strip() for cell in line.split("\t") if cell.strip())
        )
    ]
    own = next((i for i, (said, _) in enumerate(sentences) if SELF_DESCRIPTION.search(said)), None)
    before = sentences if own is None else sentences[:own]
    stated = next(((s, c) for s, c in before if PURPOSE_STATEMENT.search(s)), None)
    found = [stated] if stated else []
    if own is not None:
        found.append(sentences[own])
    return [(_first_sentence(said), chunk) for said, chunk in found]


def _with_purpose(found: ListAnswer, whole: list[Chunk]) -> ListAnswer:
    """A summary opened with the document's title and what the document is for, unless an
    item already says it."""
    found = replace(found, document=whole[0].title if whole else "")
    if any(PURPOSE_STATEMENT.search(item) for item in found.items):
        return found  # "1 Introduction — This plan sets out how …" says it already
    # the document's opening, then the section the parts are listed in ("Our vision: …")
    section = found.candidates[0].chunk.section if found.candidates else None
    read = [*whole[:PURPOSE_CHUNKS], *(c for c in whole[PURPOSE_CHUNKS:] if c.section == section)]
    return replace(
        found, purpose=[(said, Candidate(chunk)) for said, chunk in purpose_statement(read)]
    )


def _paragraph_items(chunks: list[Chunk]) -> list[tuple[str, Chunk]]:
    """The paragraphs under a heading that names a part, one item each (its first sentence),
    when that is all there is: prose only, and no more paragraphs than a list would hold."""
    if not chunks or any(c.block_kinds != "paragraph" for c in chunks):
        return []
    items = [
        (_first_sentence(paragraph), chunk)
        for chunk in chunks
        for paragraph in re.split(r"\n\s*\n|\n", chunk.text)
        if paragraph.strip()
    ]
    return items if len(items) <= MAX_LIST_ITEMS else []


def _first_sentence(text: str) -> str:
    """A paragraph's first sentence, cut at about :data:`AGENDA_SENTENCE_CHARS`."""
    first = _FIRST_SENTENCE.match(" ".join(text.split()))
    said = first.group(0).strip() if first else ""
    if len(said) > AGENDA_SENTENCE_CHARS:
        said = said[:AGENDA_SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"
    return said


def _agenda(whole: list[Chunk]) -> ListAnswer | None:
    """A document without aims or priorities summarised by its sections, each with its first
    sentence: minutes by their items ("SEC/25/31 Progress against the plan — The Committee
    received …"). Under a single title heading, the sections below it."""
    roots = list(dict.fromkeys(c.section.split(" > ")[0] for c in whole if c.section))
    if len(roots) == 1:
        children = sub_sections(whole, roots[0])
    else:
        children = {
            root: next(c for c in whole if c.section.split(" > ")[0] == root) for root in roots
        }
    if len(children) < MIN_ITEMS:
        return None
    names = list(children)[:MAX_LIST_ITEMS]
    items = []
    for name in names:
        chunk = children[name]
        said = "" if "table" in chunk.block_kinds else _first_sentence(chunk.text)
        items.append(f"{name} — {said}" if said else name)
    lead_in = roots[0] if len(roots) == 1 else "Sections"
    return ListAnswer(lead_in, items, [Candidate(children[n]) for n in names])


__all__ = ["OUTLINE_PARTS", "SUMMARY_PARTS", "asked_parts", "outline_answer"]
