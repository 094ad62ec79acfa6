"""junit.xml: one test case per eval case, threshold and regression check, so CI systems show
eval failures like test failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from evals.report import EvalReport


def render_junit(report: EvalReport) -> str:
    root = ET.Element("testsuites", name="assistant-eval")
    groups: dict[str, ET.Element] = {}
    counts: dict[str, list[int]] = {}

    def suite(name: str) -> ET.Element:
        if name not in groups:
            groups[name] = ET.SubElement(root, "testsuite", name=name)
            counts[name] = [0, 0]
        return groups[name]

    def case(group: str, classname: str, name: str, seconds: float, failure: str | None) -> None:
        element = ET.SubElement(
            suite(group), "testcase", classname=classname, name=name, time=f"{seconds:.3f}"
        )
        counts[group][0] += 1
        if failure is not None:
            counts[group][1] += 1
            ET.SubElement(element, "failure", message=failure[:500]).text = failure

    for score in report.cases:
        seconds = score.timings_ms.get("ask.total", score.timings_ms.get("draft.total", 0.0))
        failure = None
        if not score.passed:
            failure = (
                "; ".join(score.reasons) + f"\nexpected: {score.expected}\ngot: {score.answer}"
            )
        case(score.suite, f"evals.{score.suite}", score.id, seconds / 1000, failure)
    for check in report.thresholds:
        op = "<=" if check.maximum else ">="
        value = "n/a" if check.value is None else f"{check.value:.3f}"
        failure = None if check.passed else f"{check.metric} = {value}, needs {op} {check.bound}"
        case(
            "thresholds",
            f"thresholds.{check.suite}",
            f"{check.metric} {op} {check.bound}",
            0.0,
            failure,
        )
    if report.regression is not None:
        for delta in report.regression.deltas:
            failure = None
            if delta.regressed:
                failure = (
                    f"{delta.metric}: {delta.baseline:.3f} -> {delta.current:.3f} "
                    f"(P(no drop) = {delta.p_no_drop:.3f})"
                )
            case("regression", "regression", delta.metric, 0.0, failure)
    total = failures = 0
    for name, element in groups.items():
        element.set("tests", str(counts[name][0]))
        element.set("failures", str(counts[name][1]))
        element.set("errors", "0")
        total += counts[name][0]
        failures += counts[name][1]
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
