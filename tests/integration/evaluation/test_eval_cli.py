"""`assistant eval` end to end on the smoke suite over the session-ingested corpus: the four
reports exist and parse, junit is valid XML, and exit codes mean what they say (0 pass,
1 threshold or regression, 2 harness error), including a regression caught when the retriever
is deliberately broken."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app, eval_cmd
from assistant.components import build_components
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.embeddings import SentenceTransformerEmbeddings

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
SMOKE = REPO / "evals" / "suites" / "smoke.yaml"


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("evals")


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch,
    indexed_data_dir: Path,
    shared_embeddings: SentenceTransformerEmbeddings,
    corpus_dir: Path,
) -> Iterator[CliRunner]:
    """The real CLI, configured through ASSISTANT_* like a user would, reusing the loaded model."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(indexed_data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus_dir))
    monkeypatch.setenv("ASSISTANT_PROMPTS_DIR", str(REPO / "prompts"))
    monkeypatch.delenv("ASSISTANT_ANSWERER", raising=False)

    def make(settings: Settings) -> Any:
        return build_components(settings, shared_embeddings)

    monkeypatch.setattr(eval_cmd, "make_components", make)
    yield CliRunner()


def run(cli: CliRunner, *args: str) -> Any:
    return cli.invoke(app, ["eval", *args], catch_exceptions=False)


def test_smoke_run_writes_four_reports(cli: CliRunner, work: Path) -> None:
    out = work / "first"
    result = run(cli, str(SMOKE), "--report", str(out), "--cache-dir", str(work / "cache"))
    assert result.exit_code in (0, 1), result.output
    report = json.loads((out / "report.json").read_text())
    assert report["cases_total"] == 12
    assert result.exit_code == report["exit_code"]
    failed_thresholds = [t for t in report["thresholds"] if not t["passed"]]
    assert (result.exit_code == 1) == bool(failed_thresholds)
    assert {"hybrid+rescore", "langchain-naive@4", "bm25", "vector"} <= set(report["ablation"])
    case = next(c for c in report["cases"] if c["id"] == "smoke-warton-mobility")
    assert case["retrieved"] and "hit_at_1" in case["metrics"]
    markdown = (out / "report.md").read_text()
    assert "## Headline" in markdown and "## Retrieval ablation and baselines" in markdown
    assert "data:image/png;base64," in (out / "report.html").read_text()
    root = ET.parse(out / "junit.xml").getroot()
    assert root.tag == "testsuites" and int(root.get("tests", "0")) >= 12
    assert "Headline" in result.output


def test_exit_codes_follow_thresholds(cli: CliRunner, work: Path) -> None:
    cache = ["--cache-dir", str(work / "cache"), "--no-ablation"]
    strict = work / "strict.yaml"
    strict.write_text("smoke.yaml:\n  citation_validity: 1.01\n")
    lax = work / "lax.yaml"
    lax.write_text("smoke.yaml:\n  citation_validity: 0.0\n")
    assert run(cli, str(SMOKE), "--thresholds", str(strict), *cache).exit_code == 1
    assert run(cli, str(SMOKE), "--thresholds", str(lax), *cache).exit_code == 0


def test_harness_errors_exit_2(cli: CliRunner, work: Path) -> None:
    assert run(cli, str(work / "missing.yaml")).exit_code == 2
    bad = work / "bad.yaml"
    bad.write_text("- {id: x, question: q, answerable: maybe}\n")
    assert run(cli, str(bad)).exit_code == 2
    assert run(cli, str(SMOKE), "--answerer", "nonsense").exit_code == 2
    junk = work / "junk.json"
    junk.write_text("[]")
    assert (
        run(
            cli,
            str(SMOKE),
            "--baseline",
            str(junk),
            "--no-ablation",
            "--cache-dir",
            str(work / "cache"),
        ).exit_code
        == 2
    )
    assert run(cli).exit_code == 2


