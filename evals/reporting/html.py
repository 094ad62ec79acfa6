"""report.html: the Markdown report's content as a self-contained page, plus a bar chart of
metrics per tag and a latency histogram (matplotlib PNGs inlined as base64)."""

from __future__ import annotations

from html import escape

from evals.report import EXIT_PASS, EvalReport
from evals.reporting.charts import latency_histogram, tag_chart
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

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} .fail{color:#b00020;font-weight:600} .pass{color:#1b5e20;font-weight:600}
.note{color:#555;font-size:.85rem} td.answer{max-width:420px}
"""


def _cell(text: str) -> str:
    cleaned = text.replace("**", "")
    css = ' class="fail"' if cleaned in {"FAIL", "REGRESSED"} else ""
    return f"<td{css}>{escape(cleaned)}</td>"


def table_html(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in table.rows)
    note = f'<p class="note">{escape(table.note)}</p>' if table.note else ""
    return f"<h2>{escape(table.title)}</h2><table><tr>{head}</tr>{body}</table>{note}"


def _image(data: str | None, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">' if data else ""


def render_html(report: EvalReport) -> str:
    ok = report.exit_code == EXIT_PASS
    passed = sum(1 for c in report.cases if c.passed)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Evaluation report</title>",
        f"<style>{STYLE}</style></head><body><h1>Evaluation report</h1>",
        f"<p><span class='{'pass' if ok else 'fail'}'>{'PASS' if ok else 'FAIL'}</span> · "
        f"{report.cases_total} cases ({passed} pass) from {escape(', '.join(report.suites))} · "
        f"answerer <code>{escape(str(report.config.get('answerer')))}</code> · config "
        f"<code>{report.config_hash}</code> · {escape(report.created)}</p>",
    ]
    lines = status_lines(report) + report.notes
    if lines:
        parts.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>")
    parts.append(table_html(headline_table(report)))
    parts.append(table_html(suite_table(report)))
    parts.append(table_html(threshold_table(report)))
    if report.ablation:
        parts.append(table_html(ablation_table(report)))
        parts.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in beats_baselines(report)))
        parts.append("</ul>")
    regression = regression_table(report)
    if regression is not None:
        parts.append(table_html(regression))
    parts.append(table_html(tag_table(report)))
    parts.append(_image(tag_chart(report), "metrics per tag"))
    parts.append(table_html(latency_table(report)))
    parts.append(_image(latency_histogram(report), "latency histogram"))
    failures = [c for c in report.cases if not c.passed]
    parts.append(f"<h2>Failures ({len(failures)})</h2><table>")
    parts.append("<tr><th>case</th><th>asked</th><th>expected</th><th>got</th><th>why</th></tr>")
    for case in failures:
        parts.append(
            f"<tr><td><code>{escape(case.id)}</code><br>{escape(case.suite)}</td>"
            f"<td>{escape(case.question)}</td><td>{escape(case.expected)}</td>"
            f"<td class='answer'>{escape(case.answer[:800])}</td>"
            f"<td>{escape('; '.join(case.reasons))}</td></tr>"
        )
    parts.append("</table></body></html>")
    return "\n".join(parts)
