"""A loaded file made ready to embed: records parsed, chunks cut, sentences split.

No model is needed, so this runs in the isolated parse worker (:mod:`ingest.isolation`)
beside :func:`ingest.loaders.load_file`; it imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ingest.actionlog import parse_action_log
from ingest.chunking import chunk_document, chunk_records, finalise_chunks
from ingest.document_model import mark_glossary
from ingest.loaders import LoadError
from ingest.records import enrich
from ingest.sentences import in_context, split_sentences
from ingest.tabular import read_sheet, sheet_blocks
from ingest.types import ActionRecord, Block, Chunk, LoadedDocument


@dataclass
class PreparedFile:
    """A file parsed and chunked, ready to embed."""

    document: LoadedDocument
    chunks: list[Chunk]
    records: list[ActionRecord] | None
    sentences: list[tuple[str, int, str]]
    warnings: list[str] = field(default_factory=list)

    def sentence_embedding_texts(self) -> list[str]:
        """The sentences as embedded: each read with the subject it goes on about from the
        sentence before it in its chunk (:func:`~ingest.sentences.in_context`), a footnote's
        with the place that cites it (:meth:`~ingest.types.Chunk.footnote_anchors`)."""
        texts: list[str] = []
        chunk_sentences: list[str] = []
        chunks = {chunk.id: chunk for chunk in self.chunks}
        for position, (chunk_id, _, sentence) in enumerate(self.sentences):
            chunk_sentences.append(sentence)
            following = (
                self.sentences[position + 1][0] if position + 1 < len(self.sentences) else None
            )
            if following != chunk_id:
                texts.extend(in_context(chunk_sentences, chunks[chunk_id].footnote_anchors()))
                chunk_sentences = []
        return texts


def prepare(document: LoadedDocument, chunk_size: int, overlap: int) -> PreparedFile:
    """Parse action logs into records, chunk everything, split sentences (no model needed)."""
    records: list[ActionRecord] | None = None
    warnings: list[str] = []
    chunks: list[Chunk] = []
    if document.sheets is not None:
        records, chunks, warnings = _prepare_sheets(document, chunk_size, overlap)
    elif document.kind == "action":
        records = parse_action_log(document.raw_text, document.source)
    if records is not None:
        records = [enrich(r) for r in records]
        chunks = finalise_chunks(chunk_records(document, records) + chunks)
    elif not chunks:
        chunks = chunk_document(document, chunk_size, overlap)
    if not chunks:
        raise LoadError(document.source, "nothing to index after parsing")
    sentences = [
        (chunk.id, index, sentence)
        for chunk in chunks
        for index, sentence in enumerate(split_sentences(chunk.text))
    ]
    return PreparedFile(document, chunks, records, sentences, warnings)


def _prepare_sheets(
    document: LoadedDocument, chunk_size: int, overlap: int
) -> tuple[list[ActionRecord] | None, list[Chunk], list[str]]:
    """Tracker sheets become records; every other sheet is chunked as a table, row by row.

    The summary names a tracker's columns that stay unmapped, and a spreadsheet in which no
    sheet reads as a tracker, so a user learns why "which actions are red?" finds nothing.
    """
    sheets = document.sheets or []
    several = len(sheets) > 1
    parses = [read_sheet(sheet, document.source, several) for sheet in sheets]
    records: list[ActionRecord] = []
    table_blocks: list[Block] = []
    warnings: list[str] = []
    for parse in parses:
        where = f"{document.source} [{parse.sheet.name}]" if several else document.source
        if parse.tracker is not None:
            records.extend(parse.tracker.records)
            if parse.tracker.unmapped_columns:
                warnings.append(
                    f"{where}: columns kept but not mapped: "
                    + ", ".join(parse.tracker.unmapped_columns)
                )
            continue
        table_blocks.extend(sheet_blocks(parse, several))
    trackers = [p for p in parses if p.tracker is not None]
    if trackers:
        document.kind = "action"
        title = next((p.title for p in trackers if 4 <= len(p.title) <= 120), "")
        document.title = title or document.title
    elif parses:
        warnings.append(
            f"{document.source}: no sheet reads as an action tracker (no header row naming an "
            "action column and a status, owner, RAG or due column); indexed as a table"
        )
    chunks: list[Chunk] = []
    if table_blocks:
        tables = replace(document, blocks=mark_glossary(table_blocks), kind="plan")
        chunks = chunk_document(tables, chunk_size, overlap)
    return (records or None), chunks, warnings
