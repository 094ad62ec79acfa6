"""Fit the extractive answerer's sentence scorer on the development suites of every corpus.

``python -m evals.fit [--write] [--refresh]``

1. For each corpus (the seed corpus and every ``evals/corpora/<name>``), ingest it into its own
   index (as ``assistant eval`` does) and gather the evidence of every answerable development
   question once, through the real :class:`~assistant.service.Assistant`.
2. Every sentence the answerer would weigh (:func:`~assistant.answering.support.sentence_pool`,
   the same filters) becomes a row: its features
   (:func:`~assistant.answering.support.sentence_features`) and its label, the share of the
   case's ``required_facts`` it holds.
3. A logistic regression (L2, each question weighing the same) is fitted; ``keep_ratio`` is
   chosen on the same rows. Both are cross-validated by corpus: fit on the other corpora,
   measure on the one left out, beside the weights in force.
4. ``--write`` refits on all corpora and writes ``assistant/answering/weights.json`` with the
   figures. Held-out suites (:data:`HELD_OUT`) are never read.

The figures: ``oracle`` is the share of questions where some weighed sentence holds a fact;
``top-1`` the mean fact share of the best-scored sentence; ``answer`` that of the sentences
kept (the best and those within ``keep_ratio`` of it, at most three), with the mean number kept.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from assistant.answering.extractive import safe_evidence
from assistant.answering.support import (
    PassageView,
    SentenceChoice,
    SentenceQuestion,
    answerable_sentence,
    keep_best,
    sentence_features,
    sentence_pool,
)
from assistant.answering.weights import (
    SENTENCE_FEATURES,
    WEIGHTS_FILE,
    AnswerWeights,
    SentenceScorer,
    answer_weights,
    weights_json,
)
from assistant.cli.eval_cmd import settings_for_corpus
from assistant.components import build_components
from assistant.retrieval.hybrid import Candidate
from assistant.schemas import Filters
from assistant.service import Assistant
from assistant.settings import Settings
from evals.calibrate import DEV_SUITES, SPENT_HELD_OUT, UNSEEN_SUITES
from evals.cases import QACase, load_suites, suite_corpus
from ingest.types import Chunk

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
SUITES = REPO / "evals" / "suites"
CORPORA = REPO / "evals" / "corpora"


def _measured(corpus: str, last_holdout: int) -> tuple[Path, ...]:
    """A corpus's development questions and its held-out suites already measured once
    (``holdout.yaml`` … ``holdout<last_holdout>.yaml``)."""
    holdouts = ("holdout.yaml", *(f"holdout{n}.yaml" for n in range(2, last_holdout + 1)))
    return tuple(CORPORA / corpus / name for name in ("questions.yaml", *holdouts))


DEVELOPMENT: dict[str, tuple[Path, ...]] = {
    "seed": tuple(SUITES / name for name in (*DEV_SUITES, *SPENT_HELD_OUT)),
    "university": _measured("university", 24),
    "charity": _measured("charity", 25),
}
"""The suites fitted on. Held-out suites measured once and then reported (holdout5–29, the
university's holdout–holdout24, the charity's holdout–holdout25) are development data now;
:data:`HELD_OUT` never is."""
HELD_OUT: frozenset[str] = UNSEEN_SUITES | {"university/holdout25.yaml", "charity/holdout26.yaml"}
"""Suites kept unseen: the seed corpus's (holdout4, the issue's reference, and holdout30) and
the other corpora's fresh suites written blind for the twenty-sixth round (unread)."""
CACHE = Path("data") / "fit-cache" / "rows.pkl"
L2 = 1.0
KEEP_RATIOS = (0.75, 0.8, 0.85, 0.9, 0.95, 1.0)
SENTENCE_COST = 0.05
"""A further sentence is worth showing when it adds this much fact share on average."""
HAND_SET = SentenceScorer(
    coefficients=(
        0.55,
        0.30,
        0.0,
        0.0,
        0.0,
        0.15,
        0.15,
        0.1,
        0.15,
        0.15,
        0.3,
        0.1,
        0.2,
        0.1,
        0.0,
        0.0,
        0.15,
    ),
    intercept=0.0,
    keep_ratio=0.9,
    link="identity",
)
"""The hand-set weights (a weighted sum, not a probability): the cross-validation's baseline,
and on 2026-12-04 still the weights in force, as the fitted ones did worse end to end."""


@dataclass
class Row:
    text: str
    features: np.ndarray
    label: float
    vector: np.ndarray | None


