"""Type the blocks of any document once, at ingest: tables with their header row, glossary
entries, signatures and footnotes, so later stages look structure up instead of re-detecting it.

This is the last step of every loader (text, Markdown, PDF, DOCX). It never changes a block's
text, only its kind and its structure:

* **table rows** in a run of three or more carry the run's first row as their ``header``
  (a row under "Budget line | 2025–26 | …" knows its columns, even in a later chunk);
* **glossary entries** are the entries of a section headed Glossary, Definitions, Acronyms,
  Abbreviations or Key terms, written "Term — meaning", "Term: meaning", "Term – meaning" or as
  a two-column table row; structure ``term``;
* **a signature** is a short block of a person's name and role ("Professor Miriam Ashcombe" /
  "Vice-Chancellor"), closing a section; structure ``name`` and ``role``;
* **a footnote** opens with its marker (``¹``, ``[^2]:``, ``[3]``); structure ``marker``, and
  ``anchor`` ("3\tSupporting our volunteers: We will reimburse reasonable expenses³ …"): the
  heading and sentence its marker sits in, when one place cites it. A note read alone has lost
  what it is a note on ("Travel is reimbursed at 45p per mile" says nothing of volunteers).
"""

from __future__ import annotations

import dataclasses
import re

from ingest.lexicon import (
    FIGURE,
    FOOTNOTE_OPENING,
    HONORIFIC,
    POST_WORDS,
    footnote_marks,
    opening_marker,
)
from ingest.sentences import split_sentences
from ingest.types import Block

_GLOSSARY_HEADINGS = re.compile(
    r"\b(glossary|definitions?|acronyms|abbreviations|key terms|terms used)\b"
    # a key or legend saying what a sheet's codes mean ("Key", "RAG key"), not "Key sectors"
    r"|^\s*(?:[\w&-]+\s+)?(?:key|legend)\s*$",
    re.IGNORECASE,
)
_FIELD_ROW_TERM = re.compile(r"^[^:;]{1,40}:\s*(?P<term>[^:;]{1,60});\s")
"""A sheet's row written as its columns' fields ("RAG: Red (R); Meaning: …"): its term is
the first field's value."""
_TERM = re.compile(
    r"^\**(?P<term>[^\s:—–][^:—–\t]{0,60}?)\**\s*(?:—|–|:|\t| - )\s*(?P<meaning>\S.*)$"
)
_NAME = re.compile(rf"^(?:{HONORIFIC}\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’.-]*){{1,3}}$")
_SIGNATURE_MAX_WORDS = 14
_SIGNED = re.compile(
    rf"^(?:Signed|Signature|Approved)\b[^:]{{0,40}}:\s*(?P<name>(?:{HONORIFIC}\s+)?[A-Z][\w'’-]+"
    rf"(?:\s+[A-Z][\w'’.-]*){{1,3}}),\s*(?P<role>[^.]{{2,80}})$"
)
"""A one-line signature: "Signed as a true extract: Kate Finch, Governance Officer, 28 April"."""
_MIN_TABLE_ROWS = 3


def looks_like_name(text: str) -> bool:
    """``Professor Miriam Ashcombe``, ``Margaret Ellison``: two to four capitalised words,
    not a post ("Chief Executive")."""
    words = text.split()
    return bool(_NAME.match(" ".join(words))) and not POST_WORDS & {w.lower() for w in words}


def signature_parts(lines: list[str]) -> tuple[str, str] | None:
    """(name, role) when short lines open with a person's name and go on with a role that is
    not another name; None otherwise."""
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    if not 2 <= len(lines) <= 4 or sum(len(line.split()) for line in lines) > _SIGNATURE_MAX_WORDS:
        return None
    if any(line.endswith((".", ";", ":", ",")) for line in lines):
        return None
    if not looks_like_name(lines[0]) or looks_like_name(lines[1]):
        return None
    return lines[0], ", ".join(lines[1:])


