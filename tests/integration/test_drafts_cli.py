"""``assistant draft`` end to end over a real SQLite index (records written without embedding,
since drafting reads only records)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import draft_cmd  # noqa: F401  (registers the command)
from assistant.cli.app import app
from ingest.actionlog import parse_action_log
from ingest.store.sqlite import DocumentRow, SqliteStore

pytestmark = pytest.mark.integration

LOG = (
    Path(__file__).resolve().parents[2]
    / "corpus/action-logs/lancashire-innovation-action-agenda.txt"
)
SOURCE = "action-logs/lancashire-innovation-action-agenda.txt"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "data"
    store = SqliteStore(folder / "assistant.sqlite3")
    records = parse_action_log(LOG.read_text(encoding="utf-8"), SOURCE)
    now = time.time()
    row = DocumentRow(SOURCE, "Action agenda", "action", "h1", 0, len(records), now, now)
    store.replace_source(row, [], [], records)
    store.close()
    return folder


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["draft", *args], env={"ASSISTANT_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    )
    return result.exit_code, result.stdout, result.stderr


def test_markdown_draft_for_an_aim(data_dir: Path) -> None:
    code, out, _ = run(data_dir, "--aim", "Letting the World Know")
    assert code == 0
    assert out.startswith("# Progress update: Strategic Aim 5 'Letting the World Know!'")
    assert "## Stalled or at risk" in out and "[row 27]" in out
    assert f"Source: `{SOURCE}`" in out


def test_json_and_slack(data_dir: Path) -> None:
    code, out, _ = run(data_dir, "--owner", "Matt", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["row"] for r in data["records"]] == [4, 8, 11, 13, 15, 20, 24, 29, 31]
    assert {"status_class", "evidence", "citation"} <= set(data["records"][0])
    assert data["markdown"].startswith("# Progress update: owner Matt")
    code, out, _ = run(data_dir, "--status", "stalled", "--format", "slack")
    assert code == 0
    message = json.loads(out)
    assert message["blocks"][0]["type"] == "header" and message["text"]


def test_no_match_lists_the_closest_names_and_exits_2(data_dir: Path) -> None:
    code, out, err = run(data_dir, "--owner", "Matthew")
    assert code == 2 and out == ""
    assert "No owner matches 'Matthew'." in err
    assert "Closest owners: Matt" in err
    code, _, err = run(data_dir, "--aim", "aim 4")
    assert code == 2 and "Closest aims: Strategic Aim" in err


def test_since_takes_a_date(data_dir: Path) -> None:
    code, out, _ = run(data_dir, "--aim", "governance", "--since", "2021-01-01")
    assert code == 0
    assert "## What changed since 1 January 2021" in out
    assert "No earlier version of" in out


def test_empty_index_says_to_ingest(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "empty")
    assert code == 1
    assert "assistant ingest" in err
