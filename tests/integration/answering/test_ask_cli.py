"""``assistant ask`` end to end through Typer's CliRunner over the real ingested corpus: the
readable answer with its numbered sources, the ``--json`` contract, plain abstentions, the
empty-index hint and clear refusals of unusable questions (no tracebacks)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from assistant.cli import app  # the console script's app, with every command registered
from tests.conftest import CORPUS, REPO, settings_for

pytestmark = pytest.mark.integration

CITATION_KEYS = {"id", "source", "title", "section", "snippet", "score"}
ANSWER_KEYS = {"answer", "abstained", "citations", "model", "timings_ms"}
MARKER = re.compile(r"\[(\d+)\]")
TRACEBACK = "Traceback (most recent call last)"


def run(data_dir: Path, *args: str) -> Result:
    """Invoke ``assistant ask`` the way a user would, pinned to ``data_dir`` and the extractive
    answerer so that neither the developer's environment nor an LLM server changes the result.
    A wide terminal keeps rich from wrapping source paths in the panel borders."""
    env = {
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_CORPUS_DIR": str(CORPUS),
        "ASSISTANT_PROMPTS_DIR": str(REPO / "prompts"),
        "ASSISTANT_ANSWERER": "extractive",
        "COLUMNS": "200",
    }
    return CliRunner().invoke(app, ["ask", *args], env=env)


def flat(text: str) -> str:
    """Collapse rich's line wrapping so a phrase can be found wherever the terminal broke it."""
    return " ".join(text.split())


def panels(out: str) -> list[tuple[str, str]]:
    """(top border, bottom border) of every source panel: the top holds ``[n] title``, the
    bottom the corpus path and lines."""
    lines = out.splitlines()
    tops = [i for i, line in enumerate(lines) if line.startswith("╭")]
    found = []
    for top in tops:
        bottom = next(i for i in range(top, len(lines)) if lines[i].startswith("╰"))
        found.append((lines[top], lines[bottom]))
    return found


def answer_text(out: str) -> str:
    """The printed answer: everything before the first source panel or the timing line."""
    head: list[str] = []
    for line in out.splitlines():
        if line.startswith("╭") or line.startswith("extractive ·"):
            break
        head.append(line)
    return flat("\n".join(head))


