"""The ingest keeps the encoder busy: the next file parses in the worker while the caller works
(``FileParser.submit`` / ``receive``), and a file's store writes run behind the next file's
encoding (``WriteBehind``), one at a time and in order, with their outcomes applied in the
caller's thread."""

from __future__ import annotations

import threading
import time
from functools import partial
from pathlib import Path

import pytest

from bench.hostile_files import docx_of_paragraphs
from ingest.isolation import FileParser, ParseJob
from ingest.limits import IngestLimits
from ingest.loaders import LoadError
from ingest.write_behind import WriteBehind


def plan_file(root: Path, name: str, words: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Growth Plan\n\nWe will {words} across the region.\n", "utf-8")
    return path


@pytest.mark.parametrize("isolated", [True, False])
def test_a_submitted_file_is_received_as_parse_gives_it(tmp_path: Path, isolated: bool) -> None:
    first = plan_file(tmp_path, "a.txt", "grow research")
    second = plan_file(tmp_path, "b.txt", "train nurses")
    job = ParseJob(tmp_path, 900, 120, IngestLimits(parse_isolated=isolated))
    with FileParser(job) as parser:
        expected = [parser.parse(first).chunks, parser.parse(second).chunks]
        parser.submit(first)
        got = [parser.receive(first).chunks]
        parser.submit(second)
        got.append(parser.receive(second).chunks)
    assert got == expected


def test_one_file_in_flight_and_only_the_submitted_one_is_received(tmp_path: Path) -> None:
    first = plan_file(tmp_path, "a.txt", "grow research")
    second = plan_file(tmp_path, "b.txt", "train nurses")
    with FileParser(ParseJob(tmp_path, 900, 120, IngestLimits())) as parser:
        with pytest.raises(RuntimeError, match="not submitted"):
            parser.receive(first)
        parser.submit(first)
        with pytest.raises(RuntimeError, match="submitted and not received"):
            parser.submit(second)
        with pytest.raises(RuntimeError, match="not submitted"):
            parser.receive(second)
        assert parser.receive(first).chunks


def test_the_parse_timeout_counts_from_the_submission(tmp_path: Path) -> None:
    """A runaway file submitted while the caller was busy for longer than the timeout is
    stopped as soon as it is received, and the next file is read by a fresh worker."""
    slow = docx_of_paragraphs(tmp_path / "slow.docx", 45_000, runs=20)  # ~12 s to parse
    good = plan_file(tmp_path, "good.txt", "grow research")
    with FileParser(ParseJob(tmp_path, 900, 120, IngestLimits(parse_timeout_s=1))) as parser:
        parser.submit(slow)
        time.sleep(1.5)  # the caller encoding and writing the previous file
        started = time.monotonic()
        with pytest.raises(LoadError, match=r"parsing stopped after 1 s \(parse_timeout_s\)"):
            parser.receive(slow)
        assert time.monotonic() - started < 1.0  # not another full timeout
        parser.submit(good)
        assert parser.receive(good).chunks


def test_writes_run_in_order_one_at_a_time_and_report_in_the_callers_thread() -> None:
    caller = threading.current_thread()
    written: list[str] = []
    reported: list[tuple[str, bool]] = []
    busy = threading.Lock()

    def write(name: str) -> None:
        assert busy.acquire(blocking=False), "two writes at once"
        try:
            assert threading.current_thread() is not caller
            time.sleep(0.01)
            written.append(name)
        finally:
            busy.release()

    def report(name: str) -> None:
        reported.append((name, threading.current_thread() is caller))

    with WriteBehind() as writer:
        for name in ("a", "b", "c"):
            writer.submit(partial(write, name), partial(report, name))
        writer.wait()
    assert written == ["a", "b", "c"]
    assert reported == [("a", True), ("b", True), ("c", True)]


def test_a_failed_write_is_raised_to_the_caller_and_not_reported() -> None:
    reported: list[str] = []

    def fail() -> None:
        raise OSError("disk full")

    with WriteBehind() as writer:
        writer.submit(fail, lambda: reported.append("a"))
        with pytest.raises(OSError, match="disk full"):
            writer.submit(lambda: None, lambda: reported.append("b"))
        writer.wait()  # nothing pending after the failure
    assert reported == []
