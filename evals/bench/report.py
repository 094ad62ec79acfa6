"""bench/report.json, bench/report.md and the rich table printed at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _fmt(value: Any, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3g}{suffix}" if abs(value) < 100 else f"{value:,.0f}{suffix}"
    return f"{value}{suffix}"


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def summary_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, value, reference / ratio, target) — the lines the issue asks for."""
    rows: list[tuple[str, str, str, str]] = []
    ing = results.get("ingestion", {})
    if "error" in ing:
        rows.append(("ingestion", "error", ing["error"][:60], ""))
    for backend, row in ing.get("backends", {}).items():
        if "error" in row:
            rows.append((f"ingest [{backend}]", "error", row["error"][:60], ""))
            continue
        p, raw, cmp_ = row["pipeline"], row["raw_encoder"], row["pipeline_vs_raw"]
        ceiling = cmp_.get("chunks_ratio_ceiling")
        rows.append(
            (
                f"ingest pipeline [{backend}]",
                f"{_fmt(p['chunks_per_s'])} chunks/s, {_fmt(p['mb_per_s'])} MB/s",
                f"raw encoder {_fmt(raw['chunks_per_s'])} chunks/s, {_fmt(raw.get('mb_per_s'))} "
                f"MB/s → {_fmt(cmp_['chunks_ratio'])}×"
                + (
                    f" (ceiling {_fmt(ceiling)}× while every sentence is encoded: sentences "
                    f"are {_fmt(_percent(cmp_.get('sentence_share_of_encoding')))} % of "
                    "the encoding)"
                    if ceiling is not None
                    else ""
                ),
                "≥ 0.85×",
            )
        )
        rows.append(
            (
                f"  like-for-like [{backend}]",
                f"{_fmt(p.get('encoded_texts_per_s', p['texts_per_s']))} texts/s "
                f"({p.get('encoded_texts', p['embedded_texts'])} distinct of {p['chunks']} "
                f"chunks + {p['sentences']} sentences)",
                f"raw {_fmt(raw['all_texts_per_s'])} texts/s "
                f"→ {_fmt(cmp_['like_for_like_ratio'])}×",
                "≥ 0.85×",
            )
        )
        if "own_work_seconds" in p:
            rows.append(
                (
                    f"  own work outside the encoder [{backend}]",
                    f"{_fmt(p['own_work_seconds'])} s of {_fmt(p['seconds'])} s "
                    f"({_fmt(_percent(p['own_work_share']))} %)",
                    "parse, structure, sentence split, SQLite and Chroma writes, not hidden "
                    "behind the encoder",
                    "",
                )
            )
    for opt in ing.get("options", []):
        if "error" in opt:
            continue
        rows.append(
            (
                f"encoder: {opt['option']}",
                f"{_fmt(opt['chunks_per_s'])} chunks/s",
                f"{_fmt(opt['speed_vs_torch'])}× torch; hit@5 {_fmt(opt['hit_at_5'])} "
                f"({_fmt(opt['hit_at_5_change_points'])} pt), MRR {_fmt(opt['mrr'])} "
                f"({_fmt(opt['mrr_change_points'])} pt)",
                "quality within 1 pt",
            )
        )
    for backend, row in ing.get("backends", {}).items():
        serving = row.get("serving")
        if serving:
            rows.append(
                (
                    f"serving [{backend}] (fresh process)",
                    f"load {_fmt(serving['load_s'])} s, question embed p50 "
                    f"{_fmt(serving['p50_ms'])} / p95 {_fmt(serving['p95_ms'])} ms",
                    f"RSS {_fmt(serving['rss_mb'])} MB",
                    "",
                )
            )
    rec = ing.get("recommendation")
    if rec:
        rows.append(
            (
                "recommended encoder (serving)",
                rec["fastest_holding_quality"],
                f"question embed {_fmt(rec.get('query_speedup_vs_torch'))}× faster, load "
                f"{_fmt(rec.get('load_speedup_vs_torch'))}× faster, ingest "
                f"{_fmt(rec.get('speedup_vs_torch'))}× torch",
                "quality within 1 pt",
            )
        )
    lat = results.get("latency", {})
    for key in ("retrieve", "ask"):
        if key in lat:
            s = lat[key]
            rows.append(
                (
                    f"{key} latency (warm, n={s['n']})",
                    f"p50 {_fmt(s['p50_ms'])} / p95 {_fmt(s['p95_ms'])} "
                    f"/ p99 {_fmt(s['p99_ms'])} ms",
                    "",
                    "p95 < 100 ms" if key == "ask" else "",
                )
            )
    if "startup" in lat:
        st = lat["startup"]
        rows.append(
            (
                "start-up to ready",
                f"{_fmt(st['process_to_ready_s'])} s",
                f"imports {_fmt(st['imports_s'])} s "
                f"+ model/stores {_fmt(st['model_and_stores_s'])} s",
                "< 10 s",
            )
        )
    if "error" in lat:
        rows.append(("latency", "error", lat["error"][:60], ""))
    load = results.get("load", {})
    if not load:  # not run (``--only``)
        pass
    elif load.get("status") != "measured":
        rows.append(("HTTP load /v1/ask", load.get("status") or load.get("error", "–"), "", ""))
    else:
        rows.append(
            (
                "server start-up to /readyz",
                f"{_fmt(load['server_ready_s'])} s",
                f"RSS {_fmt(load.get('server_rss_mb_ready'))} MB",
                "< 10 s",
            )
        )
        for lv in load.get("levels", []):
            rows.append(
                (
                    f"HTTP /v1/ask, {lv['clients']} clients",
                    f"{_fmt(lv['req_per_s'])} req/s, p95 {_fmt(lv['p95_ms'])} ms, "
                    f"errors {lv['errors']}",
                    f"{_fmt(lv.get('throughput_vs_1_client'))}× 1-client req/s; "
                    f"RSS {_fmt(lv.get('server_rss_mb_peak'))} MB",
                    "errors = 0",
                )
            )
        soak = load.get("soak")
        if soak:
            rows.append(
                (
                    f"soak: {soak['requests']:,} asks, {soak['clients']} clients",
                    f"RSS {_fmt(soak['rss_mb_before'])} → {_fmt(soak['rss_mb_after'])} MB, "
                    f"errors {soak['errors']}",
                    f"{_fmt(soak['rss_mb_per_1000_requests_second_half'])} MB per 1,000 asks "
                    f"over the second half; {_fmt(soak['seconds'])} s",
                    "no growth",
                )
            )
    rows += _workers_rows(results.get("workers", {}))
    sc = results.get("scaling", {})
    for r in sc.get("sizes", []):
        if "error" in r:
            rows.append(
                (f"scale ×{r.get('factor')} [{r.get('store')}]", "error", r["error"][:60], "")
            )
            continue
        rows.append(_scale_row(r))
    growth = sc.get("growth")
    if growth:
        rows.append(
            (
                f"ask p95 growth ×{growth['from_factor']}→×{growth['to_factor']}",
                f"{_fmt(growth['ask_p95_growth'])}×",
                f"retrieve {_fmt(growth['retrieve_p95_growth'])}×, "
                f"RSS {_fmt(growth['rss_growth'])}×",
                "≤ 2×",
            )
        )
    if "error" in sc:
        rows.append(("scaling", "error", sc["error"][:60], ""))
    return rows