def assert_clean_failure(result: Result, code: int) -> str:
    """A refusal is an exit code and one message on stderr: nothing on stdout, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert TRACEBACK not in result.stdout + result.stderr
    return flat(result.stderr)


@pytest.mark.parametrize(
    ("question", "fact", "title", "source"),
    [
        (
            "Who owns the marketing strategy?",
            "owner: Maya",
            "Lancashire Innovation Action Agenda",
            "action-logs/lancashire-innovation-action-agenda.txt",
        ),
        (
            "Which enterprise zone is a prime site for future mobility R&D?",
            "Warton Enterprise Zone",
            "Innovation Action Plan 2022 - 2025",
            "plans/lancashire-innovation-action-plan-2022-2025.txt",
        ),
    ],
    ids=["action-log-owner", "plan-fact"],
)
def test_readable_answer_has_the_fact_and_numbered_sources(
    indexed_data_dir: Path, question: str, fact: str, title: str, source: str
) -> None:
    """The terminal answer is what a user reads: the fact, a cited [1], and a source panel
    numbered [1] that says which corpus file (and lines) to open."""
    result = run(indexed_data_dir, question)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    assert result.stderr == ""
    text = answer_text(result.stdout)
    assert fact in text, text
    markers = {int(n) for n in MARKER.findall(text)}
    assert 1 in markers, text

    boxes = panels(result.stdout)
    numbers = [int(m.group(1)) for top, _ in boxes if (m := re.search(r"─ \[(\d+)\] ", top))]
    assert numbers == list(range(1, len(boxes) + 1)), [top for top, _ in boxes]
    assert markers <= set(numbers), (markers, numbers)
    first_top, first_bottom = boxes[0]
    assert first_top.startswith(f"╭─ [1] {title} ›"), first_top
    assert re.search(rf"{re.escape(source)} lines \d+-\d+", first_bottom), first_bottom
    assert re.search(r"^extractive · retrieve \d+ ms, .*total \d+ ms", result.stdout, re.M)


@pytest.mark.parametrize(
    ("question", "sources"),
    [
        ("What is stalled?", {"action-logs/"}),
        (
            "What does the innovation action plan target for UKRI funding, and how does the "
            "action log describe engagement with UKRI?",
            {"plans/", "action-logs/"},
        ),
    ],
    ids=["list-from-log", "plan-and-log"],
)
def test_json_output_follows_the_answer_contract(
    indexed_data_dir: Path, question: str, sources: set[str]
) -> None:
    """``--json`` is for scripts: stdout is only the DESIGN.md answer object, every [n] names a
    citation, every citation points at a real corpus file, and internal debug stays out."""
    result = run(indexed_data_dir, question, "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    data: dict[str, Any] = json.loads(result.stdout)
    assert set(data) >= ANSWER_KEYS, sorted(data)
    assert "debug" not in data
    assert data["abstained"] is False and data["model"] == "extractive"
    assert data["question"] == question
    assert {"retrieve", "generate", "total"} <= set(data["timings_ms"])
    assert all(isinstance(v, (int, float)) and v >= 0 for v in data["timings_ms"].values())

    citations: list[dict[str, Any]] = data["citations"]
    assert citations
    ids = [c["id"] for c in citations]
    assert ids == list(range(1, len(citations) + 1))
    for citation in citations:
        assert set(citation) >= CITATION_KEYS, sorted(citation)
        assert isinstance(citation["score"], float) and citation["snippet"].strip()
        assert isinstance(citation["title"], str) and isinstance(citation["section"], str)
        assert (CORPUS / citation["source"]).is_file(), citation["source"]
    prefixes = {p for p in sources if any(c["source"].startswith(p) for c in citations)}
    assert prefixes == sources, [c["source"] for c in citations]
    markers = {int(n) for n in MARKER.findall(data["answer"])}
    assert markers and markers <= set(ids), (markers, ids)


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "Who chairs the Public Involvement and Engagement Advisory Committee?",
    ],
    ids=["off-corpus", "near-miss"],
)
def test_unanswerable_question_says_the_documents_do_not_cover_it(
    indexed_data_dir: Path, question: str
) -> None:
    """Abstaining is a normal answer (exit 0), worded plainly, with no sources to mislead; the
    JSON marks it ``abstained`` so callers need not parse the wording."""
    result = run(indexed_data_dir, question)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    text = flat(result.stdout)
    assert "can't find that in the indexed plans or action logs" in text, text
    assert "won't guess" in text
    assert panels(result.stdout) == []
    assert not MARKER.search(answer_text(result.stdout))

    result = run(indexed_data_dir, question, "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    data = json.loads(result.stdout)
    assert data["abstained"] is True and data["citations"] == []
    assert "can't find that" in data["answer"] and "£" not in data["answer"]


def test_empty_index_says_to_ingest(tmp_path: Path) -> None:
    """Asking before ingesting must point at the fix, not answer from nothing or crash."""
    message = assert_clean_failure(run(tmp_path / "empty", "What is stalled?"), 1)
    assert "Nothing is indexed yet" in message and "assistant ingest" in message, message


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", "The question is empty"),
        ("   \t  ", "The question is empty"),
        ("x" * 20_000, "The question is 20000 characters long; the limit is {limit}."),
        (bytes(range(1, 256)).decode("latin-1"), "it looks like binary data"),
    ],
    ids=["empty", "whitespace", "20000-chars", "binary"],
)
def test_unusable_question_is_refused_with_the_reason(
    indexed_data_dir: Path, question: str, reason: str
) -> None:
    """An empty, over-long or binary question is the user's to fix: exit 2 (usage error) and a
    message saying what is wrong, including the character limit, rather than a traceback."""
    limit = settings_for(indexed_data_dir).max_question_chars
    message = assert_clean_failure(run(indexed_data_dir, question), 2)
    assert reason.format(limit=limit) in message, message
