"""One contract, two databases: the SQLite and PostgreSQL stores must behave alike.

Every test here runs against both backends (``backend`` is parametrised): the index store
(manifest, chunks, keyword search, sentences, records and their versions, pending sources,
answers and feedback, per-version caches), the index generations (rebuild beside, switch,
readers follow, retire) and the job store (queue, claim, lease takeover, racing claimers,
the writer lease, uploads). The PostgreSQL cluster is a throwaway one on loopback
(tests/servers/postgres.py); each test gets its own empty database.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest

from ingest.store.base import DocumentRow, IndexStore, JobStore, SentenceInsert
from ingest.store.generations import Generation, IndexGenerations
from ingest.store.sqlite import SqliteStore
from ingest.store.sqlite_jobs import SqliteJobStore
from ingest.types import ActionRecord, Chunk
from tests.servers.postgres import postgres_server, postgres_url  # noqa: F401

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
PLAN = "plans/digital.md"
LOG = "action-logs/tracker.csv"
Generations = Any  # IndexGenerations | PgGenerations (psycopg may be missing)
K = TypeVar("K")


# --- the two backends -----------------------------------------------------------------------


class Backend:
    """Makes stores of one kind over one database, and closes them after the test."""

    name = ""

    def __init__(self) -> None:
        self._opened: list[Any] = []

    def _keep(self, thing: K) -> K:
        self._opened.append(thing)
        return thing

    def store(self, retention_days: float = 0.0) -> IndexStore:
        """A store on the generation in service (a new instance each call: another process)."""
        return self.following(self.generations(), retention_days)

    def generations(self) -> Generations:
        raise NotImplementedError

    def following(self, generations: Generations, retention_days: float = 0.0) -> IndexStore:
        raise NotImplementedError

    def pinned(self, generation: Generation) -> IndexStore:
        raise NotImplementedError

    def jobs(self) -> JobStore:
        raise NotImplementedError

    def close(self) -> None:
        for thing in reversed(self._opened):
            close = getattr(thing, "close", None)
            if close is not None:
                close()


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.state = folder / "state.sqlite3"

    def store(self, retention_days: float = 0.0) -> IndexStore:
        return self._keep(
            SqliteStore(self.state, self.folder / "index.sqlite3", retention_days=retention_days)
        )

    def generations(self) -> Generations:
        return IndexGenerations(self.folder / "data", "c", self.state)

    def following(self, generations: Generations, retention_days: float = 0.0) -> IndexStore:
        return self._keep(SqliteStore(self.state, generations, retention_days))

    def pinned(self, generation: Generation) -> IndexStore:
        return self._keep(SqliteStore(self.state, generation.sqlite_path))

    def jobs(self) -> JobStore:
        return self._keep(SqliteJobStore(self.state))


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def generations(self) -> Generations:
        from ingest.store.postgres import PgGenerations

        return self._keep(PgGenerations(self.url, "c"))

    def following(self, generations: Generations, retention_days: float = 0.0) -> IndexStore:
        from ingest.store.postgres import PostgresStore

        return self._keep(PostgresStore(self.url, generations, retention_days))

    def pinned(self, generation: Generation) -> IndexStore:
        from ingest.store.postgres import PostgresStore

        return self._keep(PostgresStore(self.url, generation))

    def jobs(self) -> JobStore:
        from ingest.store.postgres import PostgresJobStore

        return self._keep(PostgresJobStore(self.url))


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    made: Backend
    if request.param == "sqlite":
        made = SqliteBackend(tmp_path)
    else:
        made = PostgresBackend(request.getfixturevalue("postgres_url"))
    yield made
    made.close()


# --- small hand-made documents --------------------------------------------------------------


def chunk(
    cid: str,
    text: str,
    source: str = PLAN,
    title: str = "Health plan",
    section: str = "",
    position: int = 0,
    record_id: str | None = None,
) -> Chunk:
    return Chunk(
        id=cid,
        text=text,
        source=source,
        title=title,
        section=section,
        kind="action" if record_id else "plan",
        line_start=position * 10 + 1,
        line_end=position * 10 + 9,
        page_start=1 if source == PLAN else None,
        page_end=2 if source == PLAN else None,
        hash=f"h-{cid}",
        position=position,
        record_id=record_id,
        block_kinds="heading,paragraph",
        structure='{"terms": ["ICS"]}' if position == 0 else "",
    )


def document(source: str, file_hash: str, chunks: int, records: int = 0) -> DocumentRow:
    return DocumentRow(
        origin="upload" if source == LOG else "host-a:/srv/corpus",
        source=source,
        title=source.rsplit("/", 1)[-1],
        kind="action" if source == LOG else "plan",
        file_hash=file_hash,
        chunks=chunks,
        records=records,
        ingested_at=time.time(),
        modified_at=1_700_000_000.0,
    )


def record(rid: str, row: int, status: str = "In progress") -> ActionRecord:
    return ActionRecord(
        id=rid,
        aim="Better care",
        action=f"Action on row {row}",
        status=status,
        owner="Priya Shah",
        rag=None,
        due="Q3 2026",
        source=LOG,
        row=row,
        extra={"Notes": "from the tracker"},
        owners=["Priya Shah"],
        due_date="2026-09-30",
    )


def vector(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(8).astype(np.float32)


PLAN_CHUNKS = [
    chunk("p0", "Our aims for the region.", section="Aims", position=0),
    chunk("p1", "Reduce waiting lists.", section="Aims > Waiting", position=1),
    chunk("p2", "Community hubs open late.", section="Aims > Hubs", position=2),
    chunk("p3", "Money is tight this year.", section="Finance", position=3),
    chunk("p4", "Lists of aims elsewhere.", section="Aimsworth", position=4),
]
PLAN_SENTENCES: list[SentenceInsert] = [
    ("p0", 0, "Our aims for the region.", vector(0).tobytes()),
    ("p1", 1, "Lists fall.", vector(2).tobytes()),
    ("p1", 0, "Reduce waiting lists.", vector(1).tobytes()),
    ("p3", 0, "Money is tight this year.", None),
]
LOG_RECORDS = [record("r2", 3), record("r1", 2, "Done")]
LOG_CHUNKS = [
    chunk("l1", "Action: one", LOG, "Tracker", "", 0, record_id="r1"),
    chunk("l2", "Action: two", LOG, "Tracker", "", 1, record_id="r2"),
]


def ingest_both(store: IndexStore) -> None:
    store.replace_source(document(PLAN, "plan-1", 5), PLAN_CHUNKS, PLAN_SENTENCES, None)
    store.replace_source(document(LOG, "log-1", 2, 2), LOG_CHUNKS, [], LOG_RECORDS)


def eventually(check: Callable[[], bool], within: float = 1.0) -> bool:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# --- the index store ------------------------------------------------------------------------


def test_what_is_written_reads_back(backend: Backend) -> None:
    store = backend.store()
    assert store.documents() == [] and store.chunk_count() == 0
    assert store.index_version() == (0, 0.0)
    ingest_both(store)

    assert [d.source for d in store.documents()] == [LOG, PLAN]
    log, plan = store.documents()
    assert (plan.chunks, plan.kind, plan.origin) == (5, "plan", "host-a:/srv/corpus")
    assert (log.records, log.origin, log.modified_at) == (2, "upload", 1_700_000_000.0)
    assert plan.ingested_at == pytest.approx(time.time(), abs=60)
    assert store.document_hashes() == {PLAN: "plan-1", LOG: "log-1"}
    assert store.chunk_count() == 7
    assert store.chunk_ids() == {c.id for c in PLAN_CHUNKS + LOG_CHUNKS}
    assert store.chunk_ids_for_source(LOG) == {"l1", "l2"}
    assert store.chunks() == LOG_CHUNKS + PLAN_CHUNKS  # by source, then position
    assert sorted(store.chunks(["p3", "p1", "p1", "missing"]), key=lambda c: c.id) == [
        PLAN_CHUNKS[1],
        PLAN_CHUNKS[3],
    ]
    assert store.chunks([]) == []
    assert ("Health plan", "Finance", "Money is tight this year.") in store.chunk_fields()
    assert store.source_chunks(PLAN) == PLAN_CHUNKS
    # A section and its sub-sections, not a section that merely starts with the same letters.
    assert [c.id for c in store.section_chunks(PLAN, "Aims")] == ["p0", "p1", "p2"]
    assert [c.id for c in store.section_chunks(PLAN, "Aims > Hubs")] == ["p2"]
    assert store.section_chunks(LOG, "Aims") == []
    assert store.record_chunks() == {"r1": LOG_CHUNKS[0], "r2": LOG_CHUNKS[1]}
    assert [r.id for r in store.records()] == ["r1", "r2"]  # by source and row
    assert store.records(LOG) == sorted(LOG_RECORDS, key=lambda r: r.row)
    assert store.records(PLAN) == []
    assert store.index_version()[0] == 2


def test_replace_source_swaps_everything_and_delete_removes_it(backend: Backend) -> None:
    store = backend.store()
    ingest_both(store)
    smaller = [chunk("p9", "A new plan.", section="Aims", position=0)]
    store.replace_source(
        document(PLAN, "plan-2", 1), smaller, [("p9", 0, "A new plan.", None)], None
    )
    assert store.source_chunks(PLAN) == smaller
    assert store.sentences(["p0", "p1", "p9"]) == {"p9": [("A new plan.", None)]}
    assert store.document_hashes()[PLAN] == "plan-2"
    assert store.chunk_count() == 3

    store.delete_source(LOG)
    assert store.chunk_ids_for_source(LOG) == set()
    assert store.records() == [] and store.record_chunks() == {}
    assert [d.source for d in store.documents()] == [PLAN]
    assert len(store.record_versions(LOG)) == 1  # history outlives the document

    store.clear()
    assert store.chunk_count() == 0 and store.documents() == []
    assert store.sentences(["p9"]) == {}
    assert len(store.record_versions(LOG)) == 1


def test_a_record_version_is_added_only_when_the_file_changes(backend: Backend) -> None:
    store = backend.store()
    ingest_both(store)
    store.replace_source(document(LOG, "log-1", 2, 2), LOG_CHUNKS, [], LOG_RECORDS)
    assert [v.version for v in store.record_versions(LOG)] == [1]

    changed = [record("r1", 2, "Done"), record("r2", 3, "Done"), record("r3", 4)]
    store.replace_source(document(LOG, "log-2", 2, 3), LOG_CHUNKS, [], changed)
    versions = store.record_versions(LOG)
    assert [(v.version, v.file_hash) for v in versions] == [(1, "log-1"), (2, "log-2")]
    assert versions[0].records == LOG_RECORDS
    assert versions[1].records == changed
    assert store.records(LOG)[1].status == "Done"
    assert store.record_versions(PLAN) == []


def test_keyword_search_ranks_a_title_match_above_a_passing_mention(backend: Backend) -> None:
    store = backend.store()
    filler = "The board met and agreed the budget for community services across the county. "
    chunks = [
        chunk("mention", filler * 3 + "One line notes digital tools.", position=0),
        chunk("title", "Plans for the next three years.", title="Digital strategy", position=1),
        chunk("section", "Training for staff.", section="Digital skills", position=2),
        chunk("none", filler, position=3),
    ]
    store.replace_source(document(PLAN, "h", 4), chunks, [], None)

    hits = store.keyword_search("digital")
    ids = [i for i, _ in hits]
    assert set(ids) == {"title", "section", "mention"}
    assert ids.index("title") < ids.index("mention")
    assert ids.index("section") < ids.index("mention")
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    # Stemmed like the SQLite porter tokenizer; several words are OR-ed.
    assert {i for i, _ in store.keyword_search("trainings")} == {"section"}
    assert {i for i, _ in store.keyword_search("training budget")} == {"section", "mention", "none"}
    assert store.keyword_search("digital", limit=1)[0][0] in {"title", "section"}
    # No query syntax reaches the database, and nothing to search for finds nothing.
    assert store.keyword_search("?!") == []
    assert store.keyword_search("") == []
    for hostile in ['"digital', "digital' OR 1=1 --", "digital & !(x) | :* NEAR(a b)", "digital:*"]:
        assert "title" in {i for i, _ in store.keyword_search(hostile)}


def test_keyword_search_weighs_a_rare_word_above_a_common_one(backend: Backend) -> None:
    """Both stores rank by BM25: a word on every page says little about any of them."""
    store = backend.store()
    chunks = [
        chunk(f"c{n}", f"Innovation work stream {n} for the region.", position=n) for n in range(8)
    ]
    chunks.append(chunk("rare", "Digital services for the region.", position=8))
    chunks.append(chunk("both", "Innovation in digital services for the region.", position=9))
    store.replace_source(document(PLAN, "h", len(chunks)), chunks, [], None)

    ids = [i for i, _ in store.keyword_search("innovation digital")]
    # "innovation" is on 9 of 10 chunks: its weight is all but nil, so the shorter of the two
    # chunks with "digital" comes first.
    assert ids[:2] == ["rare", "both"]
    assert set(ids) == {c.id for c in chunks}


def test_sentences_round_trip_with_their_embeddings(backend: Backend) -> None:
    store = backend.store()
    ingest_both(store)
    got = store.sentences(["p1", "p0", "p3", "l1", "missing"])
    assert set(got) == {"p0", "p1", "p3"}
    assert [text for text, _ in got["p1"]] == ["Reduce waiting lists.", "Lists fall."]  # by idx
    first = got["p1"][0][1]
    assert first is not None and first.dtype == np.float32
    np.testing.assert_array_equal(first, vector(1))
    np.testing.assert_array_equal(got["p0"][0][1], vector(0))
    assert got["p3"] == [("Money is tight this year.", None)]
    assert store.sentences([]) == {}


def test_pending_sources_are_scoped_to_their_generation(backend: Backend) -> None:
    generations = backend.generations()
    first = backend.following(generations)
    first.begin_source(PLAN)
    first.begin_source(LOG)
    first.begin_source(LOG)
    assert sorted(first.pending_sources()) == [LOG, PLAN]
    first.clear_pending(PLAN)
    assert first.pending_sources() == [LOG]
    # The swap keeps the mark: the writer clears it once the old vectors are gone too.
    first.replace_source(document(LOG, "log-1", 2, 2), LOG_CHUNKS, [], LOG_RECORDS)
    first.delete_source(LOG)
    assert first.pending_sources() == [LOG]
    first.clear_pending(LOG)
    assert first.pending_sources() == []

    first.begin_source(PLAN)
    rebuilding = backend.pinned(generations.next())
    assert rebuilding.pending_sources() == []  # the next generation knows nothing of it
    rebuilding.begin_source(LOG)
    assert first.pending_sources() == [PLAN]
    assert rebuilding.pending_sources() == [LOG]


def test_processing_version_belongs_to_one_generation(backend: Backend) -> None:
    generations = backend.generations()
    store = backend.following(generations)
    assert store.processing_version() == 0
    store.set_processing_version(7)
    store.set_processing_version(8)
    assert store.processing_version() == 8
    assert backend.pinned(generations.next()).processing_version() == 0


def test_answers_feedback_and_purge(backend: Backend) -> None:
    store = backend.store()
    store.add_answer("a1", "Who leads it?", "Priya [1]", False, "extractive")
    store.add_answer("a2", "Anything on ponies?", "I don't know.", True, "extractive")
    store.add_answer("a2", "Anything on ponies?", "Still no.", True, "extractive")  # replaced
    stored = store.answer("a1")
    assert stored is not None
    assert (stored["question"], stored["answer"], stored["abstained"], stored["model"]) == (
        "Who leads it?",
        "Priya [1]",
        0,
        "extractive",
    )
    assert stored["created_at"] == pytest.approx(time.time(), abs=60)
    replaced = store.answer("a2")
    assert replaced is not None and replaced["answer"] == "Still no."
    assert store.answer("nope") is None

    first = store.add_feedback("a1", "up", None, "Who leads it?", "Priya [1]", "web")
    second = store.add_feedback("a2", "down", "wrong", None, None, "slack")
    assert second > first > 0
    rows = store.feedback()
    assert [(r["id"], r["rating"], r["comment"], r["surface"]) for r in rows] == [
        (first, "up", None, "web"),
        (second, "down", "wrong", "slack"),
    ]
    assert backend.store().feedback() == rows  # another instance sees the same state

    assert store.purge_conversations(time.time() - 3600) == 0
    assert store.purge_conversations(time.time() + 1) == 4
    assert store.answer("a1") is None and store.feedback() == []


def test_add_answer_purges_conversations_past_the_retention(backend: Backend) -> None:
    store = backend.store(retention_days=0.3 / 86400)  # 0.3 seconds
    store.add_answer("old", "q", "a", False, "extractive")  # first call: the purge is due
    store.add_feedback("old", "down", None, "q", "a", "web")
    time.sleep(0.4)
    store.add_answer("new", "q", "a", False, "extractive")
    assert store.answer("old") is not None  # checked at most hourly
    store._last_purge = 0.0  # type: ignore[attr-defined]  # an hour later
    store.add_answer("newer", "q", "a", False, "extractive")
    assert store.answer("old") is None and store.feedback() == []
    assert store.answer("newer") is not None


def test_per_version_cache_sees_writes_by_another_instance(backend: Backend) -> None:
    reader, writer = backend.store(), backend.store()
    loads: list[int] = []

    def load() -> int:
        loads.append(1)
        return reader.chunk_count()

    ingest_both(writer)
    assert reader.per_version("count", load) == 7
    assert reader.per_version("count", load) == 7
    assert len(loads) == 1
    assert len(reader.records()) == 2

    writer.delete_source(LOG)  # another process: only index_version() can tell
    assert reader.per_version("count", load) == 5
    assert len(loads) == 2
    assert reader.records() == []
    time.sleep(0.01)  # a later ingest time
    writer.replace_source(document(LOG, "log-2", 2, 2), LOG_CHUNKS, [], LOG_RECORDS)
    assert reader.per_version("count", load) == 7
    assert len(reader.records()) == 2
    assert reader.record_chunks().keys() == {"r1", "r2"}


# --- generations ----------------------------------------------------------------------------


def test_a_rebuild_is_switched_to_and_readers_follow(backend: Backend) -> None:
    writer_gens, reader_gens = backend.generations(), backend.generations()
    reader = backend.following(reader_gens)
    assert reader_gens.current().number == 1
    assert reader_gens.current().collection == "c-g1"
    backend.following(writer_gens).replace_source(
        document(PLAN, "plan-1", 5), PLAN_CHUNKS, PLAN_SENTENCES, None
    )
    assert reader.chunk_count() == 5
    assert reader.keyword_search("hubs")[0][0] == "p2"

    generation = writer_gens.next()
    assert (generation.number, generation.collection) == (2, "c-g2")
    rebuilding = backend.pinned(generation)
    rebuilding.replace_source(document(LOG, "log-1", 2, 2), LOG_CHUNKS, [], LOG_RECORDS)
    assert reader.chunk_count() == 5  # still the generation in service
    assert writer_gens.next().number == 3  # the one being built counts as started

    writer_gens.switch(generation)
    assert writer_gens.current() == generation
    assert eventually(lambda: reader.chunk_ids() == {"l1", "l2"}, within=1.0)
    assert reader.records(LOG) == sorted(LOG_RECORDS, key=lambda r: r.row)
    assert reader.keyword_search("hubs") == []
    assert reader.record_versions(LOG)[0].version == 1  # state is shared by generations


def test_retire_drops_old_and_abandoned_generations(backend: Backend) -> None:
    generations = backend.generations()
    for number in (1, 2):
        store = backend.pinned(generations.make(number))
        store.replace_source(document(PLAN, f"plan-{number}", 5), PLAN_CHUNKS, [], None)
    generations.switch(generations.make(2))
    backend.pinned(generations.next())  # generation 3: a rebuild killed before its switch
    assert generations.numbers() == [1, 2, 3]

    dropped: list[str] = []
    assert generations.retire(dropped.append) == [3]  # 1 is kept: readers may still use it
    assert dropped == ["c-g3"]
    assert generations.numbers() == [1, 2]
    assert generations.retire(dropped.append, keep_previous=False) == [1]
    assert dropped == ["c-g3", "c-g1"]
    assert generations.numbers() == [2]
    assert backend.following(generations).document_hashes() == {PLAN: "plan-2"}
    assert generations.next().number == 3


# --- the job store --------------------------------------------------------------------------


def test_a_job_is_submitted_claimed_reported_and_finished(backend: Backend) -> None:
    jobs = backend.jobs()
    job = jobs.submit_job("j1", "upload", False, [("uploads/a.md", b"# A"), ("uploads/b.md", b"B")])
    assert (job.id, job.mode, job.rebuild, job.state) == ("j1", "upload", False, "queued")
    assert job.files == ["uploads/a.md", "uploads/b.md"]
    assert job.created_at == pytest.approx(time.time(), abs=60)
    assert jobs.job("j1") == job
    assert jobs.job("nope") is None

    claimed = jobs.claim_job("w1", lease_s=60)
    assert claimed is not None
    assert (claimed.id, claimed.state, claimed.worker, claimed.attempts) == (
        "j1",
        "running",
        "w1",
        1,
    )
    assert claimed.started_at is not None and claimed.heartbeat_at is not None
    assert jobs.claim_job("w2", lease_s=60) is None  # nothing queued, w1 is alive

    assert jobs.job_progress("j1", "w1", total=2)
    assert jobs.job_progress("j1", "w1", source="uploads/a.md", outcome="ingested")
    assert jobs.job_progress("j1", "w1", source="uploads/b.md", outcome="ingested")
    assert not jobs.job_progress("j1", "w2", total=5)  # not w2's job
    progress = jobs.job("j1")
    assert progress is not None
    assert (progress.total, progress.processed, progress.current) == (2, 2, "uploads/b.md")
    assert progress.outcomes == {"ingested": 2}

    jobs.finish_job("j1", "w1", "done", report={"ingested": 2, "failed": []})
    done = jobs.job("j1")
    assert done is not None and done.state == "done"
    assert done.report == {"ingested": 2, "failed": []} and done.finished_at is not None
    assert not jobs.job_progress("j1", "w1", total=3)  # finished: no more progress

    corpus = jobs.submit_job("j2", "corpus", True, [])
    assert corpus.files == [] and corpus.rebuild is True
    claimed = jobs.claim_job("w1", lease_s=60)
    assert claimed is not None and claimed.id == "j2"
    jobs.finish_job("j2", "w1", "failed", error="disk full")
    failed = jobs.job("j2")
    assert failed is not None and (failed.state, failed.error) == ("failed", "disk full")


def test_a_job_whose_worker_went_silent_is_taken_over(backend: Backend) -> None:
    jobs = backend.jobs()
    jobs.submit_job("j1", "corpus", False, [])
    first = jobs.claim_job("w1", lease_s=0.5)
    assert first is not None and first.worker == "w1"
    assert jobs.claim_job("w2", lease_s=0.5) is None  # w1 was heard from just now
    time.sleep(0.7)  # w1 dies: no heartbeat

    second = jobs.claim_job("w2", lease_s=0.5)
    assert second is not None
    assert (second.id, second.worker, second.attempts, second.processed) == ("j1", "w2", 2, 0)
    assert not jobs.job_progress("j1", "w1", source="x", outcome="ingested")  # w1 must stop
    jobs.finish_job("j1", "w1", "failed", error="late")  # ignored: no longer w1's
    current = jobs.job("j1")
    assert current is not None and (current.state, current.worker) == ("running", "w2")
    assert jobs.job_progress("j1", "w2", total=1)  # the heartbeat keeps it w2's
    assert jobs.claim_job("w3", lease_s=0.5) is None


def test_racing_claimers_never_take_the_same_job(backend: Backend) -> None:
    count, workers = 24, 6
    setup = backend.jobs()
    for n in range(count):
        setup.submit_job(f"j{n:02d}", "corpus", False, [])
    stores = [backend.jobs() for _ in range(workers)]  # one connection each: hosts
    start = threading.Barrier(workers)
    taken: dict[str, list[str]] = {f"w{i}": [] for i in range(workers)}
    errors: list[BaseException] = []

    def claim(index: int) -> None:
        name = f"w{index}"
        try:
            start.wait()
            misses = 0
            while misses < 3:  # a claim that lost a race may find nothing: try again
                job = stores[index].claim_job(name, lease_s=60)
                if job is None:
                    misses += 1
                    continue
                taken[name].append(job.id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    claimed = [job for jobs in taken.values() for job in jobs]
    assert sorted(claimed) == [f"j{n:02d}" for n in range(count)]  # each exactly once
    for name, ids in taken.items():
        for job_id in ids:
            row = setup.job(job_id)
            assert row is not None and (row.worker, row.attempts) == (name, 1)


def test_the_writer_lease_is_exclusive_and_expires(backend: Backend) -> None:
    jobs, other_host = backend.jobs(), backend.jobs()
    assert jobs.writer() is None
    assert jobs.acquire_writer("w1", lease_s=0.5)
    assert not other_host.acquire_writer("w2", lease_s=0.5)
    held = other_host.writer()
    assert held is not None and held[0] == "w1" and held[1] > time.time()
    assert jobs.acquire_writer("w1", lease_s=0.5)  # renewed
    other_host.release_writer("w2")  # not w2's to release
    assert jobs.writer() is not None

    time.sleep(0.7)  # w1 stopped renewing
    assert jobs.writer() is None
    assert other_host.acquire_writer("w2", lease_s=30)
    assert not jobs.acquire_writer("w1", lease_s=30)
    other_host.release_writer("w2")
    assert jobs.writer() is None
    assert jobs.acquire_writer("w1", lease_s=30)


def test_one_of_several_racing_writers_gets_the_lease(backend: Backend) -> None:
    hosts = [backend.jobs() for _ in range(6)]
    start = threading.Barrier(len(hosts))
    won: list[str] = []

    def acquire(index: int) -> None:
        start.wait()
        if hosts[index].acquire_writer(f"w{index}", lease_s=30):
            won.append(f"w{index}")

    threads = [threading.Thread(target=acquire, args=(i,)) for i in range(len(hosts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(won) == 1
    held = hosts[0].writer()
    assert held is not None and held[0] == won[0]


def test_uploads_are_stored_and_replaced(backend: Backend) -> None:
    jobs = backend.jobs()
    assert jobs.uploads() == []
    jobs.submit_job("j1", "upload", False, [("uploads/a.md", b"one")])
    binary = bytes(range(256))
    jobs.submit_job("j2", "upload", False, [("uploads/a.md", b"two"), ("uploads/b.xlsx", binary)])
    uploads = jobs.uploads()
    assert [(u.source, u.content) for u in uploads] == [
        ("uploads/a.md", b"two"),
        ("uploads/b.xlsx", binary),
    ]
    assert uploads[0].sha256 == hashlib.sha256(b"two").hexdigest()
    assert uploads[0].created_at == pytest.approx(time.time(), abs=60)
    assert backend.jobs().uploads() == uploads


# --- PostgreSQL only ------------------------------------------------------------------------


def test_a_bad_database_url_names_the_setting_not_the_password(postgres_url: str) -> None:  # noqa: F811
    from ingest.store.postgres import DatabaseUnavailable, PostgresJobStore

    with pytest.raises(DatabaseUnavailable) as caught:
        PostgresJobStore("postgresql://app:s3cret-pw@127.0.0.1:1/assistant")
    message = str(caught.value)
    assert "ASSISTANT_DATABASE_URL" in message and "127.0.0.1:1/assistant" in message
    assert "s3cret-pw" not in message


STARTUP = """
import sys
from ingest.store.postgres import PgGenerations, PostgresJobStore, PostgresStore
url = sys.argv[1]
generations = PgGenerations(url, "c")
store = PostgresStore(url, generations)
PostgresJobStore(url).writer()
store.begin_source(sys.argv[2])
print(generations.current().number)
"""


def test_processes_starting_at_once_make_the_schema_once(postgres_url: str) -> None:  # noqa: F811
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", STARTUP, postgres_url, f"doc-{n}"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert out.strip() == "1"
    backend = PostgresBackend(postgres_url)
    try:
        assert sorted(backend.store().pending_sources()) == [f"doc-{n}" for n in range(4)]
    finally:
        backend.close()
