"""Parse files (load + prepare, no model) in a worker process that cannot take the caller down.

The worker has an address-space limit (``RLIMIT_AS`` = ``parse_memory_mb``) and each file a
wall-clock limit (``parse_timeout_s``, then the worker is killed). One worker serves every
file of a run and is replaced only after it dies, so the cost is one interpreter start per
run (about 0.2 s), not per file.

The worker is a fresh interpreter (``subprocess`` execs it at once, talking over a socket
pair with :mod:`multiprocessing.connection`), never a fork of the caller that goes on running
Python: a fork of a process whose torch or onnxruntime threads hold locks can deadlock.
multiprocessing's "spawn" and "forkserver" are safe too, but they re-import the caller's main
module in the worker (the ``assistant`` CLI, uvicorn, pytest): seconds and memory for nothing.

``parse_isolated=False`` parses in the calling process, for debugging (the limits that need
no worker still apply).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import ingest
from ingest.actionlog import NoActionRowsError
from ingest.limits import MIB, IngestLimits
from ingest.loaders import LoadError, describe_error, load_file, relative_source
from ingest.prepare import PreparedFile, prepare

_MEMORY_EXIT = 86
"""The worker's exit status after a MemoryError (the reply itself might not fit)."""
_START_TIMEOUT_S = 60.0
_WORKER_MAIN = "from ingest.isolation import serve; serve()"
_PACKAGE_ROOT = str(Path(ingest.__file__).resolve().parents[1])


@dataclass(frozen=True)
class ParseJob:
    """What every file of a run is parsed with."""

    corpus_root: Path
    chunk_size: int
    chunk_overlap: int
    limits: IngestLimits


def parse_file(path: Path, job: ParseJob) -> PreparedFile:
    """Load and prepare one file; every expected failure is a :class:`LoadError`."""
    document = load_file(path, job.corpus_root, job.limits)
    try:
        return prepare(document, job.chunk_size, job.chunk_overlap)
    except NoActionRowsError as exc:
        raise LoadError(exc.source, str(exc).removeprefix(f"{exc.source}: ")) from exc