def test_broken_retriever_is_a_regression(
    cli: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = work / "first" / "baseline.json"
    if not baseline.is_file():  # run alone: make the baseline first
        run(
            cli,
            str(SMOKE),
            "--report",
            str(work / "first"),
            "--no-ablation",
            "--cache-dir",
            str(work / "cache"),
        )
    lax = work / "lax-all.yaml"
    lax.write_text("{}\n")
    same = run(
        cli,
        str(SMOKE),
        "--baseline",
        str(baseline),
        "--thresholds",
        str(lax),
        "--no-ablation",
        "--cache-dir",
        str(work / "cache"),
    )
    assert same.exit_code == 0, same.output

    original = Assistant.retrieve

    def broken(
        self: Assistant,
        question: str,
        history: Any = None,
        filters: Any = None,
        mode: Any = "hybrid+rescore",
        k: int | None = None,
        answerer: Any = None,
    ) -> Any:
        """Ignores the question and retrieves for a fixed unrelated one: what a retriever that
        lost its query (a wiring bug) does."""
        return original(self, "board of officers governance", history, filters, mode, k, answerer)

    monkeypatch.setattr(Assistant, "retrieve", broken)
    out = work / "broken"
    result = run(
        cli,
        str(SMOKE),
        "--baseline",
        str(baseline),
        "--thresholds",
        str(lax),
        "--report",
        str(out),
        "--no-ablation",
        "--no-cache",
    )
    assert result.exit_code == 1, result.output
    report = json.loads((out / "report.json").read_text())
    regressed = {d["metric"] for d in report["regression"]["deltas"] if d["regressed"]}
    assert "hit_at_1" in regressed
    assert report["regression"]["newly_failing"] or "context_recall_at_5" in regressed
    assert "REGRESSED" in (out / "report.md").read_text()


def test_a_suite_over_another_corpus_is_scored_on_an_index_of_its_own(
    cli: CliRunner, work: Path, indexed_data_dir: Path
) -> None:
    """A suite naming its corpus ingests that corpus beside (not into) the main index and
    cites its files; suites over different corpora are refused as one run."""
    corpus = work / "org" / "documents"
    (corpus / "trackers").mkdir(parents=True)
    (corpus / "plan.md").write_text(
        "# Harbour Plan\n\n## Funding\n\nThe harbour wall repair costs £2.4m over two years.\n",
        encoding="utf-8",
    )
    (corpus / "trackers" / "actions.csv").write_text(
        "Ref;Task;Lead;Status\nH1;Repair the harbour wall;Ana Costa;On track\n", encoding="utf-8"
    )
    suite = work / "org" / "questions.yaml"
    suite.write_text(
        "corpus: documents\n"
        "cases:\n"
        "  - id: org-wall-cost\n"
        "    question: How much will the harbour wall repair cost?\n"
        "    answerable: true\n"
        "    required_facts: [{any_of: ['£2.4m']}]\n"
        "    gold_sources: [plan.md]\n"
        "    gold_spans: ['The harbour wall repair costs £2.4m']\n"
        "    tags: [money]\n"
        "  - id: org-wall-lead\n"
        "    question: Who leads the harbour wall repair?\n"
        "    answerable: true\n"
        "    required_facts: [{any_of: ['Ana Costa']}]\n"
        "    gold_sources: [trackers/actions.csv]\n"
        "    gold_spans: ['Repair the harbour wall']\n"
        "    tags: [owner]\n",
        encoding="utf-8",
    )
    out = work / "org-report"
    result = run(cli, str(suite), "--no-ablation", "--no-cache", "--report", str(out))
    assert result.exit_code in (0, 1), result.output
    report = json.loads((out / "report.json").read_text())
    by_id = {c["id"]: c for c in report["cases"]}
    assert "£2.4m" in by_id["org-wall-cost"]["answer"]
    assert "Ana Costa" in by_id["org-wall-lead"]["answer"]
    assert {c["source"] for c in by_id["org-wall-lead"]["citations"]} == {"trackers/actions.csv"}
    assert (indexed_data_dir / "corpora" / "org" / "assistant.sqlite3").is_file()
    mixed = run(cli, str(suite), str(SMOKE), "--no-ablation")
    assert mixed.exit_code == 2 and "different corpora" in mixed.output