@dataclass
class Question:
    case_id: str
    corpus: str
    rows: list[Row]
    facts: list[list[str]]
    """The case's required facts, each as its lower-cased alternatives."""

    @property
    def oracle(self) -> float:
        return max((r.label for r in self.rows), default=0.0)


def fact_share(text: str, facts: list[list[str]]) -> float:
    """The share of the facts the text holds (case-insensitive substrings, as scoring reads
    ``required_facts``)."""
    lowered = text.lower()
    found = sum(any(alternative in lowered for alternative in fact) for fact in facts)
    return found / len(facts) if facts else 0.0


def _suite_name(path: Path) -> str:
    return path.name if path.parent == SUITES else f"{path.parent.name}/{path.name}"


def gather(corpus: str, suites: tuple[Path, ...], settings: Settings) -> list[Question]:
    """The weighed sentences of every answerable question of one corpus's suites."""
    for path in suites:
        if _suite_name(path) in HELD_OUT:
            raise ValueError(f"{path} is held out: it is never fitted on")
    folder = suite_corpus(suites[0])
    if folder is not None:
        settings = settings_for_corpus(settings, folder)
    components = build_components(settings)
    components.pipeline.run()
    assistant = Assistant(components)
    questions: list[Question] = []
    for case in load_suites(list(suites)):
        if not isinstance(case, QACase) or not case.answerable or not case.required_facts:
            continue
        filters = Filters.model_validate(case.filters) if case.filters else None
        try:
            evidence = assistant.gather_evidence(case.question, case.history, filters).result
        except Exception as exc:  # a question the service refuses is no training row
            log.warning("%s: %s", case.id, exc)
            continue
        evidence = safe_evidence(evidence)
        if not evidence.candidates:
            continue
        asked = SentenceQuestion.of(evidence.question, evidence)
        facts = [[a.lower() for a in fact.any_of] for fact in case.required_facts]
        rows = [
            Row(
                text,
                sentence_features(asked, passage, sentence, text),
                fact_share(text, facts),
                sentence.vector,
            )
            for passage in (
                PassageView.of(asked, c) for c in sentence_pool(evidence.question, evidence)
            )
            for sentence in passage.candidate.sentences
            if answerable_sentence(text := " ".join(sentence.text.split()), asked)
        ]
        questions.append(Question(case.id, corpus, rows, facts))
    return questions


