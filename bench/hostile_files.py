"""Hostile corpus files, generated on the spot, ingested with the default limits.

    .venv/bin/python bench/hostile_files.py            # every case: outcome, seconds, peak RSS
    .venv/bin/python bench/hostile_files.py --seed     # seed corpus: isolated vs in-process

Each case runs in its own process (``--one``, the model loaded first, as in a server) so its
peak RSS is its own: the parent's is that process's high-water mark (``before->peak``), the
worker's is sampled from ``/proc`` while it parses (a killed worker cannot report it). The
tests build their files with the same generators (``tests/unit/test_hostile_files.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]

# --- generators ------------------------------------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_MIB = 1024 * 1024


def docx_body(path: Path, write_body: Callable[[IO[bytes]], object], prefix: str = "w") -> Path:
    """A minimal Word file whose ``word/document.xml`` body is streamed by ``write_body``."""
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{prefix}:document '
                f'xmlns:{prefix}="{namespace}"><{prefix}:body>'.encode()
            )
            write_body(out)
            out.write(f"</{prefix}:body></{prefix}:document>".encode())
    return path


def docx_of_paragraphs(path: Path, count: int, prefix: str = "w", runs: int = 1) -> Path:
    """``count`` paragraphs of ``runs`` one-letter runs each (989,200 one-run paragraphs zip to
    about 100 KB); more runs make a file slower to parse without more paragraphs."""
    run = f"<{prefix}:r><{prefix}:t>a</{prefix}:t></{prefix}:r>" * runs
    paragraph = f"<{prefix}:p>{run}</{prefix}:p>"
    return docx_body(path, lambda out: out.write(paragraph.encode() * count), prefix)


def docx_of_spaces(path: Path, megabytes: int, paragraph_mb: int | None = None) -> Path:
    """``megabytes`` MiB of spaces (3,000 MiB zip to about 3 MB), in one paragraph or in
    paragraphs of ``paragraph_mb`` MiB each (under libxml2's 10 MB cap on one text node)."""
    block = b" " * _MIB
    per = paragraph_mb or megabytes

    def body(out: IO[bytes]) -> None:
        for start in range(0, megabytes, per):
            out.write(b'<w:p><w:r><w:t xml:space="preserve">')
            for _ in range(min(per, megabytes - start)):
                out.write(block)
            out.write(b"</w:t></w:r></w:p>")

    return docx_body(path, body)


def with_declared_size(data: bytes, member: str, declared: int) -> bytes:
    """The zip with ``member``'s uncompressed size stated as ``declared`` in its local header
    and in the central directory (a lying archive: the real data is much larger)."""
    out = bytearray(data)
    name = member.encode()
    position = 0
    while (position := out.find(b"PK\x03\x04", position)) >= 0:  # local headers
        length = struct.unpack_from("<H", out, position + 26)[0]
        if bytes(out[position + 30 : position + 30 + length]) == name:
            struct.pack_into("<I", out, position + 22, declared)
        position += 4
    position = 0
    while (position := out.find(b"PK\x01\x02", position)) >= 0:  # central directory
        length = struct.unpack_from("<H", out, position + 28)[0]
        if bytes(out[position + 46 : position + 46 + length]) == name:
            struct.pack_into("<I", out, position + 24, declared)
        position += 4
    return bytes(out)


def xlsx_claiming(
    path: Path, ref: str = "A1:XFD1048576", corner: bool = False, far_row: int | None = None
) -> Path:
    """A small tracker whose sheet ``S`` claims ``ref`` as its dimension; ``corner`` puts a
    cell at XFD1048576, ``far_row`` one more data row that far down."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "S"
    sheet.append(["Action", "Status", "Owner"])
    for index in range(5):
        sheet.append([f"Launch the fund, phase {index}", "Agreed", "Maya"])
    if far_row is not None:
        sheet.cell(far_row, 1, "Review the fund")
        sheet.cell(far_row, 2, "Not started")
        sheet.cell(far_row, 3, "Sam")
    if corner:
        sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), content
                )
            target.writestr(info.filename, content)
    path.write_bytes(out.getvalue())
    return path


def xlsx_of_cells(path: Path, rows: int, columns: int = 64) -> Path:
    """A sheet ``S`` of ``rows`` x ``columns`` numeric cells, its XML written directly."""
    import openpyxl

    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.title = "S"
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    row = b"<c><v>1</v></c>" * columns
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, tail = re.sub(
                    rb"<sheetData\s*/>", b"<sheetData></sheetData>", content
                ).partition(b"<sheetData></sheetData>")
                with target.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head + b"<sheetData>")
                    for number in range(1, rows + 1):
                        out.write(b'<row r="%d">' % number + row + b"</row>")
                    out.write(b"</sheetData>" + tail)
            else:
                target.writestr(info.filename, content)
    return path


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


UTF16_TEXT = "Growth Plan 2024\n\nWe will spend £5m on research – across the region.\n"


def make_cases(folder: Path, spaces_mb: int = 3000) -> list[Path]:
    """Every hostile case of the probe, and two that must be read, under ``folder/plans``."""
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    xlsx_claiming(plans / "claims-a1-xfd1048576.xlsx")
    xlsx_claiming(plans / "claims-a1-xfd20000.xlsx", "A1:XFD20000")
    xlsx_claiming(plans / "corner-cell-xfd1048576.xlsx", corner=True, far_row=1_048_576)
    xlsx_of_cells(plans / "cells-2.1m.xlsx", 33_000)
    docx_of_spaces(plans / f"spaces-{spaces_mb}mib.docx", spaces_mb)
    docx_of_paragraphs(plans / "paragraphs-989200.docx", 989_200)
    docx_of_paragraphs(plans / "paragraphs-49000.docx", 49_000)
    lying = io.BytesIO()
    with zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", b" " * (100 * _MIB))
    (plans / "lying-size.docx").write_bytes(
        with_declared_size(lying.getvalue(), "word/document.xml", 1000)
    )
    with (plans / "huge-60mib.txt").open("wb") as out:
        for _ in range(60):
            out.write(b"A line of plan text that goes on.\n" * (_MIB // 35))
    (plans / "utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    (plans / "pdf-named.txt").write_bytes(pdf_bytes("REGIONAL STRATEGY\nThe page text."))
    return sorted(plans.iterdir())


# --- measuring -------------------------------------------------------------------------------


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the parse worker is a child of the ingesting process)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            except (OSError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class WorkerSampler(threading.Thread):
    """The highest VmHWM of any parse worker below this process, sampled every 20 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.02):
            for pid in _descendants(os.getpid()):
                self.peak_kib = max(self.peak_kib, _status_kib(pid, "VmHWM"))


