"""Suite files (YAML or JSONL) → typed cases, and the per-suite thresholds beside them.

Cases are validated strictly (unknown fields are an error) so a typo in a suite file fails the
run as a harness error instead of silently dropping a check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.schemas import HistoryTurn


class SuiteError(ValueError):
    """A suite or thresholds file cannot be used; the message names the file and the problem."""


class Fact(BaseModel):
    """One required fact: satisfied when any alternative occurs in the answer (case-insensitive)."""

    model_config = ConfigDict(extra="forbid")
    any_of: list[str] = Field(min_length=1)


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    suite: str = Field("", description="File name the case came from (set by the loader)")
    # fields written by `assistant eval --from-feedback` for a person to complete
    needs_review: bool = False
    feedback_id: int | None = None
    feedback_comment: str | None = None
    previous_answer: str | None = None


class QACase(_Base):
    """A question with its gold: facts, forbidden strings, sources and spans."""

    kind: Literal["qa"] = "qa"
    question: str
    history: list[HistoryTurn] = Field(default_factory=list)
    filters: dict[str, Any] | None = None
    answerable: bool
    required_facts: list[Fact] = Field(default_factory=list)
    forbidden: list[str] = Field(default_factory=list)
    gold_sources: list[str] = Field(default_factory=list)
    gold_spans: list[str] = Field(default_factory=list)

    @property
    def scores_retrieval(self) -> bool:
        """Only answerable cases with a gold source have a right chunk to find."""
        return self.answerable and bool(self.gold_sources)


class DraftCase(_Base):
    """A drafted progress summary that must include / exclude given actions."""

    kind: Literal["draft"]
    aim: str | None = None
    owner: str | None = None
    status: str | None = None
    must_include_actions: list[str] = Field(default_factory=list)
    must_exclude_actions: list[str] = Field(default_factory=list)


Case = QACase | DraftCase


def _raw_items(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if path.suffix.lower() == ".jsonl":
        items = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SuiteError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        return items
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SuiteError(f"{path}: invalid YAML ({exc})") from exc
    if data is None:
        return []
    if isinstance(data, dict) and "cases" in data:
        data = data["cases"] or []
    if not isinstance(data, list):
        raise SuiteError(
            f"{path}: a suite file is a list of cases (or a mapping with 'corpus' and 'cases'), "
            f"got {type(data).__name__}"
        )
    return data


def suite_corpus(path: Path) -> Path | None:
    """The corpus folder a suite file names (``corpus:`` beside its ``cases:``, relative to the
    file), or None for a suite over the configured corpus (a plain list of cases)."""
    if path.suffix.lower() not in {".yaml", ".yml"} or not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # load_suites reports it with the reason
    if not isinstance(data, dict) or not data.get("corpus"):
        return None
    corpus = (path.parent / str(data["corpus"])).resolve()
    if not corpus.is_dir():
        raise SuiteError(f"{path}: its corpus folder {corpus} does not exist")
    return corpus


def corpus_of(paths: list[Path]) -> Path | None:
    """The one corpus all the suites are over; suites over different corpora cannot share a run
    (each corpus has its own index)."""
    named = {suite_corpus(p) for p in paths}
    if len(named) > 1:
        names = ", ".join(sorted(str(c) if c else "the configured corpus" for c in named))
        raise SuiteError(f"the suites are over different corpora ({names}); run them separately")
    return named.pop() if named else None


def parse_case(item: Any, suite: str) -> Case:
    """One mapping → QACase or DraftCase (``kind: draft`` selects the latter)."""
    if not isinstance(item, dict):
        raise SuiteError(f"{suite}: each case is a mapping, got {item!r:.60}")
    data = {**item, "suite": suite}
    try:
        if data.get("kind") == "draft":
            return DraftCase.model_validate(data)
        return QACase.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SuiteError(f"{suite}: case {item.get('id', '?')!r}: {where}: {first['msg']}") from exc


def load_suites(paths: list[Path]) -> list[Case]:
    """All cases of all files, ids unique across files; cases still needing review are skipped."""
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            raise SuiteError(f"{path}: no such suite file")
        for item in _raw_items(path):
            case = parse_case(item, path.name)
            if case.needs_review:
                continue
            if case.id in seen:
                raise SuiteError(f"case id {case.id!r} is in both {seen[case.id]} and {path.name}")
            seen[case.id] = path.name
            cases.append(case)
    if not cases:
        raise SuiteError("the suites hold no cases")
    return cases


Thresholds = dict[str, dict[str, float]]


def load_thresholds(paths: list[Path]) -> Thresholds:
    """Merge ``thresholds.yaml`` files: suite file name → {metric: bound}."""
    merged: Thresholds = {}
    for path in paths:
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise SuiteError(f"{path}: invalid YAML ({exc})") from exc
        if not isinstance(data, dict):
            raise SuiteError(f"{path}: expected a mapping of suite file → metrics")
        for suite, metrics in data.items():
            if not isinstance(metrics, dict):
                raise SuiteError(f"{path}: {suite}: expected a mapping of metric → number")
            merged.setdefault(str(suite), {}).update({str(k): float(v) for k, v in metrics.items()})
    return merged


def thresholds_beside(suites: list[Path]) -> list[Path]:
    """The ``thresholds.yaml`` next to each suite file (deduplicated)."""
    return list(dict.fromkeys(p.parent / "thresholds.yaml" for p in suites))
