"""CAMEO verb patterns (PETRARCH2's dictionary) and the CAMEO-to-PLOVER table, as a lookup.

The compiled lexicon ``resources/events_cameo.json`` is rebuilt by ``scripts/train_events.py``
from ``../shared/data``. ``CameoLexicon.code`` answers: which CAMEO code does this verb, with
these words around it, express? ``plover`` turns a CAMEO code into a PLOVER type and mode.
"""

from __future__ import annotations

import json
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsgraph.resources import path as resource_path

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["CameoLexicon", "cameo_lexicon", "event_nouns", "listed_type", "trigger_types"]

RESOURCE = "events_cameo.json"
TRIGGERS = "events_triggers.tsv"
#: Words that make a "strike" an armed one ("air strikes", "a drone strike", "missile strikes"),
#: not a walkout: the trigger list's PROTEST for "strike" then gives way to ASSAULT.
_ARMED = frozenset(
    {
        "air",
        "aerial",
        "artillery",
        "drone",
        "missile",
        "rocket",
        "military",
        "naval",
        "nuclear",
        "retaliatory",
        "precision",
        "preemptive",
        "pre-emptive",
        "surgical",
    }
)


@dataclass(frozen=True, slots=True)
class CameoLexicon:
    """``verbs``: lemma -> (its own code or None, index of its pattern block).
    ``blocks``: per block, (words needed before the verb, words needed after it, code or None
    for "no event") patterns.
    ``table``: CAMEO code -> (PLOVER type, mode or None)."""

    verbs: dict[str, tuple[str | None, int]]
    blocks: list[list[tuple[frozenset[str], frozenset[str], str | None]]]
    table: dict[str, tuple[str, str | None]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CameoLexicon:
        return cls(
            verbs={k: (v[0], int(v[1])) for k, v in data["verbs"].items()},
            blocks=[
                [(frozenset(b), frozenset(a), c) for b, a, c in block] for block in data["blocks"]
            ],
            table={k: (v[0], v[1] or None) for k, v in data["table"].items()},
        )

    def code(self, lemma: str, context: Set[str], before: Set[str] | None = None) -> str | None:
        """The CAMEO code of verb ``lemma`` given the lower-cased words/lemmas after it
        (``context``) and before it (``before``; when None, ``context`` holds the words on
        both sides).

        The pattern with most words, each present on its side, wins; otherwise the verb's own
        code. None when the verb is unknown or its best pattern says "no event".
        """
        entry = self.verbs.get(lemma)
        if entry is None:
            return None
        own, block = entry
        left = context if before is None else before
        best: tuple[int, str | None] | None = None
        for needs_before, needs_after, code in self.blocks[block]:
            n = len(needs_before) + len(needs_after)
            if (best is None or n > best[0]) and needs_after <= context and needs_before <= left:
                best = (n, code)
        return best[1] if best else own

    def plover(self, code: str | None) -> tuple[str, str | None] | None:
        """PLOVER (type, mode) of a CAMEO code, by its longest known prefix."""
        if not code:
            return None
        for n in range(len(code), 1, -1):
            if code[:n] in self.table:
                return self.table[code[:n]]
        return None


@lru_cache(maxsize=1)
def trigger_types() -> dict[str, str]:
    """Hand-written trigger lemma -> PLOVER type (``resources/events_triggers.tsv``)."""
    return {lemma: type_ for lemma, type_, _ in _trigger_rows()}


def listed_type(word: Token, triggers: dict[str, str]) -> str | None:
    """The trigger list's type for ``word`` (``triggers`` from ``trigger_types`` or
    ``event_nouns``), with "strike" read as ASSAULT where a word before it arms it."""
    lemma = word.lemma_.lower()
    armed = (
        lemma == "strike"
        and word.pos_ == "NOUN"
        and any(c.dep_ in ("compound", "amod") and c.lower_ in _ARMED for c in word.lefts)
    )
    return "ASSAULT" if armed else triggers.get(lemma)


@lru_cache(maxsize=1)
def event_nouns() -> dict[str, str]:
    """The nouns of the trigger list that tell an event by themselves ("the protests")."""
    return {lemma: type_ for lemma, type_, pos in _trigger_rows() if pos in ("NOUN", "ANY")}


def _trigger_rows() -> list[tuple[str, str, str]]:
    lines = resource_path(TRIGGERS).read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
    return [(r[0], r[1], r[2]) for r in rows]


@lru_cache(maxsize=1)
def cameo_lexicon() -> CameoLexicon:
    data = json.loads(resource_path(RESOURCE).read_text(encoding="utf-8"))
    return CameoLexicon.from_json(data)
