"""Chat models for any OpenAI-compatible server (vLLM, Ollama, llama.cpp server, OpenAI).

``langchain-openai`` is imported lazily so the extractive default never pays for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_openai import ChatOpenAI

    from assistant.settings import Settings


class LLMUnavailable(RuntimeError):
    """The LLM server is down, too slow, or answered with something unusable."""


def make_chat_model(settings: Settings, streaming: bool = False) -> ChatOpenAI:
    if not settings.llm_base_url:
        raise LLMUnavailable("No LLM configured: set ASSISTANT_LLM_BASE_URL")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:  # pragma: no cover - it is a core dependency
        raise LLMUnavailable("pip install langchain-openai") from exc
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        temperature=0.0,
        # sent as the classic ``max_tokens`` field: langchain-openai renames its own
        # max_tokens to max_completion_tokens, which llama.cpp's server (and other
        # OpenAI-compatible servers) ignore, so replies would run to the context limit
        extra_body={"max_tokens": settings.llm_max_tokens},
        streaming=streaming,
    )


def load_prompt(settings: Settings, name: str) -> str:
    """Prompts live as files in ``prompts/`` so they can be read and reviewed as text."""
    path = Path(settings.prompts_path) / name
    return path.read_text(encoding="utf-8")
