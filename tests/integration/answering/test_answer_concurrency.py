"""``answer_concurrency``: how many questions one process works on at once.

Answering holds Python's interpreter lock, so the web process lets a few questions in at a
time and the rest wait their turn; an LLM answer leaves its slot while the model writes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.components import build_components
from assistant.schemas import Answer, HistoryTurn
from assistant.service import Assistant
from ingest.embeddings import SentenceTransformerEmbeddings
from tests.conftest import settings_for

QUESTIONS = [
    "What are the four missions?",
    "Who leads the skills work?",
    "Which actions are overdue?",
    "What is the vision of the plan?",
]


def _assistant(data_dir: Path, embeddings: SentenceTransformerEmbeddings, slots: int) -> Assistant:
    return Assistant(build_components(settings_for(data_dir, answer_concurrency=slots), embeddings))


def _most_at_once(assistant: Assistant, questions: list[str]) -> int:
    """Ask every question from its own thread; the most that were between retrieval's start
    and the answer being recorded at the same moment."""
    inside, most = 0, 0
    lock = threading.Lock()
    gather, remember = assistant.gather_evidence, assistant._remember

    def counted_gather(*args: Any, **kwargs: Any) -> Any:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.05)  # long enough for every thread to arrive
        return gather(*args, **kwargs)

    def counted_remember(answer: Answer) -> None:
        nonlocal inside
        remember(answer)
        with lock:
            inside -= 1

    assistant.gather_evidence = counted_gather  # type: ignore[method-assign]
    assistant._remember = counted_remember  # type: ignore[method-assign]
    answers: list[Answer] = []
    threads = [
        threading.Thread(target=lambda q=q: answers.append(assistant.ask(q))) for q in questions
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == len(questions)
    assert all(answer.citations or answer.abstained for answer in answers)
    return most


@pytest.mark.parametrize("slots", [1, 2])
def test_at_most_the_set_number_of_questions_are_answered_at_once(
    indexed_data_dir: Path, shared_embeddings: SentenceTransformerEmbeddings, slots: int
) -> None:
    assistant = _assistant(indexed_data_dir, shared_embeddings, slots)
    assert _most_at_once(assistant, QUESTIONS) == slots


def test_an_llm_answer_leaves_its_slot_while_the_model_writes(
    indexed_data_dir: Path, shared_embeddings: SentenceTransformerEmbeddings
) -> None:
    """With one slot, a question answered by a (slow) model does not hold up the next one."""
    assistant = _assistant(indexed_data_dir, shared_embeddings, 1)
    model_may_finish = threading.Event()

    class SlowModel:
        name = "slow model"

        def answer(self, question: str, evidence: Any, history: Any = None) -> Answer:
            raise NotImplementedError

        def stream(
            self, question: str, evidence: Any, history: list[HistoryTurn] | None = None
        ) -> Iterator[str | Answer]:
            yield "The model is writing"
            model_may_finish.wait(timeout=30)
            yield Answer(answer="The model is writing.", abstained=False, model=self.name)

    extractive = assistant.extractive

    def answerer(name: str | None = None) -> Any:
        return SlowModel() if name == "openai" else extractive

    assistant.answerer = answerer  # type: ignore[method-assign]
    llm_stream = assistant.stream("What are the four missions?", answerer="openai")
    assert next(llm_stream).startswith("The model")  # type: ignore[union-attr]  # mid-answer

    done: list[Answer] = []
    other = threading.Thread(target=lambda: done.append(assistant.ask(QUESTIONS[1])))
    other.start()
    other.join(timeout=30)
    assert done and done[0].model != "slow model", "the next question waited for the model"

    model_may_finish.set()
    final = [item for item in llm_stream if isinstance(item, Answer)]
    assert final and final[0].answer.startswith("The model is writing")
