"""Junk and foreign-language questions are recognised from their characters alone."""

from __future__ import annotations

import pytest

from assistant.answering.question_text import looks_non_english, readable, unreadable_reason

RANDOM_BYTES = bytes(range(256)).decode("latin-1")  # what a pasted binary file reads as


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (RANDOM_BYTES, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".decode("latin-1"), "binary data"),
        ("\ufffd\ufffd\ufffd\ufffd who", "binary data"),  # bytes that failed to decode
        ("@@@ ### $$$ ???", "no words"),
        ("Who owns the KTP action?", None),
        ("Qui est responsable de la stratégie?", None),  # foreign, but readable
        ("Who owns\x07 the KTP action?", None),  # one stray control character is dropped
    ],
)
def test_unreadable_reason(text: str, reason: str | None) -> None:
    found = unreadable_reason(text)
    assert (found is None) if reason is None else (reason in (found or ""))


def test_a_stray_control_character_is_dropped() -> None:
    assert readable("Who owns\x07 the KTP action?") == "Who owns the KTP action?"


@pytest.mark.parametrize(
    ("question", "foreign"),
    [
        ("Qui est responsable de la stratégie marketing ?", True),
        ("¿Quién es el responsable de la estrategia de marketing?", True),
        ("Wer ist für die Marketingstrategie verantwortlich?", True),
        ("谁负责营销策略？", True),
        ("Кто отвечает за маркетинговую стратегию?", True),
        ("Who owns KTP?", False),
        ("Innovation Month owner", False),  # no function words at all: not flagged
        ("What does the NMAHP strategy say about la Cumbria?", False),
        ("Sunway Lancaster partnership", False),
        ("¿Cuál es el presupuesto del plan de innovación?", True),  # "plan" is not English here
    ],
)
def test_looks_non_english(question: str, foreign: bool) -> None:
    assert looks_non_english(question) is foreign
