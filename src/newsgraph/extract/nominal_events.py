"""Events told by a noun: "the protests", "the deployment of outside troops", "the crackdown".

The noun's type comes from the trigger lexicon (``resources/events_triggers.tsv``); its source is
an actor owning it ("Russia's deployment", "the deployment by Russia", "the deployment of
troops"), its target one it is aimed at ("against", "on"); "between X and Y" gives both. These
have no classifier behind them, so they carry a fixed, modest confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.extract.token_table import table

__all__ = ["NOMINAL_CONFIDENCE", "NominalEvent", "nominal_events"]

NOMINAL_CONFIDENCE = 0.5
_SOURCE_PREPS = frozenset({"by", "of", "from"})
_TARGET_PREPS = frozenset({"against", "on", "at", "upon"})


@dataclass(frozen=True, slots=True)
class NominalEvent:
    trigger: Token
    type: str
    source: Span | None
    target: Span | None


def nominal_events(
    sent: Span, mentions: list[tuple[Span, str]], triggers: dict[str, str]
) -> Iterator[NominalEvent]:
    """Event nouns of one sentence with the actor mentions attached to them; a noun modifying
    another ("the protest leader", "attack helicopters") names a kind of thing, no event."""
    tokens = table(sent.doc)
    pos, dep, lemma = tokens.pos, tokens.dep, tokens.lemma
    for i in range(sent.start, sent.end):
        if pos[i] != "NOUN" or dep[i] == "compound" or lemma[i] not in triggers:
            continue
        tok = sent.doc[i]
        source = target = None
        for span, _ in mentions:
            role = _role(span.root, tok)
            if role == "source" and source is None:
                source = span
            elif role == "target" and target is None:
                target = span
        yield NominalEvent(tok, triggers[tok.lemma_.lower()], source, target)


def _role(root: Token, noun: Token) -> str | None:
    if root.head.i == noun.i and root.dep_ in ("poss", "compound", "amod"):
        return "source"
    # "talks between the union and Harbourline", "clashes between farmers and police"
    if root.dep_ == "conj" and _between(root.head, noun):
        return "target"
    if _between(root, noun):
        return "source"
    if root.dep_ == "pobj" and root.head.head.i == noun.i:
        prep = root.head.lower_
        if prep in _SOURCE_PREPS:
            return "source"
        if prep in _TARGET_PREPS:
            return "target"
    return None


def _between(root: Token, noun: Token) -> bool:
    """Whether ``root`` is the object of "between" after ``noun``."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "between" and prep.head.i == noun.i
