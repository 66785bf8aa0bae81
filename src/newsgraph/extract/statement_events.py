"""Statement events read from what a quote says, when no actor pair in the sentence tells them.

A speaker calling someone names ("organised by “criminals”", "amounted to an “occupation”") is
ACCUSE; urging in the first person ("I am urging people to organise strikes", "we call on the
West") is REQUEST, and so is saying what another should do ("the West should consider
sanctions", also in the speaker's own words next to the quote); a rhetorical question about
talks ("What kind of negotiations can you have with criminals?") is REJECT. The speaker is the
source. The target is who the words are about: the one a charge is said of ("they were
organised by criminals") or the one advised; failing that, the first other actor named in the
quote, if any. Rules, not a classifier: they carry a fixed, modest confidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.sentences import SentenceIndex
from newsgraph.extract.token_table import TokenTable, table
from newsgraph.model import Quote

__all__ = ["STATEMENT_CONFIDENCE", "StatementEvent", "statement_events"]

STATEMENT_CONFIDENCE = 0.45

#: Nouns that brand whoever they are said of.
_CHARGES = frozenset(
    [
        "criminal",
        "bandit",
        "terrorist",
        "thug",
        "murderer",
        "killer",
        "traitor",
        "extremist",
        "liar",
        "fascist",
        "occupation",
        "occupier",
        "aggression",
        "aggressor",
        "invasion",
        "genocide",
        "massacre",
        "crime",
        "provocation",
        "lie",
    ]
)
#: Where a charge noun is predicated of someone: "are terrorists", "driven by criminals",
#: "amounted to an occupation", "branded them as traitors".
_PREDICATIVE_PREPS = frozenset({"by", "to", "as"})
_URGING = frozenset({"urge", "call", "demand", "appeal", "implore", "ask"})
_FIRST_PERSON = frozenset({"i", "we"})
_TALKS = frozenset({"negotiation", "negotiate", "talk", "dialogue", "compromise", "deal"})
_WH = frozenset({"what", "how", "why", "who"})
_ADVICE = frozenset({"should", "must", "ought"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class StatementEvent:
    trigger: Token
    type: str
    quote: Quote
    #: A token of who the words are about ("they" in "they were organised by criminals").
    about: Token | None = None
    #: Said of what another should do: the request, rather than the act asked for, is the event.
    advice: bool = False


def statement_events(
    doc: Doc, quotes: Sequence[Quote], index: SentenceIndex | None = None
) -> Iterator[StatementEvent]:
    """At most one event of each type per quote with a known speaker, in quote order, and the
    advice given anywhere in the sentences the quote is in (``index``: the Doc's sentences)."""
    index = index or SentenceIndex(doc)
    advised: set[int] = set()
    tokens = table(doc)
    for quote in quotes:
        if quote.speaker is None:
            continue
        content = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
        if content is None:
            continue
        for type_, words, is_trigger in _RULES:
            trigger = next(
                (
                    doc[i]
                    for i in range(content.start, content.end)
                    if tokens.lemma[i] in words and is_trigger(doc[i], content)
                ),
                None,
            )
            if trigger is not None:
                yield StatementEvent(trigger, type_, quote, _about(trigger, type_))
        for sent in {
            index.of(i).start: index.of(i) for i in (content.start, content.end - 1)
        }.values():
            for i in range(sent.start, sent.end):
                if i not in advised and _is_advice(tokens, i):
                    advised.add(i)
                    tok = doc[i]
                    yield StatementEvent(tok, "REQUEST", quote, _subject(tok), advice=True)


def _is_advice(tokens: TokenTable, i: int) -> bool:
    """ "The West should consider sanctions": a verb with "should" or "must" after its subject
    (not "should the protests grow", a condition). Token ``i``, read off the Doc's table
    (``tokens``) without making Tokens."""
    dep, lower = tokens.dep, tokens.lower
    kids = tokens.children(i)
    advice = next((c for c in kids if dep[c] == "aux" and lower[c] in _ADVICE), None)
    if tokens.pos[i] != "VERB" or advice is None:
        return False
    subject = next((c for c in kids if dep[c] in _SUBJECTS), None)
    return (
        not any(dep[c] == "neg" for c in kids)
        and subject is not None
        and subject < advice
        and lower[subject] not in _FIRST_PERSON  # "we must defend ourselves" is no request
    )


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _about(trigger: Token, type_: str) -> Token | None:
    """Who a charge is said of: the subject of the clause it is predicated in."""
    if type_ != "ACCUSE":
        return None
    tok = trigger
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    while verb.dep_ == "conj" and _subject(verb) is None and verb.head.i != verb.i:
        verb = verb.head  # "organised and driven by criminals"
    return _subject(verb)


def _is_charge(tok: Token, content: Span) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in _CHARGES:
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "“bandits” and “terrorists”"
        tok = tok.head
    head = tok.head
    if any(c.dep_ == "neg" for c in head.children):  # "We are not terrorists!"
        return False
    if tok.dep_ in ("attr", "oprd", "appos"):
        return True
    return tok.dep_ == "pobj" and head.lower_ in _PREDICATIVE_PREPS


def _is_urging(tok: Token, content: Span) -> bool:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _URGING:
        return False
    if any(c.dep_ == "neg" for c in tok.children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in tok.children)


def _is_refused_talk(tok: Token, content: Span) -> bool:
    """A talks word in a wh-question: "What kind of negotiations can you have with them?"."""
    if tok.lemma_.lower() not in _TALKS:
        return False
    sent = tok.sent
    in_quote = [t for t in sent if content.start <= t.i < content.end]
    words = [t for t in in_quote if not t.is_punct]
    return bool(words) and words[0].lower_ in _WH and any(t.text == "?" for t in in_quote)


#: Each type with the lemmas that may tell it and the rule for one of them.
_RULES = (
    ("ACCUSE", _CHARGES, _is_charge),
    ("REQUEST", _URGING, _is_urging),
    ("REJECT", _TALKS, _is_refused_talk),
)