def type_blocks(blocks: list[Block], tables_marked: bool = False) -> list[Block]:
    """The blocks with table headers, glossary entries, signatures and footnotes typed.
    ``tables_marked``: the loader knew where each table starts (DOCX) and marked them."""
    out = blocks if tables_marked else _mark_table_headers(blocks)
    out = mark_glossary(out)
    out = _mark_signatures(out)
    return _anchor_footnotes([_footnote(b) for b in out])


def mark_table(rows: list[Block]) -> list[Block]:
    """One table's rows, its first row marked as the header of the others when it reads as
    one (see :func:`_header_like`)."""
    if len(rows) < _MIN_TABLE_ROWS or not _header_like([b.text for b in rows]):
        return rows
    header = rows[0].text
    out = [dataclasses.replace(rows[0], structure=(("table_header", "true"),))]
    out += [r if r.text == header else dataclasses.replace(r, header=header) for r in rows[1:]]
    return out


def _mark_table_headers(blocks: list[Block]) -> list[Block]:
    """Each run of consecutive table rows read as one table."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while end < len(blocks) and blocks[end].kind == "table_row":
            end += 1
        if end > index:
            out.extend(mark_table(blocks[index:end]))
            index = end
        else:
            out.append(blocks[index])
            index += 1
    return out


_HEADER_CELL_CHARS = 40


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.split("\t") if c.strip()]


def _header_like(rows: list[str]) -> bool:
    """Whether the first of ``rows`` names the columns of the others: short cells that differ
    from the rows beneath, as words above figures ("Total" over "2,380") or as short labels
    over longer text ("Months" / "0-6" over sentences). A first row shaped like the rest
    ("Vision<TAB>Improve lives of people …", "Action 1<TAB>Owner 1") is a row."""
    head, body = _cells(rows[0]), [_cells(r) for r in rows[1:]]
    if len(head) < 2 or any(len(c) > _HEADER_CELL_CHARS for c in head):
        return False
    if sum(1 for r in body if len(r) == len(head)) * 2 < len(body):
        return False  # the columns do not line up: a label row over rows of another shape
    for column, name in enumerate(head):
        below = [r[column] for r in body if column < len(r)]
        numeric = sum(1 for c in below if FIGURE.match(c))
        if not FIGURE.match(name) and below and numeric * 2 >= len(below):
            return True
    body_lengths = sorted(len(c) for r in body for c in r)
    if not body_lengths:
        return False
    median = body_lengths[len(body_lengths) // 2]
    return median >= 1.5 * (sum(len(c) for c in head) / len(head))


def mark_glossary(blocks: list[Block]) -> list[Block]:
    """The entries of a section headed as a glossary or a key typed ``glossary``, with their
    ``term``: a document's (via :func:`type_blocks`) or a workbook's sheets' ("Key" sheet,
    rows "RAG: Red (R); Meaning: …")."""
    out: list[Block] = []
    in_glossary_level: int | None = None
    for block in blocks:
        if block.kind == "heading":
            if in_glossary_level is not None and block.level <= in_glossary_level:
                in_glossary_level = None
            if _GLOSSARY_HEADINGS.search(block.text):
                in_glossary_level = block.level
            out.append(block)
            continue
        in_glossary = in_glossary_level is not None and not FOOTNOTE_OPENING.match(block.text)
        text = block.text.lstrip("-•* ")
        fields = _FIELD_ROW_TERM.match(text) if block.kind == "table_row" else None
        term = (fields or _TERM.match(text)) if in_glossary else None
        if term and block.kind in ("paragraph", "list", "table_row"):
            name = term.group("term").strip(" *")
            if name.casefold() not in {"term", "acronym", "abbreviation"}:
                block = dataclasses.replace(block, kind="glossary", structure=(("term", name),))
        out.append(block)
    return out


def _mark_signatures(blocks: list[Block]) -> list[Block]:
    """A paragraph of short lines (text files, PDFs) or two or three short paragraphs (DOCX)
    naming a person and their role, followed by a heading or the end of the document."""
    out = list(blocks)
    for index, block in enumerate(out):
        if block.kind != "paragraph":
            continue
        signed = _SIGNED.match(block.text)
        if signed:
            out[index] = _signature(block, (signed.group("name"), signed.group("role")))
            continue
        closing = index + 1 >= len(out) or out[index + 1].kind == "heading"
        if block.structure and dict(block.structure).get("lines"):
            lines = dict(block.structure)["lines"].split("\n")
        else:
            lines = [block.text]
        if len(lines) == 1:
            following = [b for b in out[index + 1 : index + 3] if b.kind == "paragraph"]
            lines = [block.text, *(b.text for b in following)]
            run = 1 + len(following)
            # a name paragraph followed by role paragraphs that close the section
            for size in range(min(run, 3), 1, -1):
                parts = signature_parts(lines[:size])
                after = index + size
                if parts and (after >= len(out) or out[after].kind == "heading"):
                    out[index] = _signature(block, parts)
                    for k in range(index + 1, after):
                        out[k] = dataclasses.replace(
                            out[k], structure=(("signature_part", "true"),)
                        )
                    break
            continue
        parts = signature_parts(lines)
        if parts and closing:
            out[index] = _signature(block, parts)
    return out


def _signature(block: Block, parts: tuple[str, str]) -> Block:
    name, role = parts
    return dataclasses.replace(block, kind="signature", structure=(("name", name), ("role", role)))


MAX_ANCHOR_CHARS = 240
"""The citing sentence kept as a footnote's anchor, at most: enough to say what it is about."""