def run_one(path: Path) -> dict[str, object]:
    """Ingest one file (its folder as the corpus) with the default limits."""
    sys.path.insert(0, str(REPO))
    from assistant.components import build_components
    from assistant.settings import Settings
    from ingest.limits import IngestLimits
    from ingest.pipeline import IngestPipeline
    from ingest.quarantine import Quarantine

    scratch = tempfile.TemporaryDirectory(prefix="hostile-data-", ignore_cleanup_errors=True)
    data = Path(scratch.name)  # removed when this process exits
    settings = Settings(_env_file=None, data_dir=data, corpus_dir=path.parent)
    parts = build_components(settings)
    pipeline = IngestPipeline(
        path.parent,
        parts.embeddings,
        parts.store,
        parts.vectors,
        limits=IngestLimits.from_settings(settings),
        quarantine=Quarantine(data / "quarantine.json"),
    )
    parts.embeddings.embed_query("warm up")  # as in a server: the model is loaded already
    with contextlib.suppress(OSError):  # the high-water mark restarts from here (Linux)
        Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib(os.getpid(), "VmRSS")
    sampler = WorkerSampler()
    sampler.start()
    started = time.perf_counter()
    report = pipeline.run([path])
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    outcome = "ingested" if report.ingested else "failed: " + "; ".join(r for _, r in report.failed)
    return {
        "file": path.name,
        "bytes": path.stat().st_size,
        "outcome": outcome,
        "seconds": round(seconds, 2),
        "parent_rss_before_mib": round(before / 1024),
        "parent_peak_mib": round(_status_kib(os.getpid(), "VmHWM") / 1024),
        "worker_peak_mib": round(max(sampler.peak_kib, pipeline.worker_peak_kib) / 1024),
    }


def seed_timing(repeats: int) -> None:
    """The seed corpus ingested into fresh data dirs, isolated and in-process, model warm."""
    sys.path.insert(0, str(REPO))
    from assistant.components import build_components
    from assistant.settings import Settings
    from ingest.limits import IngestLimits
    from ingest.pipeline import IngestPipeline

    embeddings = None
    for round_ in range(repeats):
        for isolated in (False, True):
            scratch = tempfile.TemporaryDirectory(prefix="seed-data-", ignore_cleanup_errors=True)
            data = Path(scratch.name)
            settings = Settings(_env_file=None, data_dir=data, corpus_dir=REPO / "corpus")
            parts = build_components(settings, embeddings)
            embeddings = parts.embeddings
            embeddings.embed_query("warm up")
            pipeline = IngestPipeline(
                REPO / "corpus",
                parts.embeddings,
                parts.store,
                parts.vectors,
                limits=IngestLimits(parse_isolated=isolated),
            )
            report = pipeline.run()
            parts.store.close()
            scratch.cleanup()
            print(
                f"round {round_ + 1} isolated={isolated!s:5} files={len(report.ingested)} "
                f"chunks={report.chunks} seconds={report.seconds:.2f}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=Path, help="ingest this one file (internal)")
    parser.add_argument("--seed", action="store_true", help="time the seed corpus instead")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--spaces-mb", type=int, default=3000)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if args.seed:
        seed_timing(args.repeats)
        return
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        started = time.perf_counter()
        cases = make_cases(Path(folder), args.spaces_mb)
        print(f"generated {len(cases)} files in {time.perf_counter() - started:.1f} s", flush=True)
        header = (
            f"{'file':32} {'size':>9} {'seconds':>8} {'parent MiB':>11} {'worker MiB':>11}  outcome"
        )
        print(header)
        for path in cases:
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                print(f"{path.name:32} crashed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{row['file']:32} {row['bytes']:>9,} {row['seconds']:>8} "
                f"{row['parent_rss_before_mib']:>4}->{row['parent_peak_mib']:<6} "
                f"{row['worker_peak_mib']:>11}  {row['outcome']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
