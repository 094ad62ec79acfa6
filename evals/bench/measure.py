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
