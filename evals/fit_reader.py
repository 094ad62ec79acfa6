"""Fit the question reader (:mod:`assistant.retrieval.question_reader`) on labelled questions.

    python -m evals.fit_reader            # cross-validate by corpus, print, write the weights
    python -m evals.fit_reader --dry-run  # cross-validate and print only

The labels (``evals/labels/question_kinds.tsv``) were written by helpers who saw only the
development questions, never the code: for each, the kind of answer it asks for and whether
it asks a target or a result. Held-out suites are never labelled nor fitted on. A follow-up's
label was read with the turn before it ("and the year after?" asks what that asked), so
follow-ups are not fitted on, nor read (:func:`reads_alone`).

Each label is a logistic regression over :func:`question_features`. Cross-validation leaves
one corpus out at a time: the model is fitted on two corpora's questions and read on the
third's, the way it meets a new organisation. For each label it reports the rules alone
(:func:`~assistant.retrieval.intent.read_rules`), the model alone, and the rules with the
model added where they are silent (what :func:`~assistant.retrieval.intent.read_intent`
does), and picks the probability threshold for that from the pooled held-out predictions.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from assistant.answering.question_text import with_apostrophes
from assistant.retrieval.intent import QuestionIntent, read_rules
from assistant.retrieval.question_reader import (
    READER_FILE,
    READER_LABELS,
    VALUE_LABELS,
    ReaderLabel,
    question_features,
    reads_alone,
)

LABELS_FILE = Path(__file__).resolve().parent / "labels" / "question_kinds.tsv"
C_GRID = (0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.5, 0.96, 0.05))
FIGURES: frozenset[ReaderLabel] = frozenset({"amount", "number", "percentage", "duration"})
CLAIMS: frozenset[ReaderLabel] = frozenset({"target", "result"})
"""A target or a result is read only of a question asking for a figure ("how many so far?");
"what's the status?" asks where things stand, which a tracker row's status answers."""
MIN_COUNT = 3
"""A word or word pair seen in fewer training questions is not an input (it names a topic
more often than it says what is asked, and would only make the weights file long)."""
MIN_CORPORA = 2
"""A word or word pair must be asked in questions of at least this many organisations to be
an input: a name ("the Hive", "Orlow") is one organisation's topic, and a weight on it would
memorise which of its things were asked about, not how a question asks."""
MIN_GAIN = 0.01
"""A label is written only when adding the model to the rules gains this much F1 held out."""
LEFT_TO_THE_RULES: frozenset[ReaderLabel] = frozenset({"result"})
"""Labels cross-validated and reported but not written. The labellers' "result" is any
current or past figure ("how many students does the college have?"); the answerer's is
narrower, what has happened *so far* against a plan, and it refuses targets for it. Added to
the rules it read three in four such questions where the rules read one in five, and cost
fact recall end to end (university 0.916 → 0.912, charity 0.898 → 0.893, seed 0.868 →
0.867; measured 2026-12-07 beside the same code without it)."""
MIN_POSITIVES = 10
"""A label with fewer labelled examples is not fitted (the rules alone read it)."""


@dataclass(frozen=True)
class Labelled:
    corpus: str
    question: str
    labels: frozenset[ReaderLabel]


_DIRECT: tuple[ReaderLabel, ...] = (*VALUE_LABELS, "date")
"""Labels named alike by the labellers' answer types and the reader."""


def _labels(answer_type: str, claim: str) -> frozenset[ReaderLabel]:
    kinds = set(answer_type.split("+"))
    found: set[ReaderLabel] = {k for k in _DIRECT if k in kinds}
    if kinds & {"count", "quantity"}:
        found.add("number")
    if claim in {"target", "both"}:
        found.add("target")
    if claim in {"result", "both"}:
        found.add("result")
    return frozenset(found)


def load_labelled(path: Path = LABELS_FILE) -> list[Labelled]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Labelled(  # read as the service reads it (apostrophes given back)
            row["corpus"],
            with_apostrophes(row["question"]),
            _labels(row["answer_type"], row["claim"]),
        )
        for row in rows
        if not row["previous_question"] and reads_alone(row["question"])
    ]


def rules_read(intent: QuestionIntent) -> frozenset[ReaderLabel]:
    """What the rules read, in the reader's labels."""
    found: set[ReaderLabel] = {k for k in VALUE_LABELS if k in intent.asks_for}
    if intent.asks_quantity:
        found.add("number")
    if intent.asks_when:
        found.add("date")
    if intent.asks_target:
        found.add("target")
    if intent.asks_result:
        found.add("result")
    return frozenset(found)


