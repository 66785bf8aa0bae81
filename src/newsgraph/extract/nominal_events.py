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

from newsgraph.extract.cameo import listed_type
from newsgraph.extract.token_table import table

__all__ = ["NOMINAL_CONFIDENCE", "NominalEvent", "nominal_events"]

NOMINAL_CONFIDENCE = 0.5
_SOURCE_PREPS = frozenset({"by", "of", "from"})
_TARGET_PREPS = frozenset({"against", "on", "at", "upon"})
#: Verbs whose subject does the act their object names ("staged a protest", "launched an
#: attack"), and those that take it through a preposition ("went on strike", "took part in the
#: protests"). Other verbs' subjects may do something to the act ("police dispersed the
#: protest"), so they give it no source.
_SUPPORT_VERBS = frozenset(
    {
        "stage",
        "stag",  # spaCy's small model's lemma of "staged"
        "hold",
        "launch",
        "carry",
        "conduct",
        "mount",
        "begin",
        "start",
        "organize",
        "organise",
        "lead",
        "call",
        "join",
        "resume",
        "continue",
        "wage",
        "declare",
        "announce",
    }
)
_SUPPORT_PREPS = frozenset({("go", "on"), ("take", "in"), ("engage", "in"), ("participate", "in")})


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
        doer = _support_subject(tok)
        for span, _ in mentions:
            role = "source" if span.root == doer else _role(span.root, tok)
            if role == "source" and source is None:
                source = span
            elif role == "target" and target is None:
                target = span
        yield NominalEvent(tok, listed_type(tok, triggers) or triggers[lemma[i]], source, target)


def _support_subject(noun: Token) -> Token | None:
    """The subject of the verb that supports event noun ``noun`` ("The teachers went on
    strike", "Students staged a protest", "a protest was staged by students"), else None."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if (verb.lemma_.lower(), head.lower_) not in _SUPPORT_PREPS:
            return None  # "fired on the strike", "the leader of the protest"
    elif noun.dep_ in ("dobj", "nsubjpass"):
        verb = head
        if verb.lemma_.lower() not in _SUPPORT_VERBS:
            return None
    else:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


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
