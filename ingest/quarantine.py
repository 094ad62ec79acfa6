"""Files that failed to parse, so the next ingest skips them without parsing them again.

A file is held by its source and content hash: while the content is unchanged the ingest
reports it as failed (``quarantined: <reason>``) after hashing it, which is cheap whatever the
file would have cost to parse; a changed file is retried, and :meth:`Quarantine.clear` (a
rebuild) retries them all. The list is a small JSON file, rewritten whole and atomically
(temporary file + ``os.replace``) after every change, so a killed run keeps what it learnt.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class QuarantineEntry:
    source: str
    file_hash: str
    reason: str
    at: float
    """When it failed (seconds since the epoch)."""


class Quarantine:
    """The quarantine file at ``path`` (created on first use, with its folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, QuarantineEntry] | None = None

    def entries(self) -> dict[str, QuarantineEntry]:
        """Source → entry, as the file says now (read afresh after :meth:`reload`)."""
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def reload(self) -> None:
        """Forget what was read, so another process's changes are seen (start of a run)."""
        self._entries = None

    def reason(self, source: str, file_hash: str) -> str | None:
        """Why the file was quarantined, if it is and its content has not changed since."""
        entry = self.entries().get(source)
        return entry.reason if entry is not None and entry.file_hash == file_hash else None

    def add(self, source: str, file_hash: str, reason: str) -> None:
        self.entries()[source] = QuarantineEntry(source, file_hash, reason, time.time())
        self._write()

    def release(self, source: str) -> None:
        """The file was read after all (changed, or a rebuild retried it)."""
        if self.entries().pop(source, None) is not None:
            self._write()

    def keep_only(self, sources: set[str]) -> None:
        """Drop the entries of files that are gone."""
        gone = set(self.entries()) - sources
        for source in gone:
            del self.entries()[source]
        if gone:
            self._write()

    def clear(self) -> None:
        """Retry every file on the next ingest (``assistant ingest --rebuild``)."""
        self._entries = {}
        self._write()

    def _read(self) -> dict[str, QuarantineEntry]:
        try:
            data: Any = json.loads(self.path.read_text(encoding="utf-8"))
            files = data["files"]
            return {source: QuarantineEntry(**entry) for source, entry in files.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # a damaged list only costs a retry of the files it held

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": 1,
            "files": {source: asdict(entry) for source, entry in sorted(self.entries().items())},
        }
        handle, name = tempfile.mkstemp(prefix=".quarantine-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1)
            os.replace(name, self.path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
