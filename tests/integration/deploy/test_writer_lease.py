"""``assistant ingest`` and the writer lease: a queued ingest never waits for a writer that
is gone (a crashed CLI or worker still named in the lease until it runs out)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from deployment import base_env, run_cli

from ingest.store.sqlite_jobs import SqliteJobStore

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
PLAN = "plans/lsc-research-innovation-plan-2024-2027.txt"


def test_a_cli_ingest_queued_behind_a_dead_writer_runs_itself(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "plans").mkdir(parents=True)
    shutil.copy(REPO / "corpus" / PLAN, corpus / PLAN)
    env = base_env(tmp_path / "data", corpus, "http://127.0.0.1:9/api/", ASSISTANT_JOB_LEASE_S="2")
    jobs = SqliteJobStore(tmp_path / "data" / "assistant.sqlite3")
    # a writer that died: its lease outlives the CLI's start-up, then runs out (never renewed)
    assert jobs.acquire_writer("crashed-host:4242:abcdef", 15.0)

    result = run_cli(env, "ingest", "--json", timeout=240)
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())  # rich wraps lines at the terminal width
    assert "queuing this ingest as a job" in said
    assert "running the job here" in said
    assert json.loads(result.stdout)["ingested"] == [PLAN]
    assert jobs.writer() is None  # released when done