# --- fitting ------------------------------------------------------------------------------
def _design(questions: list[Question]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, row weights): each question weighs 1 in all, over its rows."""
    features, labels, weights = [], [], []
    for question in questions:
        if not question.rows or question.oracle == 0.0:
            continue  # nothing to learn from: no weighed sentence holds a fact
        for row in question.rows:
            features.append(row.features)
            labels.append(row.label)
            weights.append(1.0 / len(question.rows))
    return np.array(features), np.array(labels), np.array(weights)


def fit_logistic(questions: list[Question], l2: float = L2) -> tuple[np.ndarray, float]:
    """Weighted logistic regression with fractional labels; returns (coefficients, intercept)."""
    x, y, w = _design(questions)
    w = w / w.sum() * len(set(q.case_id for q in questions))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = params[:-1], params[-1]
        logits = x @ coef + bias
        p = 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))
        eps = 1e-12
        value = -np.sum(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        value += 0.5 * l2 * float(coef @ coef)
        residual = w * (p - y)
        grad = np.concatenate([x.T @ residual + l2 * coef, [residual.sum()]])
        return float(value), grad

    start = np.zeros(x.shape[1] + 1)
    result = minimize(loss, start, jac=True, method="L-BFGS-B")
    return result.x[:-1], float(result.x[-1])


def _choices(question: Question, scorer: SentenceScorer) -> list[SentenceChoice]:
    placeholder = Candidate(Chunk("", "", "", "", "", "plan", 0, 0))  # keep_best reads none
    out = []
    for row in question.rows:
        score = scorer.score(row.features)
        out.append(SentenceChoice(row.text, placeholder, 0.0, 0.0, score, row.vector))
    return out


@dataclass(frozen=True)
class Figures:
    questions: int
    oracle: float
    top1: float
    answer: float
    kept: float

    def line(self) -> str:
        return f"top-1 {self.top1:.3f} · answer {self.answer:.3f} ({self.kept:.2f} sentences)"


def measure(questions: list[Question], scorer: SentenceScorer) -> Figures:
    top1: list[float] = []
    answer: list[float] = []
    kept: list[int] = []
    for question in questions:
        chosen = keep_best(_choices(question, scorer), scorer.keep_ratio)
        top1.append(fact_share(chosen[0].text, question.facts) if chosen else 0.0)
        answer.append(fact_share(" ".join(c.text for c in chosen), question.facts))
        kept.append(len(chosen))
    n = max(1, len(questions))
    return Figures(
        len(questions),
        sum(q.oracle > 0 for q in questions) / n,
        sum(top1) / n,
        sum(answer) / n,
        sum(kept) / n,
    )


def fit_scorer(questions: list[Question]) -> SentenceScorer:
    coefficients, intercept = fit_logistic(questions)
    best: tuple[float, float] | None = None
    for ratio in KEEP_RATIOS:
        scorer = SentenceScorer(tuple(map(float, coefficients)), intercept, ratio)
        figures = measure(questions, scorer)
        value = figures.answer - SENTENCE_COST * (figures.kept - 1)
        if best is None or value > best[0] + 1e-9:
            best = (value, ratio)
    assert best is not None
    return SentenceScorer(tuple(map(float, coefficients)), intercept, best[1])


def cross_validate(questions: list[Question]) -> list[dict[str, object]]:
    """Leave one corpus out: fitted on the others, measured on it, beside the weights in force
    and the hand-set ones."""
    rows: list[dict[str, object]] = []
    current = answer_weights().sentence
    for corpus in sorted({q.corpus for q in questions}):
        train = [q for q in questions if q.corpus != corpus]
        test = [q for q in questions if q.corpus == corpus]
        fitted = fit_scorer(train)
        before = measure(test, HAND_SET)
        now = measure(test, current)
        after = measure(test, fitted)
        rows.append(
            {
                "left_out": corpus,
                "questions": after.questions,
                "oracle": round(after.oracle, 3),
                "hand_set_top1": round(before.top1, 3),
                "in_force_top1": round(now.top1, 3),
                "fitted_top1": round(after.top1, 3),
                "hand_set_answer": round(before.answer, 3),
                "fitted_answer": round(after.answer, 3),
                "fitted_kept": round(after.kept, 2),
            }
        )
    return rows


def load_rows(refresh: bool) -> list[Question]:
    if CACHE.is_file() and not refresh:
        with CACHE.open("rb") as handle:
            cached: list[Question] = pickle.load(handle)
        return cached
    settings = Settings()
    questions: list[Question] = []
    for corpus, suites in DEVELOPMENT.items():
        gathered = gather(corpus, suites, settings)
        log.warning("%s: %d questions", corpus, len(gathered))
        questions.extend(gathered)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("wb") as handle:
        pickle.dump(questions, handle)
    return questions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite weights.json")
    parser.add_argument("--refresh", action="store_true", help="gather the rows again")
    parser.add_argument(
        "--list",
        action="store_true",
        help="print the development suite files, one per line, and stop: search these, "
        "never the unread held-out suites (grep … $(python -m evals.fit --list))",
    )
    args = parser.parse_args(argv)
    if args.list:
        print(
            "\n".join(
                str(path.relative_to(REPO)) for paths in DEVELOPMENT.values() for path in paths
            )
        )
        return 0
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    questions = load_rows(args.refresh)
    folds = cross_validate(questions)
    print(f"{len(questions)} questions, {sum(len(q.rows) for q in questions)} sentences")
    print("left out    | n   | oracle | top-1 hand → fitted | answer hand → fitted (kept)")
    for fold in folds:
        print(
            f"{fold['left_out']:<11} | {fold['questions']:<3} | {fold['oracle']:.3f}  | "
            f"{fold['hand_set_top1']:.3f} → {fold['fitted_top1']:.3f}      | "
            f"{fold['hand_set_answer']:.3f} → {fold['fitted_answer']:.3f} ({fold['fitted_kept']})"
        )
    scorer = fit_scorer(questions)
    print("fitted on every corpus:")
    for name, value in zip(SENTENCE_FEATURES, scorer.coefficients, strict=True):
        print(f"  {name:<17} {value:+.3f}")
    print(f"  {'intercept':<17} {scorer.intercept:+.3f}   keep_ratio {scorer.keep_ratio}")
    if args.write:
        fitted = {
            "by": "python -m evals.fit --write",
            "date": datetime.now(UTC).date().isoformat(),
            "suites": {c: [_suite_name(p) for p in s] for c, s in DEVELOPMENT.items()},
            "questions": len(questions),
            "l2": L2,
            "sentence_cost": SENTENCE_COST,
            "cross_validation": folds,
        }
        kept = answer_weights().gates  # the fit moves the scorer; the gates stay as they are
        written = AnswerWeights(sentence=scorer, gates=kept, fitted=fitted)
        WEIGHTS_FILE.write_text(weights_json(written), encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
