"""In-article coreference on the parse: which earlier actor a pronoun or a definite noun
phrase ("he", "its", "the president", "the activist") refers to.

No coreference model can be installed, so this is the classic recipe: walk back through the
discourse, subjects before other mentions (salience), nearest first within the pronoun's own
sentence and earliest first in the sentences before, keeping only candidates that agree in
kind, gender and number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsgraph.extract.lexicon import ORG_WORDS

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

_COMPANY_NOUNS = frozenset({"company", "firm", "group", "steelmaker", "carmaker", "insurer"})

#: How many sentences back a pronoun may reach.
WINDOW = 3


@dataclass(eq=False)
class Entity:
    """An actor under construction: its mentions (token ranges) and what is known of it."""

    kind: str
    names: list[str] = field(default_factory=list)  # distinct, in order of first mention
    spans: list[tuple[int, int]] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    plural: bool = False
    key: str = ""
    anchored: bool = False
    hints: list[str] = field(default_factory=list)
    headline_roles: set[str] = field(default_factory=set)
    affiliations: list[Entity] = field(default_factory=list)

    @property
    def named(self) -> bool:
        return bool(self.names)

    def add_role(self, role: str | None) -> None:
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def has_role(self, noun: str) -> bool:
        """Whether "the NOUN" can name this entity: a role or a key ending in it, a name with
        it ("the ministry": "Finance Ministry"), or any company for "the company"."""
        noun = noun.lower()
        if self.key == noun or any(r.lower().split()[-1] == noun for r in self.roles if r):
            return True
        if any(noun in n.lower().split() for n in self.names):
            return True
        return (
            noun in _COMPANY_NOUNS
            and self.kind == "ORG"
            and self.sector in {None, "BUS"}
            and not any(w.lower() in ORG_WORDS for n in self.names for w in n.split())
        )


@dataclass(frozen=True, slots=True)
class Ref:
    """One mention in the discourse history: its head token, sentence and salience."""

    token: int
    sent: int
    subject: bool
    entity: Entity


def is_subject(token: Token) -> bool:
    """A subject, or a name conjoined with or in apposition to one."""
    while token.dep_ in {"conj", "appos"} and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def resolve(
    index: int,
    sent: int,
    history: Sequence[Ref],
    accept: Callable[[Entity], bool],
    exclude: Entity | None = None,
    window: int = WINDOW,
) -> Entity | None:
    """The entity a pronoun at token ``index`` in sentence ``sent`` most likely refers to,
    among ``history`` (in text order); ``exclude`` is its own clause's subject when the pronoun
    is an object ("Tokayev praised him")."""
    for ref in _ranked(index, sent, history, window):
        if ref.entity is not exclude and accept(ref.entity):
            return ref.entity
    return None


def antecedent(
    sent: int, history: Sequence[Ref], accept: Callable[[Entity], bool], window: int = 50
) -> Entity | None:
    """The nearest earlier entity ``accept`` takes, for a definite noun phrase."""
    for ref in reversed(history):
        if sent - ref.sent > window:
            break
        if accept(ref.entity):
            return ref.entity
    return None


def _ranked(index: int, sent: int, history: Sequence[Ref], window: int) -> list[Ref]:
    """Candidates in order of preference: this sentence's subjects (nearest first), the
    previous sentence's subjects (first first), this sentence's other mentions, then earlier
    sentences, subjects first."""
    before = [r for r in history if r.token < index and sent - r.sent <= window]
    same = [r for r in reversed(before) if r.sent == sent]
    ranked = [r for r in same if r.subject]
    prev_sents = sorted({r.sent for r in before if r.sent < sent}, reverse=True)
    for k, s in enumerate(prev_sents):
        in_sent = [r for r in before if r.sent == s]
        ranked += [r for r in in_sent if r.subject]
        if k == 0:
            ranked += [r for r in same if not r.subject]
        ranked += [r for r in reversed(in_sent) if not r.subject]
    if not prev_sents:
        ranked += [r for r in same if not r.subject]
    return ranked
