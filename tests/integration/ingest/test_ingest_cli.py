"""``assistant ingest`` / ``assistant documents`` through Typer's CliRunner, with bad files among
good ones. The command builds its components from the environment as usual; only the embedding
model is swapped for the session's already-loaded one, so no test reloads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from ingest_support import RESEARCH_PLAN, copy_corpus
from typer.testing import CliRunner, Result

from assistant.cli import ingest_cmd
from assistant.cli.app import app, load_settings
from assistant.components import Components, build_components
from ingest.embeddings import SentenceTransformerEmbeddings

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def shared_model(
    monkeypatch: pytest.MonkeyPatch, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    def components() -> Components:
        return build_components(load_settings(), shared_embeddings)

    monkeypatch.setattr(ingest_cmd, "components", components)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """One good plan, plus an empty file, a corrupt PDF and a password-protected PDF."""
    root = copy_corpus(tmp_path / "corpus", [RESEARCH_PLAN])
    (root / "plans" / "empty.txt").write_bytes(b"")
    (root / "plans" / "corrupt.pdf").write_bytes(b"%PDF-1.7\n%%garbage with no objects\n")
    pdf = FPDF()
    pdf.set_encryption(
        owner_password="owner", user_password="secret", encryption_method=EncryptionMethod.RC4
    )
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "Confidential")
    pdf.output(str(root / "plans" / "locked.pdf"))
    return root


def invoke(tmp_path: Path, corpus: Path, *args: str) -> Result:
    env = {
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_CHROMA_HOST": "",
        "COLUMNS": "200",
    }
    return CliRunner().invoke(app, list(args), env=env)


def test_bad_files_are_reported_by_name_and_the_rest_ingests(tmp_path: Path, corpus: Path) -> None:
    result = invoke(tmp_path, corpus, "ingest", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ingested"] == [RESEARCH_PLAN]
    reasons = {f["source"]: f["reason"] for f in report["failed"]}
    assert sorted(reasons) == ["plans/corrupt.pdf", "plans/empty.txt", "plans/locked.pdf"]
    assert reasons["plans/corrupt.pdf"].startswith("corrupt or unreadable PDF (")
    assert reasons["plans/empty.txt"] == "the file is empty"
    assert reasons["plans/locked.pdf"] == "the PDF is encrypted (password protected)"
    assert report["files"] == 4 and report["chunks"] > 0

    listed = invoke(tmp_path, corpus, "documents", "--json")
    assert listed.exit_code == 0
    assert [row["source"] for row in json.loads(listed.stdout)] == [RESEARCH_PLAN]


def test_strict_fails_when_any_file_fails(tmp_path: Path, corpus: Path) -> None:
    result = invoke(tmp_path, corpus, "ingest", "--strict")
    assert result.exit_code == 1
    assert "failed plans/locked.pdf: the PDF is encrypted" in result.stderr
    assert "failed plans/empty.txt: the file is empty" in result.stderr
    assert "Ingest summary" in result.stdout
    # the good file was still ingested; a second strict run skips it and still fails
    again = invoke(tmp_path, corpus, "ingest", "--strict", "--json")
    assert again.exit_code == 1
    assert json.loads(again.stdout)["skipped"] == [RESEARCH_PLAN]


def test_nothing_ingestible_is_a_failure_even_without_strict(tmp_path: Path, corpus: Path) -> None:
    (corpus / RESEARCH_PLAN).unlink()
    result = invoke(tmp_path, corpus, "ingest", "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["failed"]) == 3


def test_a_missing_path_is_a_usage_error(tmp_path: Path, corpus: Path) -> None:
    result = invoke(tmp_path, corpus, "ingest", str(corpus / "no-such-folder"))
    assert result.exit_code == 2
    assert "No such file or folder" in result.stderr