def _scale_row(r: dict[str, Any]) -> tuple[str, str, str, str]:
    """One size of the scaling section; says whether its ingest was measured in this run."""
    figure = f"scale ×{r['factor']} [{r['store']}] {r.get('documents')} docs"
    ask = f"ask p50 {_fmt(r['ask']['p50_ms'])} / p95 {_fmt(r['ask']['p95_ms'])} ms"
    quality = (
        f"serving RSS {_fmt(r.get('rss_mb_ready'))} MB ready, {_fmt(r.get('rss_mb_end'))} MB "
        f"after the asks, hit@5 {_fmt(r.get('hit_at_5'))} "
        f"(any copy {_fmt(r.get('hit_at_5_any_copy'))})"
    )
    if r["store"] != "embedded":
        server = r.get("chroma_server_rss_mb")
        return (
            figure,
            ask,
            f"{r.get('vectors')} vectors: the embedded row's index served by `chroma run`, "
            f"not ingested again; {quality} (+ server {_fmt(server)} MB)",
            "",
        )
    build = r.get("build", {})
    if build.get("source") == "cache":
        made = str(build.get("built_at", "?")).replace("T", " ")[:16]
        origin = f"from a cached build made {made} UTC, build took {_fmt(build.get('build_s'))} s"
    else:
        origin = "ingested in this run"
    return (
        figure,
        f"ingest {_fmt(r['ingest_s'])} s ({_fmt(r.get('chunks_per_s'))} chunks/s, peak RSS "
        f"{_fmt(r.get('rss_mb_peak_ingest'))} MB), {ask}",
        f"{r['chunks']} chunks, {r.get('texts_encoded')}/"
        f"{r.get('texts_distinct', r.get('texts_total'))} distinct texts encoded, "
        f"{quality}; {origin}",
        "",
    )


