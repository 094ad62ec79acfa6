"""Structure-aware chunking: sections first, then whole units (list groups, table rows,
paragraphs), and only then size, with overlap, for units larger than a chunk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from ingest.lexicon import LIST_MARKER
from ingest.sentences import split_sentences
from ingest.types import ActionRecord, Block, Chunk, LoadedDocument, content_hash

_LEADING_BULLET = LIST_MARKER


@dataclass(frozen=True)
class _Part:
    """One block inside a unit, with its own span, so that split pieces cite their lines."""

    text: str
    line_start: int
    line_end: int
    page: int | None


@dataclass
class _Unit:
    """Text that should stay together (a paragraph, a list with its lead-in, a table row)."""

    text: str
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None
    parts: list[_Part] = field(default_factory=list)
    kinds: tuple[str, ...] = ()
    """The kinds of the blocks in it (``paragraph``, ``table_row``, ``glossary`` …)."""
    header: str = ""
    """A table row's header row: repeated at the top of a chunk this row opens."""
    structure: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, blocks: list[Block]) -> _Unit:
        return cls(
            "\n".join(b.text for b in blocks),
            blocks[0].line_start,
            blocks[-1].line_end,
            blocks[0].page,
            blocks[-1].page,
            [_Part(b.text, b.line_start, b.line_end, b.page) for b in blocks],
            tuple(dict.fromkeys(b.kind for b in blocks)),
            blocks[0].header,
            tuple(item for b in blocks for item in b.structure if item[0] != "lines"),
        )


def _chunk_structure(units: list[_Unit]) -> tuple[str, str]:
    """(block kinds, structure JSON) of a chunk: ``"table_row"`` and its table's header, a
    glossary's terms, a signature's name and role, footnote markers."""
    kinds = list(dict.fromkeys(k for u in units for k in u.kinds))
    facts: dict[str, list[str]] = {}
    for unit in units:
        if unit.header:
            facts.setdefault("table_header", []).append(unit.header)
        for key, value in unit.structure:
            if key in {"table_header", "signature_part"}:
                continue
            facts.setdefault(key, []).append(value)
    compact = {key: list(dict.fromkeys(values)) for key, values in facts.items()}
    return ",".join(kinds), json.dumps(compact, ensure_ascii=False) if compact else ""


@dataclass
class _Section:
    path: list[tuple[int, str]] = field(default_factory=list)

    def enter(self, level: int, text: str) -> None:
        self.path = [(lvl, t) for lvl, t in self.path if lvl < level] + [(level, text)]

    def name(self) -> str:
        return " > ".join(t for _, t in self.path)


def _units(blocks: list[Block]) -> list[tuple[str, _Unit | None, Block | None]]:
    """Group blocks into (section-name-at-start, unit) pairs; headings are passed through."""
    out: list[tuple[str, _Unit | None, Block | None]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "heading":
            out.append(("", None, block))
            index += 1
            continue
        if block.kind == "list" or (
            block.kind == "paragraph"
            and block.text.rstrip().endswith(":")
            and index + 1 < len(blocks)
            and blocks[index + 1].kind == "list"
        ):
            group = [block]
            index += 1
            while index < len(blocks) and blocks[index].kind == "list":
                group.append(blocks[index])
                index += 1
            out.append(("", _Unit.of(group), None))
            continue
        out.append(("", _Unit.of([block]), None))
        index += 1
    return out


_ROW_LABEL_CHARS = 40


def _row_fragments(row: str, size: int) -> list[str]:
    """An oversized table row ("Outputs<TAB>1.1 …<TAB>4.1 …") cut at its cells, each piece
    keeping the row's label, so every piece still reads as that row (and stays a row)."""
    label, *cells = (" ".join(cell.split()) for cell in row.split("\t"))
    room = size - len(label) - 1
    pieces: list[str] = []
    for cell in (c for c in cells if c):
        pieces.extend(_atoms(_Part(cell, 0, 0, None), room) if len(cell) > room else [cell])
    fragments: list[list[str]] = [[]]
    for piece in pieces:
        if fragments[-1] and len("\t".join([label, *fragments[-1], piece])) > size:
            fragments.append([])
        fragments[-1].append(piece)
    return ["\t".join([label, *fragment]) for fragment in fragments if fragment]


def _atoms(part: _Part, size: int) -> list[str]:
    """A block that fits is one atom; a table row is cut at its cells (see
    :func:`_row_fragments`); other blocks at sentences, then at spaces."""
    if len(part.text) <= size:
        return [part.text]
    first_cell = part.text.split("\t")[0].strip()
    if "\n" not in part.text and "\t" in part.text and 0 < len(first_cell) <= _ROW_LABEL_CHARS:
        return _row_fragments(part.text, size)
    bullet = _LEADING_BULLET.match(part.text)
    atoms: list[str] = []
    for sentence in split_sentences(part.text):
        while len(sentence) > size:  # a "sentence" longer than a chunk: hard cut at a space
            cut = sentence.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            atoms.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].strip()
        if sentence:
            atoms.append(sentence)
    if bullet and atoms and len(bullet.group(0)) + len(atoms[0]) <= size:
        atoms[0] = bullet.group(0) + atoms[0]  # keep the list marker the splitter removed
    return atoms


