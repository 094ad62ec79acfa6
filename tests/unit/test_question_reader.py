"""The fitted question reader: its inputs, its weights file, and how it joins the rules."""

from __future__ import annotations

import json

import pytest

from assistant.retrieval.intent import read_intent, read_rules
from assistant.retrieval.question_reader import (
    READER_FILE,
    READER_LABELS,
    QuestionReader,
    question_features,
    question_reader,
    reads_alone,
)
from evals.fit_reader import LABELS_FILE, load_labelled, rules_read


def test_features_are_words_pairs_and_the_opening_with_numbers_as_placeholders() -> None:
    features = question_features("How many by 2030, and £40k?")
    assert features[:4] == ["w:how", "w:many", "w:by", "w:<year>"]
    assert "b:by <year>" in features and "w:<num>" in features and "w:£" in features
    assert features[-1] == "o:how many"
    assert question_features("What’s it") == question_features("What's it")  # one apostrophe
    assert question_features("whats it") == question_features("what's it")  # typed without


def test_the_weights_file_was_written_by_the_fit_with_trusted_thresholds() -> None:
    data = json.loads(READER_FILE.read_text(encoding="utf-8"))
    assert data["fitted"]["by"] == "python -m evals.fit_reader"
    assert data["labels"], "the fit found no label where the model adds to the rules"
    for name, spec in data["labels"].items():
        assert name in READER_LABELS
        assert 0.5 <= spec["threshold"] < 1.0
        assert spec["weights"]


def test_a_label_is_read_above_its_threshold_only() -> None:
    reader = QuestionReader.from_json(
        {"labels": {"result": {"intercept": -1.0, "threshold": 0.6, "weights": {"b:so far": 3.0}}}}
    )
    assert reader.read("how many are in so far?") == {"result"}
    assert reader.read("how many are in?") == frozenset()


def test_the_reader_adds_to_the_rules_and_never_takes_away() -> None:
    for each in load_labelled(LABELS_FILE)[::7]:
        rules, both = read_rules(each.question), read_intent(each.question)
        assert rules_read(rules) <= rules_read(both), each.question
        assert rules.asks_for <= both.asks_for
        assert both.asks_owner == rules.asks_owner and both.asks_list == rules.asks_list


@pytest.mark.parametrize(
    "question",
    ["What's the status of the dashboard?", "Who leads the research theme?",
     "What does RAG mean?"],
)  # fmt: skip
def test_a_claim_is_read_only_of_a_question_asking_for_a_figure(question: str) -> None:
    intent = read_intent(question)
    assert not intent.asks_result and not intent.asks_target


def test_the_reader_reads_what_the_rules_miss() -> None:
    question = "what income is the theme meant to bring in by 2029-30?"
    rules, both = read_rules(question), read_intent(question)
    assert rules.claim_asked is None and not rules.asks_for
    assert both.claim_asked == "target" and both.asks_for == {"amount"}


@pytest.mark.parametrize(
    "question",
    ["And what was it back in 2023-24?", "and the year after?", "what about goal 3?"],
)
def test_a_question_going_on_from_the_last_turn_is_left_to_the_rules(question: str) -> None:
    assert not reads_alone(question)
    assert read_intent(question) == read_rules(question)


def test_labels_name_only_known_kinds() -> None:
    labelled = load_labelled(LABELS_FILE)
    assert len(labelled) > 1500
    assert {each.corpus for each in labelled} == {"seed", "university", "charity"}
    assert all(each.labels <= set(READER_LABELS) for each in labelled)
    assert question_reader() is question_reader()  # read from disk once


def test_no_weight_rests_on_words_only_one_organisation_asks() -> None:
    """A name ("the Hive", "Orlow") is one organisation's topic: a weight on it would memorise
    which of its things were asked about, not how a question asks."""
    seen_in: dict[str, set[str]] = {}
    for each in load_labelled(LABELS_FILE):
        for feature in question_features(each.question):
            seen_in.setdefault(feature, set()).add(each.corpus)
    data = json.loads(READER_FILE.read_text(encoding="utf-8"))
    for spec in data["labels"].values():
        one_corpus = [f for f in spec["weights"] if len(seen_in.get(f, set())) < 2]
        assert not one_corpus, one_corpus[:5]
