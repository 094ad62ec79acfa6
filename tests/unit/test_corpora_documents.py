"""The document model over the development corpora, checked against each corpus's truth.yaml
(written by hand, by someone who never saw this code): table cells found by row label × column
header, glossary entries, signatures and footnotes typed, no running header or footer left in
any chunk."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.loaders import load_file
from ingest.pipeline import prepare
from ingest.types import Chunk

CORPORA = Path(__file__).resolve().parents[2] / "evals" / "corpora"


def _norm(text: str) -> str:
    return " ".join(text.replace("**", "").split()).casefold()


@cache
def _chunks(corpus: str, file: str) -> tuple[Chunk, ...]:
    documents = CORPORA / corpus / "documents"
    return tuple(prepare(load_file(documents / file, documents), 900, 120).chunks)


def _truth_items(key: str) -> list[tuple[str, dict[str, Any]]]:
    items = []
    for truth_file in sorted(CORPORA.glob("*/truth.yaml")):
        truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
        items += [(truth_file.parent.name, item) for item in truth.get(key) or []]
    return items


def _structure(chunk: Chunk) -> dict[str, list[str]]:
    return json.loads(chunk.structure) if chunk.structure else {}


def _cell(chunks: tuple[Chunk, ...], row: str, column: str) -> str | None:
    """The cell under the header cell ``column`` in the row one of whose cells is ``row`` (the
    label need not be the first cell: "Goal | Measure | …" rows are named by their measure).
    Rows line up with their header from the left (a row may end early: empty last cells)."""
    for chunk in chunks:
        headers = [h.split("\t") for h in _structure(chunk).get("table_header", [])]
        for line in chunk.text.split("\n"):
            cells = line.split("\t")
            if line in _structure(chunk).get("table_header", []):
                continue
            if len(cells) < 2 or not any(_norm(c).startswith(_norm(row)) for c in cells):
                continue
            for header in headers:
                names = [_norm(h) for h in header]
                if _norm(column) in names and len(cells) <= len(header):
                    index = names.index(_norm(column))
                    return cells[index] if index < len(cells) else None
    return None


@pytest.mark.parametrize(
    ("corpus", "cell"),
    _truth_items("tables"),
    ids=lambda v: v["row"][:30] + "×" + v["column"][:20] if isinstance(v, dict) else v,
)
def test_table_cells_are_found_by_row_and_column(corpus: str, cell: dict[str, Any]) -> None:
    found = _cell(_chunks(corpus, cell["file"]), cell["row"], cell["column"])
    assert found is not None and _norm(found) == _norm(cell["value"]), found


@pytest.mark.parametrize(("corpus", "entry"), _truth_items("glossary"), ids=lambda v: str(v)[:40])
def test_glossary_entries_are_typed(corpus: str, entry: dict[str, Any]) -> None:
    terms = [
        _norm(t)
        for chunk in _chunks(corpus, entry["file"])
        if "glossary" in chunk.block_kinds
        for t in _structure(chunk).get("term", [])
    ]
    assert _norm(entry["term"]) in terms


@pytest.mark.parametrize(("corpus", "entry"), _truth_items("signatures"), ids=lambda v: str(v)[:40])
def test_signatures_are_typed_with_name_and_role(corpus: str, entry: dict[str, Any]) -> None:
    found = [
        (_structure(c).get("name", []), _structure(c).get("role", []))
        for c in _chunks(corpus, entry["file"])
        if "signature" in c.block_kinds
    ]
    assert any(
        _norm(entry["name"]) in map(_norm, names)
        and any(_norm(r).startswith(_norm(entry["role"])) for r in roles)
        for names, roles in found
    ), found


@pytest.mark.parametrize(("corpus", "note"), _truth_items("footnotes"), ids=lambda v: str(v)[:40])
def test_footnotes_are_typed_with_their_marker(corpus: str, note: dict[str, Any]) -> None:
    chunks = [
        c
        for c in _chunks(corpus, note["file"])
        if "footnote" in c.block_kinds and str(note["marker"]) in _structure(c).get("marker", [])
    ]
    assert any(_norm(note["text_starts"]) in _norm(c.text) for c in chunks)


def test_no_running_header_or_footer_is_left_in_any_chunk() -> None:
    for truth_file in sorted(CORPORA.glob("*/truth.yaml")):
        truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
        running = [_norm(line) for line in truth.get("running_lines") or []]
        documents = truth_file.parent / "documents"
        for path in sorted(p for p in documents.rglob("*") if p.suffix in {".pdf", ".docx"}):
            source = path.relative_to(documents).as_posix()
            for chunk in _chunks(truth_file.parent.name, source):
                text = _norm(chunk.text)
                assert not [line for line in running if line in text], (source, chunk.text[:200])
