"""Deterministic synthetic corpora: ×N documents made of renamed, paraphrased copies.

Copy 0 of each file is the original (so the eval questions keep their gold sources); copy
``i`` renames places, organisations and people to invented names and swaps common words for
synonyms, both chosen by a seeded RNG, so every copy is distinct text with the original's
structure (headings, tables, action-log rows) intact.

Embedding 100× the corpus on 2 shared cores would take most of an hour, so
:class:`ReusingEmbeddings` encodes each *distinct* text for real and gives a copy whose only
differences are renamed entities and swapped synonyms its source's vector plus a small,
deterministic perturbation. The index then has the real size and realistic near-duplicates;
the report says how many texts were encoded and how many reused.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path
from typing import Any

import numpy as np

from ingest.embeddings import SentenceTransformerEmbeddings

ENTITIES = (
    "Lancashire", "Cumbria", "Lancaster", "Preston", "Blackpool", "Burnley", "Blackburn",
    "Warton", "Samlesbury", "Manchester", "Liverpool", "Malaysia", "Germany", "Healthwatch",
    "Fraser", "Daresbury", "Heysham", "UCLan", "Maya", "Matt", "Morecambe", "Chorley",
    "Pendle", "Wyre", "Fylde", "Ribble",
)  # fmt: skip
SYNONYMS = (
    ("will", "shall"),
    ("support", "assist"),
    ("develop", "build up"),
    ("increase", "grow"),
    ("improve", "strengthen"),
    ("ensure", "make sure"),
    ("businesses", "firms"),
    ("opportunities", "openings"),
    ("working", "collaborating"),
    ("create", "establish"),
    ("help", "aid"),
    ("key", "main"),
)
SYLLABLES = ("nor", "ash", "wick", "bel", "tor", "ham", "ley", "dun", "mar", "ford", "sel", "bry")
NOISE = 0.015  # perturbation of a reused vector (cosine to its source ≈ 0.99)


def invented_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        names.add(name.capitalize())
    return sorted(names)


def _case_like(word: str, template: str) -> str:
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class SyntheticCorpus:
    """Writes ``×factor`` corpora under a root and normalises text back to its source form."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.invented: set[str] = set()
        self._entity_re = re.compile(r"\b(" + "|".join(ENTITIES) + r")\b")
        words = [w for pair in SYNONYMS for w in pair]
        self._synonym_re = re.compile(
            r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.I
        )
        self._canonical = {w.lower(): pair[0] for pair in SYNONYMS for w in pair}
        self._invented_re: re.Pattern[str] | None = None
        self._invented_count = 0

    def copy_text(self, text: str, copy: int) -> str:
        """Copy ``copy`` (≥1) of ``text``: entities renamed, about half the synonyms swapped."""
        rng = random.Random(f"{self.seed}:{copy}")
        names = dict(zip(ENTITIES, invented_names(rng, len(ENTITIES)), strict=True))
        self.invented.update(names.values())
        text = self._entity_re.sub(lambda m: names[m.group(1)], text)
        swaps = {a: b for a, b in SYNONYMS if rng.random() < 0.5}

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            replacement = swaps.get(word.lower())
            return _case_like(replacement, word) if replacement else word

        return self._synonym_re.sub(swap, text)

    def write(self, base: Path, target: Path, factor: int) -> dict[str, Any]:
        """``factor`` copies of every file of ``base`` under ``target`` (copy 0 = original)."""
        files = sorted(p for p in base.rglob("*") if p.is_file())
        written = 0
        size = 0
        for path in files:
            rel = path.relative_to(base)
            text = path.read_text(encoding="utf-8")
            for copy in range(factor):
                out = (
                    target / rel
                    if copy == 0
                    else target / rel.parent / f"{rel.stem}--copy{copy:03d}{rel.suffix}"
                )
                out.parent.mkdir(parents=True, exist_ok=True)
                body = text if copy == 0 else self.copy_text(text, copy)
                out.write_text(body, encoding="utf-8")
                written += 1
                size += len(body.encode("utf-8"))
        return {"factor": factor, "documents": written, "mb": round(size / 1e6, 3)}

    def normalise(self, text: str) -> str:
        """The source form of a copy's text: invented names and synonyms mapped back."""
        if self.invented:
            if self._invented_re is None or self._invented_count != len(self.invented):
                names = sorted(self.invented, key=len, reverse=True)
                self._invented_re = re.compile(r"\b(" + "|".join(names) + r")\b")
                self._invented_count = len(self.invented)
            text = self._invented_re.sub("§", text)
        text = self._entity_re.sub("§", text)
        text = self._synonym_re.sub(lambda m: self._canonical[m.group(0).lower()], text)
        return re.sub(r"\s+", " ", text).strip().lower()


class ReusingEmbeddings(SentenceTransformerEmbeddings):
    """Encodes each distinct normalised text once; copies reuse it with a small perturbation."""

    def __init__(self, inner: SentenceTransformerEmbeddings, corpus: SyntheticCorpus) -> None:
        super().__init__(inner.model_name_or_path, inner.batch_size, inner.backend, inner.cache_dir)
        self._model = inner.model
        self.corpus = corpus
        self.cache: dict[str, np.ndarray] = {}
        self.encoded = 0
        self.reused = 0

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        keys = [self.corpus.normalise(t) for t in texts]
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self.cache and key not in todo:
                todo[key] = text
        if todo:
            vectors = super().encode(list(todo.values()), **kwargs)
            self.cache.update(zip(todo.keys(), vectors, strict=True))
            self.encoded += len(todo)
        fresh = set(todo.values())
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for i, (key, text) in enumerate(zip(keys, texts, strict=True)):
            vector = self.cache[key]
            if text not in fresh:
                self.reused += 1
                seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:4], "little")
                noise = np.random.default_rng(seed).normal(0, NOISE, vector.shape)
                vector = vector + noise.astype(np.float32)
                vector = vector / np.linalg.norm(vector)
            out[i] = vector
        return out
