"""The answerer's fitted weights: one config file that must match the code's features, and the
fit that writes it (logistic regression, keep ratio, leave-one-corpus-out)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.answering.weights import (
    SENTENCE_FEATURES,
    WEIGHTS_FILE,
    AnswerWeights,
    Gates,
    SentenceScorer,
    WeightsError,
    answer_weights,
    parse_weights,
    weights_json,
)
from assistant.retrieval.corpus_terms import rare_coverage
from evals.fit import (
    HELD_OUT,
    Question,
    Row,
    cross_validate,
    fact_share,
    fit_logistic,
    fit_scorer,
    main,
    measure,
)


def test_committed_weights_match_the_features_and_record_their_fit() -> None:
    weights = answer_weights()
    assert len(weights.sentence.coefficients) == len(SENTENCE_FEATURES)
    assert "evals.fit" in str(weights.fitted.get("by"))
    folds = weights.fitted.get("cross_validation")
    assert isinstance(folds, list) and {f["left_out"] for f in folds} >= {"seed", "charity"}


def test_weights_for_other_features_are_refused_with_the_command_to_refit() -> None:
    raw = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    raw["sentence"]["features"] = raw["sentence"]["features"][:-1]
    with pytest.raises(WeightsError, match=r"evals\.fit --write"):
        parse_weights(raw)


def test_weights_round_trip_through_json() -> None:
    scorer = SentenceScorer(tuple(i / 4 for i in range(len(SENTENCE_FEATURES))), -1.0, 0.8)
    gates = Gates(similarity_floor=0.25, table_rest_coverage=0.4)
    written = AnswerWeights(sentence=scorer, gates=gates, fitted={"by": "test"})
    again = parse_weights(json.loads(weights_json(written)))
    assert again.sentence == scorer
    assert again.gates == gates
    assert again.fitted == {"by": "test"}


def test_unknown_gates_are_refused_by_name() -> None:
    raw = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    raw["gates"]["closeness"] = 0.4
    with pytest.raises(WeightsError, match="closeness"):
        parse_weights(raw)


def test_the_gates_in_force_are_the_checks_thresholds() -> None:
    from assistant.answering.support import SentenceChoice, close_enough
    from assistant.retrieval.hybrid import Candidate
    from ingest.types import Chunk

    gates = answer_weights().gates
    chunk = Chunk(
        id="p#1", text="x", source="p", title="P", section="", kind="plan",
        line_start=1, line_end=1,
    )  # fmt: skip
    just_below = SentenceChoice("x", Candidate(chunk), gates.similarity_floor - 0.01, 1.0, 1.0)
    at_floor = SentenceChoice("x", Candidate(chunk), gates.close_similarity, 0.0, 1.0)
    assert not close_enough([just_below])
    assert close_enough([at_floor])


def test_the_logistic_link_gives_a_probability_and_identity_the_weighted_sum() -> None:
    weights = (2.0,) + (0.0,) * (len(SENTENCE_FEATURES) - 1)
    low, high = np.zeros(len(SENTENCE_FEATURES)), np.zeros(len(SENTENCE_FEATURES))
    high[0] = 1.0
    logistic = SentenceScorer(weights, 0.0, 0.9)
    assert logistic.score(low) == pytest.approx(0.5)
    assert 0.85 < logistic.score(high) < 1.0
    assert SentenceScorer(weights, 0.5, 0.9, "identity").score(high) == pytest.approx(2.5)


def test_an_unknown_link_is_refused() -> None:
    raw = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    raw["sentence"]["link"] = "probit"
    with pytest.raises(WeightsError, match="logistic or identity"):
        parse_weights(raw)


def test_rare_words_weigh_more_in_coverage() -> None:
    rarity = {"quorum": 6.0, "trust": 2.0}
    assert rare_coverage(["quorum", "trust"], {"quorum"}, rarity) == pytest.approx(0.75)
    assert rare_coverage(["quorum", "trust"], {"trust"}, rarity) == pytest.approx(0.25)
    assert rare_coverage([], {"trust"}, rarity) == 0.0


def test_fact_share_reads_facts_as_scoring_does() -> None:
    facts = [["30 june", "june 30"], ["graham"]]
    assert fact_share("Review by June 30.", facts) == 0.5
    assert fact_share("Graham Holt to review by 30 June.", facts) == 1.0


def _questions(corpus: str, count: int, seed: int) -> list[Question]:
    """Questions where feature 0 marks the sentence holding the fact, and the rest is noise."""
    rng = np.random.default_rng(seed)
    questions = []
    for n in range(count):
        rows = []
        for i in range(6):
            features = rng.random(len(SENTENCE_FEATURES)) * 0.5
            holds = i == n % 6
            features[0] = 0.9 if holds else 0.2
            rows.append(
                Row(
                    f"{corpus}-{n}-{i} {'fact' if holds else 'other'}", features, float(holds), None
                )
            )
        questions.append(Question(f"{corpus}-{n}", corpus, rows, [["fact"]]))
    return questions


def test_the_fit_learns_which_feature_marks_the_answer() -> None:
    questions = _questions("a", 30, 1) + _questions("b", 30, 2)
    coefficients, _ = fit_logistic(questions)
    assert coefficients[0] == max(coefficients) and coefficients[0] > 1.0
    scorer = fit_scorer(questions)
    figures = measure(questions, scorer)
    assert figures.top1 == 1.0 and figures.oracle == 1.0


def test_cross_validation_leaves_each_corpus_out_once() -> None:
    questions = _questions("a", 20, 1) + _questions("b", 20, 2) + _questions("c", 20, 3)
    folds = cross_validate(questions)
    assert [f["left_out"] for f in folds] == ["a", "b", "c"]
    assert all(f["fitted_top1"] == 1.0 and f["questions"] == 20 for f in folds)


def test_the_development_list_never_names_an_unread_suite(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``python -m evals.fit --list`` is what a search of the questions may read: the
    held-out suites (the issue's holdout4, the next round's unread ones) are not in it."""
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out.split()
    assert listed and all(path.endswith(".yaml") for path in listed)
    seed_held_out = {name for name in HELD_OUT if "/" not in name}
    corpora_held_out = {name for name in HELD_OUT if "/" in name}
    for path in listed:
        assert not (path.startswith("evals/suites/") and path.split("/")[-1] in seed_held_out)
        assert "/".join(path.split("/")[-2:]) not in corpora_held_out, path
