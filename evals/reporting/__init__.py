"""Render an :class:`~evals.report.EvalReport` as report.json, report.md, report.html and
junit.xml (plus the compact baseline.json that ``--baseline`` reads)."""

from __future__ import annotations

import json
from pathlib import Path

from evals.report import EvalReport, baseline_payload
from evals.reporting.html import render_html
from evals.reporting.junit import render_junit
from evals.reporting.markdown import render_markdown


def write_reports(report: EvalReport, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "report.json": report.model_dump_json(indent=1),
        "report.md": render_markdown(report),
        "report.html": render_html(report),
        "junit.xml": render_junit(report),
        "baseline.json": json.dumps(baseline_payload(report), indent=1),
    }
    written = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["write_reports"]
