"""Structure-aware chunking: sections first, then whole units (list groups, table rows,
paragraphs), and only then size, with overlap, for units larger than a chunk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.sentences import split_sentences
from ingest.types import ActionRecord, Block, Chunk, LoadedDocument, content_hash


@dataclass
class _Unit:
    """Text that should stay together (a paragraph, a list with its lead-in, a table row)."""

    text: str
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None


@dataclass
class _Section:
    path: list[tuple[int, str]] = field(default_factory=list)
    pending_headings: list[str] = field(default_factory=list)

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
            out.append(
                (
                    "",
                    _Unit(
                        "\n".join(b.text for b in group),
                        group[0].line_start,
                        group[-1].line_end,
                        group[0].page,
                        group[-1].page,
                    ),
                    None,
                )
            )
            continue
        out.append(
            (
                "",
                _Unit(block.text, block.line_start, block.line_end, block.page, block.page),
                None,
            )
        )
        index += 1
    return out


def _split_large(unit: _Unit, size: int, overlap: int) -> list[_Unit]:
    """Split an oversized unit at sentence boundaries, carrying ``overlap`` characters over."""
    sentences = split_sentences(unit.text.replace("\n", " "))
    pieces: list[list[str]] = [[]]
    for sentence in sentences:
        while len(sentence) > size:  # a "sentence" longer than a chunk: hard cut at spaces
            cut = sentence.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            pieces[-1].append(sentence[:cut])
            pieces.append([])
            sentence = sentence[cut:].strip()
        if pieces[-1] and sum(len(s) + 1 for s in pieces[-1]) + len(sentence) > size:
            carried: list[str] = []
            for previous in reversed(pieces[-1]):
                if sum(len(s) + 1 for s in carried) + len(previous) > overlap:
                    break
                carried.insert(0, previous)
            pieces.append(carried)
        pieces[-1].append(sentence)
    return [
        _Unit(" ".join(p), unit.line_start, unit.line_end, unit.page_start, unit.page_end)
        for p in pieces
        if p
    ]


def chunk_document(doc: LoadedDocument, size: int, overlap: int) -> list[Chunk]:
    """Chunks for a prose document; every chunk stays inside one section."""
    chunks: list[Chunk] = []
    section = _Section()
    current: list[_Unit] = []
    current_section = ""

    def flush() -> None:
        nonlocal current
        if not current:
            return
        text = "\n".join(u.text for u in current)
        if section.pending_headings:
            text = "\n".join([*section.pending_headings, text])
            section.pending_headings = []
        chunks.append(
            Chunk(
                id="",
                text=text,
                source=doc.source,
                title=doc.title,
                section=current_section,
                kind=doc.kind,
                line_start=current[0].line_start,
                line_end=current[-1].line_end,
                page_start=current[0].page_start,
                page_end=current[-1].page_end,
            )
        )
        current = []

    for _, unit, heading in _units(doc.blocks):
        if heading is not None:
            if current:
                flush()
            elif section.path and section.path[-1][1] != doc.title:
                # a heading with no body before the next one (e.g. a list of country names
                # laid out as headings): keep its words in the next chunk's text
                section.pending_headings.append(section.path[-1][1])
            if heading.text != doc.title:
                section.enter(heading.level, heading.text)
            continue
        assert unit is not None
        if not current:
            current_section = section.name()
        pieces = _split_large(unit, size, overlap) if len(unit.text) > size else [unit]
        for piece in pieces:
            if current and sum(len(u.text) + 1 for u in current) + len(piece.text) > size:
                flush()
                current_section = section.name()
            current.append(piece)
    flush()
    return _finalise(chunks)


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
    return _finalise(chunks)


def _finalise(chunks: list[Chunk]) -> list[Chunk]:
    """Stable ids: source + position + content hash, so unchanged files keep their ids."""
    out = []
    for position, chunk in enumerate(chunks):
        digest = content_hash(chunk.embedding_text())
        out.append(
            Chunk(
                id=f"{chunk.source}#{position}:{digest}",
                text=chunk.text,
                source=chunk.source,
                title=chunk.title,
                section=chunk.section,
                kind=chunk.kind,
                line_start=chunk.line_start,
                line_end=chunk.line_end,
                page_start=chunk.page_start,
                page_end=chunk.page_end,
                hash=digest,
                position=position,
                record_id=chunk.record_id,
            )
        )
    return out