def _workers_rows(wk: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """One row per ``assistant serve`` configuration of the "workers" section."""
    if "error" in wk:
        return [("HTTP /v1/ask, 1 process vs --workers 2", "error", wk["error"][:60], "")]
    if wk.get("status") != "measured":
        status = wk.get("status", "–")
        return [("HTTP /v1/ask, 1 process vs --workers 2", status, "", "")] if wk else []
    rows: list[tuple[str, str, str, str]] = []
    for run in wk.get("runs", []):
        figure = f"HTTP /v1/ask, {wk['clients']} clients, {run['label']} [chroma server]"
        if "error" in run:
            rows.append((figure, "error", run["error"][:60], ""))
            continue
        value = (
            f"{_fmt(run['req_per_s'])} req/s, p95 {_fmt(run['p95_ms'])} ms, errors {run['errors']}"
        )
        processes = len(run.get("processes_seen", []))
        memory = f"RSS {_fmt(run.get('server_rss_mb_peak'))} MB ({processes} process"
        memory += "es)" if processes != 1 else ")"
        busy = run.get("cpu_in_round", {}).get("machine_busy_percent")
        if busy is not None:  # whatever the machine did, the bench's own client included
            memory += f"; machine CPU {_fmt(busy)} % busy"
        if run["processes"] == 1:
            rows.append((figure, value, memory, "errors = 0"))
            continue
        notes = [f"{_fmt(run.get('throughput_vs_1_process'))}× 1 process", memory]
        split = run.get("web_cpu_split_percent")
        if split:
            notes.append("web CPU split " + "/".join(str(x) for x in split) + " %")
        if run.get("web_processes_replaced"):
            notes.append(f"{run['web_processes_replaced']} web process(es) replaced")
        target = f"≥ {wk['target_ratio_min']}×, p95 ≤ {wk['target_p95_ms_max']:.0f} ms, errors = 0"
        rows.append((figure, value, "; ".join(notes), target))
    return rows


def print_table(results: dict[str, Any], console: Console | None = None) -> None:
    table = Table(title="Benchmarks (ratios are to references measured in the same run)")
    for name in ("figure", "value", "reference / ratio", "target"):
        table.add_column(name)
    for row in summary_rows(results):
        table.add_row(*(escape(cell) for cell in row))  # '[torch]' is not markup
    (console or Console(width=160)).print(table)  # wide even when piped to a log


def markdown(results: dict[str, Any], plots: list[str]) -> str:
    meta = results.get("meta", {})
    lines = [
        "# Benchmark report",
        "",
        f"Command: `{meta.get('command')}` · {meta.get('started')} · {meta.get('wall_s')} s "
        f"· mode: {'quick' if meta.get('quick') else 'full'}",
        "",
        f"Machine: {meta.get('cpus')} CPUs, shared with other agents' work (load average at start "
        f"{meta.get('load_start')}, at end {meta.get('load_end')}). Absolute times drift; the "
        "ratios to references measured in the same run are what count.",
        "",
        "| figure | value | reference / ratio | target |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary_rows(results)]
    lines += ["", "## Plots", ""]
    lines += [f"![{p}]({p})" for p in plots] or ["(none produced)"]
    lines += ["", "## Notes", ""]
    lines += [f"- {note}" for note in meta.get("notes", [])]
    lines += ["", "All numbers, with their inputs, are in [report.json](report.json).", ""]
    return "\n".join(lines)


def write_reports(results: dict[str, Any], out: Path, plots: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (out / "report.md").write_text(markdown(results, plots))
