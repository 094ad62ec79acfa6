"""Uploaded files: their names, and where they live.

An upload is stored in the job store (the database every replica shares) with the job that
ingests it; the ingest worker writes it into ``<corpus_dir>/uploads/`` (action logs in
``uploads/action-logs/``) before the job, so whichever host runs the worker has every upload.
Inside the corpus root, because the citation ``source`` is the path relative to it: an upload
is cited as ``uploads/board-minutes.md``, never collides with a top-level corpus file, is
picked up again by ``assistant ingest`` and is not deleted when the corpus is re-ingested.
A file uploaded again under the same name replaces the earlier version (re-ingested by hash).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Literal

from fastapi import UploadFile

from assistant.web.errors import ApiError
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import UPLOADS_FOLDER

UPLOADS_DIR = UPLOADS_FOLDER.rstrip("/")
ACTION_SUBDIR = "action-logs"  # a folder name ingest.loaders reads as kind=action
_UNSAFE = re.compile(r"[^\w.\- ]+")
CHUNK = 1024 * 1024
MAX_NAME_BYTES = 150
"""Well under the 255 bytes most file systems allow, with room for ``.upload-`` temp names."""


def safe_name(filename: str | None) -> str:
    """The last path component with unsafe characters replaced and the stem shortened to fit
    ``MAX_NAME_BYTES`` (never the extension); refuses hidden/empty names and types the
    loaders cannot read, judged on the final name."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = _UNSAFE.sub("-", name).strip(" .-")
    name = _shorten(name)
    suffix = PurePosixPath(name).suffix.lower()
    if not name or name.startswith("."):
        raise ApiError(422, "Every uploaded file needs a file name.", code="invalid_upload")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ApiError(
            415,
            f"{name[:80]}: unsupported file type; use one of {', '.join(SUPPORTED_SUFFIXES)}.",
        )
    return name


def _shorten(name: str) -> str:
    """Cut the stem so the UTF-8 name fits ``MAX_NAME_BYTES``; the extension stays whole."""
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    path = PurePosixPath(name)
    suffix = path.suffix if len(path.suffix.encode()) < MAX_NAME_BYTES // 2 else ""
    room = MAX_NAME_BYTES - len(suffix.encode())
    stem = name[: len(name) - len(suffix)].encode()[:room].decode(errors="ignore")
    return stem.rstrip(" .-") + suffix


def upload_source(kind: Literal["plan", "action"], name: str) -> str:
    """The upload's ``source`` (path relative to the corpus root), e.g. ``uploads/a.md``."""
    parts = [UPLOADS_DIR, ACTION_SUBDIR] if kind == "action" else [UPLOADS_DIR]
    return "/".join([*parts, name])


async def read_upload(upload: UploadFile) -> bytes:
    """The whole upload (bounded by ``ASSISTANT_MAX_BODY_BYTES`` before it gets here)."""
    chunks = []
    while chunk := await upload.read(CHUNK):
        chunks.append(chunk)
    return b"".join(chunks)