def _f1(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(truth & predicted))
    precision = tp / max(1.0, float(np.sum(predicted)))
    recall = tp / max(1.0, float(np.sum(truth)))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _fit(
    features: list[dict[str, int]], truth: np.ndarray, c: float, corpora: np.ndarray
) -> tuple[DictVectorizer, LogisticRegression]:
    counts = Counter(name for each in features for name in each)
    seen_in: dict[str, set[str]] = {}
    for each, corpus in zip(features, corpora, strict=True):
        for name in each:
            seen_in.setdefault(name, set()).add(str(corpus))
    kept = {
        name
        for name, count in counts.items()
        if count >= MIN_COUNT and len(seen_in[name]) >= MIN_CORPORA
    }
    common = [{k: v for k, v in each.items() if k in kept} for each in features]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(common)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(matrix, truth)
    return vectorizer, model


def cross_validate(data: list[Labelled], label: ReaderLabel, c: float) -> np.ndarray:
    """Held-out probabilities for every question, each from a model fitted on the other
    corpora."""
    features = [dict.fromkeys(question_features(d.question), 1) for d in data]
    truth = np.array([label in d.labels for d in data])
    corpora = np.array([d.corpus for d in data])
    probabilities = np.zeros(len(data))
    for corpus in sorted(set(corpora)):
        train = corpora != corpus
        vectorizer, model = _fit(
            [f for f, t in zip(features, train, strict=True) if t],
            truth[train],
            c,
            corpora[train],
        )
        test = vectorizer.transform([f for f, t in zip(features, train, strict=True) if not t])
        probabilities[~train] = model.predict_proba(test)[:, 1]
    return probabilities


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print only; write nothing")
    args = parser.parse_args(argv)
    data = load_labelled()
    rules = [rules_read(read_rules(d.question)) for d in data]
    corpora = np.array([d.corpus for d in data])
    print(
        f"{len(data)} labelled questions: "
        + ", ".join(f"{c} {int(np.sum(corpora == c))}" for c in sorted(set(corpora)))
    )
    print(
        f"{'label':<11}{'n':>5}  {'rules P/R/F1':<18}{'model F1':>9}  "
        f"{'rules+model P/R/F1':<20}{'C':>5}{'thr':>6}"
    )
    written: dict[str, dict[str, object]] = {}
    figures = np.array([bool(d.labels & FIGURES) for d in data])
    for label in READER_LABELS:
        truth = np.array([label in d.labels for d in data])
        by_rules = np.array([label in r for r in rules])
        if label in CLAIMS:  # a claim is read only of a question asking for a figure
            truth, by_rules = truth & figures, by_rules & figures
        if int(truth.sum()) < MIN_POSITIVES:
            continue
        best: tuple[float, float, float, np.ndarray] | None = None
        for c in C_GRID:
            probabilities = cross_validate(data, label, c)
            if label in CLAIMS:
                probabilities = probabilities * figures
            for threshold in THRESHOLDS:
                f1 = _f1(truth, by_rules | (probabilities >= threshold))[2]
                if best is None or f1 > best[0]:
                    best = (f1, c, threshold, probabilities)
        assert best is not None
        _, c, threshold, probabilities = best
        rp, rr, rf = _f1(truth, by_rules)
        model_f1 = _f1(truth, probabilities >= 0.5)[2]
        cp, cr, cf = _f1(truth, by_rules | (probabilities >= threshold))
        print(
            f"{label:<11}{int(truth.sum()):>5}  {rp:.2f}/{rr:.2f}/{rf:.2f}      "
            f"{model_f1:>9.2f}  {cp:.2f}/{cr:.2f}/{cf:.2f}        {c:>5}{threshold:>6}"
        )
        for corpus in sorted(set(corpora)):
            held = corpora == corpus
            r = _f1(truth[held], by_rules[held])[2]
            m = _f1(truth[held], by_rules[held] | (probabilities[held] >= threshold))[2]
            print(f"    {corpus:<12} rules F1 {r:.2f} → rules+model F1 {m:.2f}")
        if cf < rf + MIN_GAIN or label in LEFT_TO_THE_RULES:
            continue  # the model adds nothing the rules do not read already
        features = [dict.fromkeys(question_features(d.question), 1) for d in data]
        vectorizer, model = _fit(features, truth, c, corpora)
        weights = {
            name: round(float(w), 4)
            for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) >= 0.01
        }
        written[label] = {
            "intercept": round(float(model.intercept_[0]), 4),
            "threshold": threshold,
            "C": c,
            "weights": dict(sorted(weights.items())),
        }
    if args.dry_run:
        return 0
    READER_FILE.write_text(
        json.dumps(
            {
                "fitted": {
                    "by": "python -m evals.fit_reader",
                    "on": date.today().isoformat(),
                    "labels_file": "evals/labels/question_kinds.tsv",
                    "questions": len(data),
                },
                "labels": written,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {READER_FILE} ({', '.join(written) or 'no labels'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