def _split_large(unit: _Unit, size: int, overlap: int) -> list[_Unit]:
    """Split an oversized unit into pieces of at most ``size`` characters.

    Whole blocks (list items, rows) are kept where they fit; longer blocks are cut at
    sentences. Each new piece starts with up to ``overlap`` characters of whole sentences
    carried over from the previous one, and cites only the lines its atoms came from.
    """
    parts = unit.parts or [_Part(unit.text, unit.line_start, unit.line_end, unit.page_start)]
    # (text, index of its part): atoms of the same block join with a space, others a newline
    atoms = [(atom, index) for index, part in enumerate(parts) for atom in _atoms(part, size)]

    def length(piece: list[tuple[str, int]]) -> int:
        return sum(len(text) + 1 for text, _ in piece) - 1 if piece else 0

    pieces: list[list[tuple[str, int]]] = [[]]
    for atom in atoms:
        current = pieces[-1]
        if current and length(current) + 1 + len(atom[0]) > size:
            carried: list[tuple[str, int]] = []
            for previous in reversed(current):
                if length([previous, *carried]) > overlap:
                    break
                carried.insert(0, previous)
            while carried and length([*carried, atom]) > size:
                carried.pop(0)
            pieces.append(carried)
        pieces[-1].append(atom)

    out = []
    for piece in pieces:
        if not piece:
            continue
        text = piece[0][0]
        for (atom_text, index), (_, before) in zip(piece[1:], piece, strict=False):
            same_line = index == before and "\t" not in atom_text  # row pieces are rows
            text += (" " if same_line else "\n") + atom_text
        first, last = parts[piece[0][1]], parts[piece[-1][1]]
        out.append(
            _Unit(
                text,
                first.line_start,
                last.line_end,
                first.page,
                last.page,
                [],
                unit.kinds,
                unit.header,
                unit.structure,
            )
        )
    return out


def chunk_document(doc: LoadedDocument, size: int, overlap: int) -> list[Chunk]:
    """Chunks for a prose document; every chunk stays inside one section and within ``size``
    characters (cut at sentences, then spaces, only when a block alone is larger)."""
    chunks: list[Chunk] = []
    section = _Section()
    current: list[_Unit] = []
    current_length = 0  # length(current), kept as units are added (a chunk may hold hundreds)
    current_section = ""
    # headings with no body before the next heading (e.g. a list of country names laid out as
    # headings): their words go into the next chunk's text, and its line span starts at them
    pending: list[Block] = []
    last_heading: Block | None = None

    def length(units: list[_Unit]) -> int:
        return sum(len(u.text) + 1 for u in units) - 1 if units else 0

    def flush() -> None:
        nonlocal current, current_length
        if not current:
            return
        kinds, structure = _chunk_structure(current)
        chunks.append(
            Chunk(
                id="",
                text="\n".join(u.text for u in current),
                source=doc.source,
                title=doc.title,
                section=current_section,
                kind=doc.kind,
                line_start=current[0].line_start,
                line_end=current[-1].line_end,
                page_start=current[0].page_start,
                page_end=current[-1].page_end,
                block_kinds=kinds,
                structure=structure,
            )
        )
        current = []
        current_length = 0

    def header_unit(unit: _Unit) -> list[_Unit]:
        """A chunk opening inside a table starts with the table's header row."""
        if not unit.header or unit.header == unit.text:
            return []
        return [
            _Unit(
                unit.header,
                unit.line_start,
                unit.line_start,
                unit.page_start,
                unit.page_start,
                [],
                ("table_row",),
                "",
                (("table_header", "true"),),
            )
        ]

    for _, unit, heading in _units(doc.blocks):
        if heading is not None:
            if current:
                flush()
            elif last_heading is not None:
                pending.append(last_heading)
            last_heading = None
            if heading.text != doc.title:
                section.enter(heading.level, heading.text)
                last_heading = heading
            continue
        assert unit is not None
        last_heading = None
        budget = size
        if not current:
            current_section = section.name()
            # a heading still in the section path is named there already
            in_path = {text for _, text in section.path}
            pending = [h for h in pending if h.text not in in_path]
            if pending:
                headings = _Unit.of(pending)
                pending = []
                if len(headings.text) > size // 2:  # too many to prefix: a chunk of their own
                    for piece in _split_large(headings, size, 0):
                        current = [piece]
                        flush()
                else:
                    current = [headings]
                    current_length = len(headings.text)
                    budget = size - len(headings.text) - 1
        if not current:
            current = header_unit(unit)
            current_length = length(current)
            budget -= current_length + 1 if current else 0
        pieces = _split_large(unit, budget, overlap) if len(unit.text) > budget else [unit]
        for piece in pieces:
            if current and current_length + 1 + len(piece.text) > size:
                flush()
                current_section = section.name()
                current = header_unit(unit)
                current_length = length(current)
            current_length += len(piece.text) + (1 if current else 0)
            current.append(piece)
    flush()
    return finalise_chunks(chunks)


def chunk_records(doc: LoadedDocument, records: list[ActionRecord]) -> list[Chunk]:
    """One chunk per action record (kind=action), cited by its row."""
    chunks = [
        Chunk(
            id="",
            text=record.as_text(),
            source=doc.source,
            title=doc.title,
            section=record.aim,
            kind="action",
            line_start=record.row,
            line_end=record.row_end or record.row,
            record_id=record.id,
        )
        for record in records
    ]
    return finalise_chunks(chunks)


def finalise_chunks(chunks: list[Chunk]) -> list[Chunk]:
    """Stable ids: source + position + content hash, so unchanged files keep their ids."""
    out = []
    for position, chunk in enumerate(chunks):
        digest = content_hash(chunk.embedding_text())
        out.append(
            replace(chunk, id=f"{chunk.source}#{position}:{digest}", hash=digest, position=position)
        )
    return out
