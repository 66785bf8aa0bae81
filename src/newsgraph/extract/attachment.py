"""Which of a sentence's date or place phrases belongs to an event.

A phrase is *governed* by its nearest verbal ancestor. An event takes the phrase governed by its
trigger or, failing that, by the nearest ancestor of the trigger that governs one: in "RFE/RL on
January 7 told how ... soldiers opened fire the previous day", "opened" takes "the previous day"
and "told" takes "January 7". A relative clause's phrases are its own: in "the protests that
have this week swept the country", "this week" is not the date of a clause the parse hangs
under "swept".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from spacy.tokens import Span, Token

from newsgraph.extract.token_table import TokenTable, table

__all__ = [
    "PLACE_NOUNS",
    "attached",
    "governor",
    "governor_index",
    "in_location_phrase",
    "is_located",
]

T = TypeVar("T")
_VERBAL = frozenset({"VERB", "AUX"})
#: Dependencies that open a clause of its own.
_CLAUSES = frozenset({"ccomp", "advcl", "pcomp", "xcomp", "acl", "relcl", "csubj", "parataxis"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "across", "throughout", "outside", "inside", "around", "within"}
)
#: Nouns a place's name hangs on by "of": "the city of Rotterdam".
PLACE_NOUNS = frozenset(
    ["city", "town", "village", "port", "capital", "province", "region", "district", "state"]
)


def governor(span: Span) -> Token:
    """The nearest verbal ancestor of ``span`` (the sentence root if none)."""
    return span.doc[governor_index(table(span.doc), span.root.i)]


def governor_index(tokens: TokenTable, root: int) -> int:
    """``governor`` by token index: of the phrase whose root is token ``root``."""
    pos, head = tokens.pos, tokens.head
    i = head[root]
    while pos[i] not in _VERBAL and head[i] != i:
        i = head[i]
    return i


def attached(trigger: Token, phrases: Sequence[tuple[Span, T]]) -> T | None:
    """The value of the phrase governed by ``trigger`` or by its nearest governing ancestor.

    ``phrases`` are those of the trigger's sentence. Ties go to the phrase nearest the trigger;
    None when no phrase qualifies. The parse is read off the Doc's token table by index.
    """
    if not phrases:
        return None
    tokens = table(trigger.doc)
    dep, head = tokens.dep, tokens.head
    by_governor: dict[int, list[tuple[Span, T]]] = {}
    for span, value in phrases:
        by_governor.setdefault(governor_index(tokens, span.root.i), []).append((span, value))
    crossed = False  # whether the climb has left a clause of the trigger's own
    i = trigger.i
    while True:
        if i in by_governor and not (crossed and dep[i] == "relcl"):
            return min(by_governor[i], key=lambda sv: abs(sv[0].root.i - trigger.i))[1]
        if head[i] == i:
            return None
        crossed = crossed or dep[i] in _CLAUSES
        i = head[i]


def in_location_phrase(span: Span) -> bool:
    """Whether ``span`` is the object of a locative preposition ("in Almaty", "at Almaty's
    Republic Square") rather than an actor of the clause. Read off the Doc's token table (the
    root's ``dep_`` and its heads' ``lower_`` without making Tokens)."""
    return is_located(table(span.doc), span.root.i)


def is_located(tokens: TokenTable, root: int) -> bool:
    """``in_location_phrase`` of the span rooted at token ``root`` (``tokens``: its Doc's
    table)."""
    dep, head, lower = tokens.dep, tokens.head, tokens.lower
    i = root
    for _ in range(3):
        if dep[i] == "pobj" and lower[head[i]] in _LOCATIVE:
            return True
        of = head[i]
        if dep[i] == "pobj" and lower[of] == "of" and tokens.lemma[head[of]] in PLACE_NOUNS:
            i = head[of]  # "in the port city of Rotterdam"
            continue
        if dep[i] not in ("poss", "compound", "nmod", "amod", "pobj"):
            return False
        i = head[i]
    return False
