"""A file's real type from its first bytes, where the name may lie, and its text encoding.

The content decides for the containers it can name for sure: a PDF (``%PDF-``), a Word or
Excel file (a zip holding ``word/document.xml`` or ``xl/workbook.xml``). Anything else is
read by its name, and a container that no loader reads is refused with what it is.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from typing import Literal

from ingest.limits import Refusal

Content = Literal["pdf", "docx", "xlsx", "zip", "ole2", "other"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> Content:
    """What the bytes are, as far as the loaders care."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data[:8] == OLE2_MAGIC:
        return "ole2"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    return "other"


class TypeMismatch(Refusal):
    """The name and the content disagree in a way no loader can read."""


def reading_type(data: bytes, suffix: str) -> str:
    """The suffix of the loader to use: the content's type where it is sure, else the name's.

    Raises :class:`TypeMismatch` for an archive or an old Office file named as text.
    """
    content = sniff(data)
    if content in ("pdf", "docx", "xlsx"):
        return f".{content}"
    if suffix in (".docx", ".xlsx"):
        return suffix  # its loader says why it cannot read a non-Office content
    if content == "ole2":
        raise TypeMismatch(
            f"named {suffix} but it is an old-format (.doc/.xls) or password-protected Office "
            "file; save it unprotected as .docx or .xlsx"
        )
    if content == "zip":
        raise TypeMismatch(f"named {suffix} but it is a zip archive, not a Word or Excel file")
    return suffix


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 4096


def wide_encoding(data: bytes) -> str | None:
    """``utf-16``/``utf-32`` by byte-order mark, ``utf-16-le``/``-be`` by the NUL bytes of
    mostly Latin text without one; None for everything else (UTF-8, Windows-1252, binary)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even_nul = sample[0::2].count(0) / half
    odd_nul = sample[1::2].count(0) / half
    if odd_nul >= 0.6 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.6 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def mostly_text(text: str) -> bool:
    """Printable characters and line breaks almost throughout (a decoded sample)."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    control = sum(1 for ch in sample if not ch.isprintable() and ch not in "\t\n\r\f\v")
    return control <= len(sample) // 100
