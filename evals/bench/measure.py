"""Small measuring helpers: percentiles, timers, process memory, section isolation."""

from __future__ import annotations

import logging
import math
import os
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

log = logging.getLogger("evals.bench")


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (``q`` in 0..100); ``None`` for no samples."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def latency_summary(samples_ms: Sequence[float]) -> dict[str, float | int | None]:
    """p50/p95/p99/mean in milliseconds, plus the sample count (so small n is visible)."""
    return {
        "n": len(samples_ms),
        "p50_ms": _round(percentile(samples_ms, 50)),
        "p95_ms": _round(percentile(samples_ms, 95)),
        "p99_ms": _round(percentile(samples_ms, 99)),
        "mean_ms": _round(sum(samples_ms) / len(samples_ms)) if samples_ms else None,
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator`` rounded, or ``None`` when either side is missing or zero."""
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def points(value: float | None, reference: float | None) -> float | None:
    """The change from ``reference`` to ``value`` in percentage points (shares in 0..1)."""
    if value is None or reference is None:
        return None
    return round((value - reference) * 100, 1)


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


class Stopwatch:
    """Accumulates wall time over several ``with sw:`` blocks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._start = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start
        self.calls += 1


def rss_mb(pid: int | None = None) -> float | None:
    """Resident memory of a process from ``/proc`` (Linux; ``None`` elsewhere)."""
    return _status_kb(pid, "VmRSS")


def peak_rss_mb(pid: int | None = None) -> float | None:
    """High-water resident memory (``VmHWM``) of a process."""
    return _status_kb(pid, "VmHWM")


def _status_kb(pid: int | None, field: str) -> float | None:
    path = f"/proc/{pid or os.getpid()}/status"
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        return None
    return None


def process_tree(root: int) -> list[int]:
    """``root`` and every descendant, parents first, from ``/proc/*/stat`` (Linux; ``[]``
    when ``root`` is gone or ``/proc`` is unavailable). ``psutil`` is not a dependency."""
    children: dict[int, list[int]] = {}
    try:
        entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return []
    for name in entries:
        fields = _stat_fields(int(name))
        if fields:
            children.setdefault(int(fields[1]), []).append(int(name))
    if not os.path.exists(f"/proc/{root}"):
        return []
    tree: list[int] = []
    todo = [root]
    while todo and len(tree) < 10_000:  # bounded even if /proc changes under us
        pid = todo.pop(0)
        tree.append(pid)
        todo.extend(sorted(children.get(pid, [])))
    return tree


def tree_rss_mb(root: int) -> float | None:
    """Resident memory summed over ``root`` and its descendants (shared pages count once per
    process, as ``ps`` and ``top`` count them); ``None`` when ``root`` is gone."""
    values = [v for v in (rss_mb(pid) for pid in process_tree(root)) if v is not None]
    return round(sum(values), 1) if values else None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used so far (``/proc/PID/stat``)."""
    fields = _stat_fields(pid)
    if not fields:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def parent_pid(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def command_line(pid: int) -> list[str]:
    """``argv`` of a process (empty when it is gone)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            raw = handle.read()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _stat_fields(pid: int) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name (state, ppid, …)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read()
    except OSError:
        return []
    # the name is in parentheses and may itself hold spaces or ')'
    return data[data.rfind(b")") + 2 :].decode(errors="replace").split()


def machine_cpu() -> tuple[int, int] | None:
    """(busy, total) CPU ticks of the whole machine since boot, from ``/proc/stat``."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            values = [int(v) for v in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = sum(values[3:5])  # idle + iowait
    return sum(values) - idle, sum(values)


def busy_percent(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    """Share of the machine's CPU time (all cores) that was busy between two samples."""
    if before is None or after is None or after[1] <= before[1]:
        return None
    return round(100 * (after[0] - before[0]) / (after[1] - before[1]), 1)


def load_average() -> list[float] | None:
    """1/5/15-minute load: says how busy the shared machine was during the run."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


@contextmanager
def section(results: dict[str, Any], name: str) -> Iterator[dict[str, Any]]:
    """Run one report section; an exception is recorded in it instead of ending the run."""
    entry: dict[str, Any] = results.setdefault(name, {})
    started = time.perf_counter()
    log.info("section %s …", name)
    try:
        yield entry
    except Exception as exc:  # a benchmark never fails on a figure
        entry["error"] = f"{type(exc).__name__}: {exc}"
        entry["traceback"] = traceback.format_exc(limit=6)
        log.warning("section %s failed: %s", name, entry["error"])
    finally:
        entry["section_seconds"] = round(time.perf_counter() - started, 1)


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """``(result, milliseconds)`` of one call."""
    started = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - started) * 1000