def _citing_sentence(text: str, number: str) -> str:
    """The sentence of ``text`` whose footnote marker is ``number``."""
    for sentence in split_sentences(text):
        if any(found == number for found, _ in footnote_marks(sentence)):
            return " ".join(sentence.split())[:MAX_ANCHOR_CHARS]
    return ""


def _anchor_footnotes(blocks: list[Block]) -> list[Block]:
    """Each footnote cited from exactly one place gets that place as its ``anchor``: the
    heading above the citing block and the citing sentence."""
    cited: dict[str, list[str]] = {}
    heading = ""
    for block in blocks:
        if block.kind == "heading":
            heading = " ".join(block.text.split())
        elif block.kind != "footnote":
            for number, _ in footnote_marks(block.text):
                sentence = (  # a cell is cited in its row
                    " ".join(block.text.split())[:MAX_ANCHOR_CHARS]
                    if block.kind == "table_row"
                    else _citing_sentence(block.text, number)
                )
                place = f"{heading}: {sentence}" if heading else sentence
                cited.setdefault(number, []).append(place)
    out = []
    for block in blocks:
        marker = dict(block.structure).get("marker") if block.kind == "footnote" else None
        places = set(cited.get(marker or "", []))
        if marker and len(places) == 1 and (place := places.pop()):
            block = dataclasses.replace(
                block, structure=(*block.structure, ("anchor", f"{marker}\t{place}"))
            )
        out.append(block)
    return out


_DEFINES = re.compile(
    r"^(?:An?|The)\s+(?P<term>[A-Za-z][\w'’ -]{1,40}?)\s+(?:is|are|means)\s+(?:an?|the)\b"
)
"""A note that defines a term as its first words: "A misconnection is a household drain
wrongly plumbed into a surface-water sewer", "A Vale Futures Fellowship is a five-year
appointment"."""


def _footnote(block: Block) -> Block:
    """A paragraph opened by a footnote marker, with its ``marker``; a note that defines a
    term (:data:`_DEFINES`) also gives the ``term``, as a glossary entry does."""
    if block.kind not in ("paragraph", "list"):
        return block
    marker = opening_marker(block.text)
    if not marker:
        return block
    note = FOOTNOTE_OPENING.sub("", block.text.strip(), count=1)
    defines = _DEFINES.match(note)
    term = (("term", defines.group("term")),) if defines else ()
    return dataclasses.replace(block, kind="footnote", structure=(("marker", marker), *term))
