"""A golden snapshot of the development answers: for every development question, the route
that answered it, the sources it cited and whether it abstained.

``make test`` compares the answers of the day with ``evals/snapshots/development.json``; a
change to any answer's route, sources or abstention fails the test with the list of cases
that moved, so a change to the answerer is reviewed case by case rather than noticed later as
a shifted average. After reviewing the list, rewrite the snapshot with ``make snapshot``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from assistant.schemas import Filters
from assistant.service import Assistant
from evals.cases import QACase, load_suites

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "evals" / "snapshots" / "development.json"
SUITES = [
    REPO / "evals" / "suites" / name
    for name in (
        "plans.yaml", "actions.yaml", "unanswerable.yaml", "holdout.yaml", "holdout2.yaml",
        "holdout3.yaml",
    )
]  # fmt: skip
"""The development suites over the seed corpus (never a held-out suite)."""
_DETAIL = re.compile(r"\s*\(.*\)$")


def snapshot_case(assistant: Assistant, case: QACase) -> dict[str, Any]:
    """What is compared for one question: route (without its free-text detail), the cited
    sources in citation order, and whether it abstained."""
    filters = Filters.model_validate(case.filters) if case.filters else None
    answer = assistant.ask(case.question, case.history, filters)
    route = str((answer.debug or {}).get("route", ""))
    return {
        "route": _DETAIL.sub("", route),
        "sources": list(dict.fromkeys(c.source for c in answer.citations)),
        "abstained": answer.abstained,
    }


def take_snapshot(assistant: Assistant) -> dict[str, dict[str, Any]]:
    cases = [c for c in load_suites(SUITES) if isinstance(c, QACase)]
    return {case.id: snapshot_case(assistant, case) for case in cases}


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per case whose snapshot moved, added or went."""
    lines = []
    for case_id in sorted(set(old) | set(new)):
        if old.get(case_id) != new.get(case_id):
            lines.append(f"{case_id}: {old.get(case_id)} -> {new.get(case_id)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the snapshot file")
    args = parser.parse_args()
    from assistant.components import build_components
    from assistant.settings import Settings

    snapshot = take_snapshot(Assistant(build_components(Settings())))
    if args.write:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
        print(f"{len(snapshot)} answers written to {SNAPSHOT}")
        return
    old = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {}
    moved = differences(old, snapshot)
    print("\n".join(moved) or f"{len(snapshot)} answers as in the snapshot")
    raise SystemExit(1 if moved else 0)


if __name__ == "__main__":
    main()