def peak_rss_kib() -> int:
    """This process's peak resident set size so far, in KiB: ``VmHWM`` where there is a
    ``/proc`` (``ru_maxrss`` would count the caller's size at the fork before the exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection


class FileParser:
    """Parses files one at a time for one ingest run; use as a context manager.

    ``parse`` returns the prepared file or raises :class:`LoadError` with the reason: the
    loader's own, a limit, a timeout, or the worker's death (it is then replaced).
    """

    def __init__(self, job: ParseJob) -> None:
        self.job = job
        self.worker_peak_kib = 0
        """The highest peak RSS a worker reported after a file (a killed one cannot)."""
        self._worker: _Worker | None = None
        self._sent: tuple[Path, float] | None = None
        """The file submitted and not yet received, and when it was sent."""

    def __enter__(self) -> FileParser:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def parse(self, path: Path) -> PreparedFile:
        self.submit(path)
        return self.receive(path)

    def submit(self, path: Path) -> None:
        """Start parsing ``path`` in the worker and return at once, so the caller can embed
        and store the previous file meanwhile; :meth:`receive` collects it. One file at a time:
        submit the next only after receiving this one."""
        if self._sent is not None:
            raise RuntimeError(f"{self._sent[0]} was submitted and not received")
        if self.job.limits.parse_isolated:
            self._send(str(path))
        self._sent = (path, time.monotonic())

    def receive(self, path: Path) -> PreparedFile:
        """The submitted ``path`` parsed, or :class:`LoadError`. ``parse_timeout_s`` counts
        from the submission, when the worker (idle, one file at a time) started on it."""
        if self._sent is None or self._sent[0] != path:
            raise RuntimeError(f"{path} was not submitted")
        sent_at = self._sent[1]
        self._sent = None
        if not self.job.limits.parse_isolated:
            return parse_file(path, self.job)
        source = relative_source(path, self.job.corpus_root)
        worker = self._worker
        limits = self.job.limits
        if worker is None:  # closed since the submission: nothing will come
            raise RuntimeError(f"the parse worker was closed before {source} was received")
        left = limits.parse_timeout_s - (time.monotonic() - sent_at)
        if not worker.conn.poll(max(left, 0.0)):
            self._stop(worker)
            raise LoadError(
                source, f"parsing stopped after {limits.parse_timeout_s:g} s (parse_timeout_s)"
            )
        try:
            status, payload, peak = worker.conn.recv()
        except (EOFError, OSError):
            raise LoadError(source, self._death_reason(self._stop(worker))) from None
        self.worker_peak_kib = max(self.worker_peak_kib, peak)
        if status == "ok":
            prepared: PreparedFile = payload
            return prepared
        raise LoadError(source, payload)

    def close(self) -> None:
        """Let the worker exit (killed if it does not within a few seconds)."""
        if self._worker is not None:
            with contextlib.suppress(OSError):
                self._worker.conn.send(None)
            self._stop(self._worker, grace_s=5.0)

    def _send(self, request: str) -> _Worker:
        """The request sent to the worker, started (again) when there is none or it died."""
        worker = self._worker or self._start()
        try:
            worker.conn.send(request)
        except OSError:  # it died between files: once more, with a fresh one
            self._stop(worker)
            worker = self._start()
            worker.conn.send(request)
        return worker

    def _start(self) -> _Worker:
        parent, child = socket.socketpair()
        with child:
            process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_MAIN, str(child.fileno())],
                pass_fds=(child.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # stderr stays the caller's, for tracebacks
                env={**os.environ, "PYTHONPATH": _python_path()},
            )
        worker = _Worker(process, Connection(parent.detach()))
        try:
            worker.conn.send(self.job)
            if worker.conn.poll(_START_TIMEOUT_S) and worker.conn.recv() == "ready":
                self._worker = worker
                return worker
        except (EOFError, OSError):
            pass
        code = self._stop(worker)
        raise RuntimeError(f"the parse worker did not start (exit status {code})")

    def _stop(self, worker: _Worker, grace_s: float = 0.0) -> int | None:
        """End the worker (killed unless it exits within ``grace_s``); its exit status."""
        if grace_s:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(grace_s)
        if worker.process.poll() is None:
            worker.process.kill()
        worker.process.wait()
        worker.conn.close()
        if self._worker is worker:
            self._worker = None
        return worker.process.returncode

    def _death_reason(self, code: int | None) -> str:
        memory = self.job.limits.parse_memory_mb
        if code == _MEMORY_EXIT:
            return f"parsing needed more than {memory} MiB (parse_memory_mb)"
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            return (
                f"the parse worker died ({name}) while reading the file, probably for lack "
                f"of memory (parse_memory_mb = {memory} MiB)"
            )
        return f"the parse worker exited with status {code} while reading the file"


def _python_path() -> str:
    """The folder holding :mod:`ingest` first, so the worker imports this very code."""
    inherited = os.environ.get("PYTHONPATH", "")
    return os.pathsep.join([_PACKAGE_ROOT, inherited] if inherited else [_PACKAGE_ROOT])


def _limit_memory(megabytes: int) -> None:
    soft = megabytes * MIB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def serve() -> None:
    """The worker's main: parse each path sent until ``None`` or the caller goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    conn = Connection(int(sys.argv[1]))
    job: ParseJob = conn.recv()
    _limit_memory(job.limits.parse_memory_mb)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", parse_file(Path(request), job))
        except LoadError as exc:
            reply = ("failed", exc.reason)
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        except Exception as exc:  # a parser bug must not end the ingest
            reply = ("failed", f"the parser failed ({describe_error(exc)})")
        try:
            conn.send((*reply, peak_rss_kib()))
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        except Exception as exc:  # a result that does not pickle
            conn.send(("failed", f"the parser failed ({describe_error(exc)})", peak_rss_kib()))
        del reply
