"""Draft dates: out-of-range ``since`` is a clear error on every surface; times carry a zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from assistant.cli import draft_cmd  # noqa: F401  (registers the command)
from assistant.cli.app import app
from assistant.drafts import DraftRequest
from assistant.drafts.changes import change_report
from ingest.store.sqlite import DocumentRow, RecordVersion
from ingest.types import ActionRecord

SOURCE = "action-logs/log.txt"


@pytest.mark.parametrize("since", [date(1, 1, 1), date(1969, 12, 31), date(9999, 12, 31)])
def test_since_out_of_range_is_refused(since: date) -> None:
    with pytest.raises(ValidationError) as refused:
        DraftRequest(since=since)
    assert "from 1970-01-01 to 9999-12-30" in str(refused.value)


def test_since_in_range_is_kept() -> None:
    assert DraftRequest(since=date(1970, 1, 1)).since == date(1970, 1, 1)
    assert DraftRequest(since=date(9999, 12, 30)).since == date(9999, 12, 30)


def test_cli_says_which_option_is_wrong(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["draft", "--since", "0001-01-01"],
        env={"ASSISTANT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"},
    )
    assert result.exit_code == 2, result.output
    assert "--since" in result.stderr and "1970-01-01" in result.stderr


@dataclass
class Store:
    versions: list[RecordVersion]

    def records(self, source: str | None = None) -> list[ActionRecord]:
        return []

    def record_versions(self, source: str) -> list[RecordVersion]:
        return self.versions

    def documents(self) -> list[DocumentRow]:
        stamp = datetime(2021, 2, 10, 9).timestamp()
        return [DocumentRow(SOURCE, "Log", "action", "h2", 0, 0, stamp, stamp)]


def test_baseline_ingested_at_has_a_time_zone() -> None:
    stamp = datetime(2021, 1, 10, 9).timestamp()
    store = Store([RecordVersion(SOURCE, 1, "h1", stamp, [])])
    report = change_report(store, [SOURCE], lambda r: True, lambda r: "", None)
    assert report.baseline_ingested_at is not None
    assert report.baseline_ingested_at.utcoffset() is not None
    assert report.baseline_ingested_at.timestamp() == stamp
    assert report.model_dump(mode="json")["baseline_ingested_at"].endswith("Z")
