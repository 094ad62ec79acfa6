"""How far one file may expand while it is read, and the checks made before parsing it.

A file over a limit is refused with a reason naming the limit, so the ingest report says
which setting to raise. DOCX and XLSX are zip archives: their declared unpacked sizes are
checked first, then every member is inflated once here, a MiB at a time, to hold it to the
size it declares: :mod:`zipfile` cuts a member at its declared size, but only after inflating
up to 1 GiB in one call, so a directory that lies would otherwise cost the parser that much.
The parts whose size says little about what they hold (a Word body of a million empty
paragraphs, a workbook's shared strings) are counted in the same pass.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

MIB = 1024 * 1024


@dataclass(frozen=True)
class IngestLimits:
    """The ingest settings of :class:`assistant.settings.Settings` that bound one file."""

    max_file_bytes: int = 50 * MIB
    max_unpacked_bytes: int = 200 * MIB
    max_sheet_cells: int = 2_000_000
    max_document_blocks: int = 50_000
    max_document_chars: int = 10_000_000
    parse_timeout_s: float = 120.0
    parse_memory_mb: int = 2048
    parse_isolated: bool = True

    @classmethod
    def from_settings(cls, settings: Any) -> IngestLimits:
        """The same fields read from a settings object (any object with those attributes)."""
        return cls(
            max_file_bytes=settings.max_file_bytes,
            max_unpacked_bytes=settings.max_unpacked_bytes,
            max_sheet_cells=settings.max_sheet_cells,
            max_document_blocks=settings.max_document_blocks,
            max_document_chars=settings.max_document_chars,
            parse_timeout_s=settings.parse_timeout_s,
            parse_memory_mb=settings.parse_memory_mb,
            parse_isolated=settings.parse_isolated,
        )


class Refusal(Exception):
    """A file refused before or while parsing; the loader makes it a ``LoadError`` naming the
    file, with ``reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LimitExceeded(Refusal):
    """A file over a limit: the reason names the setting."""

    def __init__(self, what: str, setting: str) -> None:
        super().__init__(f"{what} ({setting}); skipped")


def size_text(size: int) -> str:
    """``52428800`` → ``50 MiB``; sizes under a MiB in KiB."""
    if size >= MIB:
        return f"{size / MIB:,.0f} MiB"
    return f"{size / 1024:,.0f} KiB"


_OUT = MIB
"""Most bytes one inflate step may produce."""
_IN = 64 * 1024
_COUNTED: dict[tuple[str, str], tuple[bytes, ...]] = {
    ("docx", "word/document.xml"): (
        b"<w:p>",
        b"<w:p ",
        b"<w:p/>",
        b"<w:tr>",
        b"<w:tr ",
        b"<w:tc>",
        b"<w:tc ",
    ),
    ("xlsx", "xl/sharedStrings.xml"): (b"<si>", b"<si "),
}


def check_archive(data: bytes, limits: IngestLimits, kind: Literal["docx", "xlsx"]) -> None:
    """Refuse an Office file that would unpack or expand past the limits, before parsing.

    A file that is not a readable zip, or a member that does not inflate, passes: its loader
    reports it as corrupt in the parser's words.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return
    declared = sum(info.file_size for info in members)
    if declared > limits.max_unpacked_bytes:
        raise LimitExceeded(
            f"the archive unpacks to {size_text(declared)}, more than "
            f"{size_text(limits.max_unpacked_bytes)}",
            "max_unpacked_bytes",
        )
    for info in members:
        tags = _COUNTED.get((kind, info.filename), ())
        counts = dict.fromkeys(tags, 0)
        size = 0
        tail = b""
        try:
            for chunk in _inflate(data, info):
                size += len(chunk)
                if size > info.file_size:
                    raise LimitExceeded(
                        f"the archive member {info.filename!r} unpacks to more than the "
                        f"{info.file_size:,} bytes it declares",
                        "max_unpacked_bytes",
                    )
                if tags:  # a tag split between two chunks counts once
                    window = tail + chunk
                    for tag in tags:
                        counts[tag] += window.count(tag) - tail.count(tag)
                    tail = window[-7:]
        except (zlib.error, struct.error, ValueError):
            return
        if tags:
            _judge(kind, counts, limits)


def _inflate(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes as they really unpack, at most a MiB at a time, read from the raw
    archive (not through :mod:`zipfile`, which stops at the declared size)."""
    if info.flag_bits & 0x1:
        raise Refusal("the archive is encrypted; save it unprotected")
    start = info.header_offset
    if data[start : start + 4] != b"PK\x03\x04":
        raise ValueError("no local header")
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    begin = start + 30 + name_length + extra_length
    raw = memoryview(data)[begin : begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for offset in range(0, len(raw), _OUT):
            yield bytes(raw[offset : offset + _OUT])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise Refusal(
            f"the archive member {info.filename!r} uses compression method "
            f"{info.compress_type}, which Office files do not use"
        )
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for offset in range(0, len(raw), _IN):
        piece: bytes | memoryview = raw[offset : offset + _IN]
        while piece and not inflater.eof:
            yield inflater.decompress(piece, _OUT)
            piece = inflater.unconsumed_tail
        if inflater.eof:
            return


def _judge(kind: str, counts: dict[bytes, int], limits: IngestLimits) -> None:
    if kind == "docx":
        # paragraphs outside tables plus table rows: what the body becomes as blocks (each
        # table cell holds at least one paragraph, so cells come off the paragraph count)
        paragraphs = counts[b"<w:p>"] + counts[b"<w:p "] + counts[b"<w:p/>"]
        rows = counts[b"<w:tr>"] + counts[b"<w:tr "]
        cells = counts[b"<w:tc>"] + counts[b"<w:tc "]
        if max(paragraphs - cells, 0) + rows > limits.max_document_blocks:
            raise LimitExceeded(
                f"the document has more than {limits.max_document_blocks:,} paragraphs and "
                "table rows",
                "max_document_blocks",
            )
    elif sum(counts.values()) > limits.max_sheet_cells:  # held in memory before any row
        raise LimitExceeded(
            f"the workbook has more than {limits.max_sheet_cells:,} shared strings",
            "max_sheet_cells",
        )
