"""Deterministic synthetic corpora: ×N documents made of renamed, paraphrased copies.

Copy 0 of each file is the original (so the eval questions keep their gold sources); copy
``i`` renames places, organisations and people to invented names and swaps common words for
synonyms, both chosen by a seeded RNG, so every copy is distinct text with the original's
structure (headings, tables, action-log rows) intact.

Every text of a synthetic corpus is encoded for real by the ingest pipeline; the cost of that
at ×100 is paid once, by the build cache of :mod:`evals.bench.scaling`.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 2
"""Bump when :meth:`SyntheticCorpus.copy_text` changes what a copy is: cached builds of the
synthetic sizes (:mod:`evals.bench.scaling`) are keyed on it."""

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
    ("provide", "offer"),
    ("identify", "pinpoint"),
    ("communities", "neighbourhoods"),
    ("partners", "collaborators"),
    ("priorities", "focus areas"),
    ("organisations", "bodies"),
    ("effective", "successful"),
    ("promote", "champion"),
    ("approach", "method"),
    ("review", "assess"),
    ("existing", "current"),
    ("across", "throughout"),
    ("programmes", "schemes"),
    ("funding", "finance"),
    ("research", "study"),
    ("health", "wellbeing"),
    ("people", "individuals"),
    ("strategy", "plan"),
    ("engagement", "involvement"),
    ("local", "regional"),
    ("development", "growth"),
    ("system", "network"),
    ("activities", "tasks"),
    ("delivery", "provision"),
    ("partnership", "alliance"),
    ("workforce", "staff"),
    ("outcomes", "results"),
    ("services", "facilities"),
    ("projects", "initiatives"),
    ("clear", "explicit"),
    ("within", "inside"),
    ("training", "learning"),
    ("including", "such as"),
    ("different", "varied"),
    ("collaboration", "cooperation"),
    ("region", "area"),
    ("through", "via"),
    ("sectors", "industries"),
    ("groups", "teams"),
    ("new", "fresh"),
)
"""Word pairs a copy may swap either way; no word is in two pairs."""
SYLLABLES = ("nor", "ash", "wick", "bel", "tor", "ham", "ley", "dun", "mar", "ford", "sel", "bry")


_ANY_NAME = re.compile(
    r"\b(?:" + "|".join(ENTITIES) + r"|(?:" + "|".join(SYLLABLES) + r"){2,3})\b", re.I
)
_ANY_SYNONYM = re.compile(
    r"\b(" + "|".join(sorted((w for p in SYNONYMS for w in p), key=len, reverse=True)) + r")\b",
    re.I,
)
_FIRST_OF_PAIR = {b: a for a, b in SYNONYMS} | {a: a for a, _ in SYNONYMS}


def canonical_text(text: str) -> str:
    """``text`` as every copy of it reads alike: names (original or invented) as ``<name>``,
    each synonym pair as its first word, spaces collapsed, lower case. A passage of the
    original and its counterpart in any copy have the same canonical text, so a benchmark
    can tell "the answering passage, in some copy" from "the original's passage".

    >>> canonical_text("The Warton site shall assist firms") == canonical_text(
    ...     "The Norashwick site will support businesses")
    True
    """
    named = _ANY_NAME.sub("<name>", text)
    swapped = _ANY_SYNONYM.sub(lambda m: _FIRST_OF_PAIR[m.group(1).lower()], named)
    return " ".join(swapped.split()).lower()


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
    """Writes ``×factor`` corpora of a base corpus under a root."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._entity_re = re.compile(r"\b(" + "|".join(ENTITIES) + r")\b")
        words = [w for pair in SYNONYMS for w in pair]
        self._synonym_re = re.compile(
            r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.I
        )
        self._other = {a: b for a, b in SYNONYMS} | {b: a for a, b in SYNONYMS}

    def copy_text(self, text: str, copy: int) -> str:
        """Copy ``copy`` (≥1) of ``text``: entities renamed per copy; each occurrence of a
        synonym-pair word swapped for the other with probability ½ (so copies of one sentence
        differ whenever it has a few such words)."""
        rng = random.Random(f"{self.seed}:{copy}")
        names = dict(zip(ENTITIES, invented_names(rng, len(ENTITIES)), strict=True))
        text = self._entity_re.sub(lambda m: names[m.group(1)], text)

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            if rng.random() < 0.5:
                return word
            return _case_like(self._other[word.lower()], word)

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
