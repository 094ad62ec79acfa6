"""report.md: what a reviewer reads first — status, headline, suites, ablation, tags, latency,
regressions, then each failing case with the answer beside the expectation."""

from __future__ import annotations

from evals.report import EXIT_PASS, EvalReport
from evals.reporting.tables import (
    Table,
    ablation_table,
    beats_baselines,
    headline_table,
    latency_table,
    regression_table,
    status_lines,
    suite_table,
    tag_table,
    threshold_table,
)
from evals.scoring import CaseScore

ANSWER_CHARS = 600


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_md(table: Table, level: int = 2) -> str:
    out = [f"{'#' * level} {table.title}", ""]
    out.append("| " + " | ".join(table.headers) + " |")
    out.append("|" + "|".join("---" for _ in table.headers) + "|")
    out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows)
    if table.note:
        out += ["", f"_{table.note}_"]
    return "\n".join(out) + "\n"


def _short(text: str, limit: int = ANSWER_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_md(case: CaseScore) -> str:
    lines = [f"### `{case.id}` ({case.suite}; {', '.join(case.tags)})", ""]
    lines.append(f"- **asked:** {_short(case.question, 300)}")
    lines.append(f"- **expected:** {_short(case.expected, 400)}")
    lines.append(f"- **got:** {_short(case.answer) or '(nothing)'}")
    lines.append(f"- **why it fails:** {'; '.join(case.reasons)}")
    if case.retrieved:
        tops = ", ".join(
            f"{r['source'].split('/')[-1]}{'*' if r['gold_spans'] else ''}" for r in case.retrieved
        )
        lines.append(f"- **top-5 retrieved** (* holds a gold span): {tops}")
    return "\n".join(lines) + "\n"


def render_markdown(report: EvalReport) -> str:
    status = "PASS" if report.exit_code == EXIT_PASS else "FAIL"
    passed = sum(1 for c in report.cases if c.passed)
    parts = [
        "# Evaluation report",
        "",
        f"**{status}** · {report.cases_total} cases ({passed} pass) from "
        f"{', '.join(report.suites)} · answerer `{report.config.get('answerer')}` · "
        f"config `{report.config_hash}` · {report.created}"
        + (f" · {report.cached_cases} answers from cache" if report.cached_cases else ""),
        "",
    ]
    for line in status_lines(report) + report.notes:
        parts.append(f"- {line}")
    parts.append("")
    parts.append(table_md(headline_table(report)))
    parts.append(table_md(suite_table(report)))
    parts.append(table_md(threshold_table(report)))
    if report.ablation:
        parts.append(table_md(ablation_table(report)))
        parts.extend(f"- {line}" for line in beats_baselines(report))
        parts.append("")
    regression = regression_table(report)
    if regression is not None:
        parts.append(table_md(regression))
    parts.append(table_md(tag_table(report)))
    parts.append(table_md(latency_table(report)))
    failures = [c for c in report.cases if not c.passed]
    parts.append(f"## Failures ({len(failures)})\n")
    parts.extend(failure_md(c) for c in failures)
    return "\n".join(parts).rstrip() + "\n"
