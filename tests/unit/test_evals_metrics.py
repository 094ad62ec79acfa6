"""Metric functions on hand-computed examples."""

from __future__ import annotations

import math

import pytest

from evals.metrics.abstention import abstention_summary
from evals.metrics.answer import (
    answer_sentences,
    citation_precision,
    citation_valid,
    fact_hits,
    forbidden_found,
    is_supported,
    lexical_support,
    literals,
    markers,
    unsupported_literals,
)
from evals.metrics.drafts import draft_citations_valid, include_exclude
from evals.metrics.retrieval import (
    Retrieved,
    hit_at_k,
    ndcg_at_k,
    normalise,
    reciprocal_rank,
    span_recall,
    spans_in,
)

A, B, C = "plans/a.txt", "plans/b.txt", "action-logs/c.txt"
RANKED = [
    Retrieved(B, "nothing here"),
    Retrieved(A, "Warton   Enterprise\nZone is a PRIME site for mobility"),
    Retrieved(C, "the second span lives here"),
    Retrieved(A, "more of a"),
]


@pytest.mark.parametrize(("k", "expected"), [(1, 0.0), (2, 1.0), (3, 1.0), (10, 1.0)])
def test_hit_at_k_uses_first_gold_source_rank(k: int, expected: float) -> None:
    assert hit_at_k(RANKED, [A], k) == expected


def test_reciprocal_rank_and_cutoff() -> None:
    assert reciprocal_rank(RANKED, [A]) == 0.5
    assert reciprocal_rank(RANKED, [C, A]) == 0.5
    assert reciprocal_rank(RANKED, [C]) == pytest.approx(1 / 3)
    assert reciprocal_rank(RANKED, [C], k=2) == 0.0
    assert reciprocal_rank(RANKED, ["plans/none.txt"]) == 0.0


def test_span_matching_collapses_whitespace_and_case() -> None:
    assert normalise("  A\tb \n C ") == "a b c"
    assert spans_in(RANKED[1].text, ["warton enterprise zone is a prime site", "absent"]) == {0}


def test_span_recall_counts_spans_in_top_k() -> None:
    spans = ["Warton Enterprise Zone", "second span", "never retrieved"]
    assert span_recall(RANKED, spans, k=5) == (2, 3)
    assert span_recall(RANKED, spans, k=2) == (1, 3)


def test_ndcg_span_novelty_by_hand() -> None:
    spans = ["Warton Enterprise Zone", "second span"]
    # span 0 first at rank 2 (gain 1/log2 3), span 1 at rank 3 (gain 1/log2 4 = 0.5)
    expected = (1 / math.log2(3) + 0.5) / 2
    assert ndcg_at_k(RANKED, spans, 10) == pytest.approx(expected)
    # both spans in the first chunk is ideal
    assert ndcg_at_k([Retrieved(A, "Warton Enterprise Zone; second span")], spans) == 1.0
    # repeating a span later earns nothing
    assert ndcg_at_k([Retrieved(A, "x"), RANKED[1], RANKED[1]], spans[:1]) == pytest.approx(
        1 / math.log2(3)
    )
    assert ndcg_at_k(RANKED, []) == 0.0


def test_facts_and_forbidden_are_case_insensitive_substrings() -> None:
    answer = "The workstream costs £20,000 in total; Warton is named [1]."
    assert fact_hits(answer, [["£20k", "20,000"], ["warton"], ["Samlesbury"]]) == [
        True,
        True,
        False,
    ]
    assert forbidden_found(answer, ["samlesbury", "WARTON", ""]) == ["WARTON"]


def test_citation_validity_and_precision() -> None:
    corpus = {A, B}
    assert markers("x [2] y [1] z [2]") == [2, 1]
    assert citation_valid("x [1] y [2]", {1: A, 2: B}, corpus)
    assert not citation_valid("x [3]", {1: A}, corpus)
    assert not citation_valid("x [1]", {1: "plans/invented.txt"}, corpus)
    assert citation_valid("no markers at all", {}, corpus)
    assert citation_precision([A, B, A], [A]) == (2, 3)
    assert citation_precision([], [A]) == (0, 0)


def test_answer_sentences_attach_markers() -> None:
    sentences = answer_sentences(
        "- **Owner:** Maya; status: started. Videos made [1]\nSecond claim. [2] Third [3]."
    )
    assert [s.cites for s in sentences] == [(1,), (1,), (2,), (3,)]
    assert sentences[2].text == "Second claim."
    assert answer_sentences("Uncited claim here.")[0].cites == ()


def test_lexical_support_and_threshold() -> None:
    assert lexical_support("Warton is a prime site", "Warton Enterprise Zone is a prime site") == 1
    assert lexical_support("Paris is the capital", "Warton is a site") == 0.0
    assert is_supported(0.9, 1.0)
    assert not is_supported(0.95, 0.1)  # no lexical anchor
    assert not is_supported(0.3, 0.5)


def test_literals_and_unsupported_literals() -> None:
    answer = "The budget is £5bn for the NCF in Samlesbury. Owner: Maya [1]."
    found = literals(answer)
    assert "5" in found and "NCF" in found and "Samlesbury" in found
    assert "The" not in found and "Owner" not in found  # sentence/clause initial
    missing, total = unsupported_literals(answer, ["Cyber Force (NCF) HQ is a £5bn investment"])
    assert total == len(found)
    assert set(missing) == {"Samlesbury", "Maya"}
    assert unsupported_literals("It costs 20,000 pounds.", ["cost: 20000"]) == ([], 1)


def test_abstention_rates_by_hand() -> None:
    # (answerable, abstained): 2 correct abstentions, 1 missed, 1 false refusal, 2 answered
    pairs = [(False, True), (False, True), (False, False), (True, True), (True, False)]
    pairs.append((True, False))
    summary = abstention_summary(pairs)
    assert summary["abstention_precision"] == pytest.approx(2 / 3)
    assert summary["abstention_recall"] == pytest.approx(2 / 3)
    assert summary["false_refusal_rate"] == pytest.approx(1 / 3)
    assert abstention_summary([(True, False)])["abstention_precision"] is None


def test_draft_include_exclude_and_citations() -> None:
    actions = ["Encouraging Knowledge Transfer Partnerships (KTPs)", "Market Foresight Observatory"]
    missing, leaked = include_exclude(
        actions, ["knowledge transfer partnerships", "Innovation Board"], ["market foresight"]
    )
    assert missing == ["Innovation Board"]
    assert leaked == ["market foresight"]
    assert draft_citations_valid("- a [row 4]\n- b [row 8]", {4, 8}, {"r1"}, {"r1", "r2"})
    assert not draft_citations_valid("- a [row 5]", {4}, {"r1"}, {"r1"})
    assert not draft_citations_valid("- a [row 4]", {4}, {"invented"}, {"r1"})
