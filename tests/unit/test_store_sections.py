"""The store reads one section (and its sub-sections) and a cheap index version, so answering
never scans the whole chunk table per question."""

from __future__ import annotations

from pathlib import Path

from ingest.store.sqlite import DocumentRow, SqliteStore
from ingest.types import ActionRecord, Chunk


def _chunk(position: int, section: str, source: str = "plans/a.txt") -> Chunk:
    return Chunk(
        id=f"{source}#{position}", text=f"text {position}", source=source, title="A",
        section=section, kind="plan", line_start=position, line_end=position, position=position,
    )  # fmt: skip


def test_section_chunks_and_index_version(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.sqlite3")
    assert store.index_version() == (0, 0.0)
    chunks = [
        _chunk(0, "Spectrum"),
        _chunk(1, "Spectrum > Inform"),
        _chunk(2, "Spectrum > Listen > Detail"),
        _chunk(3, "Spectrumless"),  # shares the prefix, is not a sub-section
        _chunk(4, "Other"),
    ]
    store.replace_source(
        DocumentRow("plans/a.txt", "A", "plan", "h", 5, 0, 10.0, 1.0), chunks, [], None
    )
    other = [_chunk(0, "Spectrum", source="plans/b.txt")]
    store.replace_source(
        DocumentRow("plans/b.txt", "B", "plan", "h", 1, 0, 20.0, 1.0), other, [], None
    )

    got = store.section_chunks("plans/a.txt", "Spectrum")
    assert [c.section for c in got] == [
        "Spectrum",
        "Spectrum > Inform",
        "Spectrum > Listen > Detail",
    ]
    assert store.index_version() == (2, 20.0)


def _record(owner: str) -> ActionRecord:
    return ActionRecord(
        id="r1", aim="Aim 1", action="Do a thing", status="Underway", owner=owner, rag=None,
        due=None, source="action-logs/a.txt", row=3,
    )  # fmt: skip


def test_records_are_reread_after_the_index_changes(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.sqlite3")
    row = DocumentRow("action-logs/a.txt", "A", "action", "h1", 0, 1, 10.0, 1.0)
    store.replace_source(row, [], [], [_record("Maya")])
    assert [r.owner for r in store.records()] == ["Maya"]
    store.replace_source(row, [], [], [_record("Matt")])  # same ingest time: the write clears
    assert [r.owner for r in store.records()] == ["Matt"]
    other = SqliteStore(tmp_path / "s.sqlite3")  # another process's view of the same file
    later = DocumentRow("action-logs/a.txt", "A", "action", "h2", 0, 1, 20.0, 1.0)
    other.replace_source(later, [], [], [_record("Andy")])
    assert [r.owner for r in store.records()] == ["Andy"]


def test_an_index_from_before_block_structure_gains_the_columns_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE chunks (id TEXT PRIMARY KEY, source TEXT NOT NULL, position INTEGER NOT NULL,"
        " text TEXT NOT NULL, title TEXT NOT NULL, section TEXT NOT NULL, kind TEXT NOT NULL,"
        " line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, page_start INTEGER,"
        " page_end INTEGER, hash TEXT NOT NULL, record_id TEXT)"
    )
    old.execute(
        "INSERT INTO chunks VALUES "
        "('a#0', 'plans/a.txt', 0, 'old', 'A', 'S', 'plan', 1, 1, NULL, NULL, 'h', NULL)"
    )
    old.commit()
    old.close()
    store = SqliteStore(path)
    (kept,) = store.section_chunks("plans/a.txt", "S")
    assert (kept.text, kept.block_kinds, kept.structure) == ("old", "", "")
    typed = Chunk(
        id="b#0", text="Term\tMeaning\nPAT\tPersonal Academic Tutor", source="plans/b.txt",
        title="B", section="Glossary", kind="plan", line_start=1, line_end=2,
        block_kinds="table_row,glossary", structure='{"term": ["PAT"]}',
    )  # fmt: skip
    store.replace_source(
        DocumentRow("plans/b.txt", "B", "plan", "h", 1, 0, 1.0, 1.0), [typed], [], None
    )
    (read,) = store.section_chunks("plans/b.txt", "Glossary")
    assert (read.block_kinds, read.structure) == ("table_row,glossary", '{"term": ["PAT"]}')
