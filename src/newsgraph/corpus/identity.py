"""Actor identity across articles: which corpus actor (entity) an article's actor is, and why.

An article's actor links to an existing entity of the same kind when

* one of its names (name or alias) is one of the entity's names (``same name``);
* for organisations and places, one is the other's acronym (CSTO, RFE/RL);
* for people, the surnames agree and no given names disagree: "Tokayev" and "Kassym-Jomart
  Tokayev" link, "John Smith" and "Jane Smith" do not, nor does "Smith" when two Smiths exist;
* for a role with no name ("Kazakhstan's president"), exactly one entity of that country is
  known to have held that role.

Different countries or sectors, where both are known, always keep two actors apart (groups
need the same country). Anything ambiguous makes a new entity: no merge without evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.model import Actor

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "lord", "lady"})
_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "on", "in"})
_ROLE_FILLERS = frozenset({"the", "a", "an", "current", "incumbent", "authoritarian", "embattled"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize(name: str) -> str:
    """Lower-case ASCII words, punctuation and leading honorifics dropped."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    folded = folded.replace("'s ", " s ").replace("\u2019s ", " s ")
    words = _NON_WORD.sub(" ", folded).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class NameKey:
    """How one name is looked up: ``norm`` (whole name), ``last`` (a person's surname),
    ``acronym`` (initials of an organisation's or place's name of two words or more)."""

    norm: str
    last: str
    acronym: str

    @property
    def compact(self) -> str:
        return self.norm.replace(" ", "")

    @property
    def given(self) -> tuple[str, ...]:
        return tuple(self.norm.split()[:-1])


def name_key(name: str, kind: str) -> NameKey:
    words = normalize(name).split()
    if kind == "PERSON":
        return NameKey(" ".join(words), words[-1] if words else "", "")
    content = [w for w in words if w not in _CONNECTORS]
    acronym = "".join(w[0] for w in content) if len(content) >= 2 else ""
    return NameKey(" ".join(words), "", acronym)


def role_key(role: str, country: str) -> str:
    """The entity-name row that records a role held in a country: ``role:KAZ:president``."""
    words = normalize(role).split()
    if "s" in words:  # "kazakhstan s president": keep what follows the possessive
        words = words[len(words) - words[::-1].index("s") :]
    while words and words[0] in _ROLE_FILLERS:
        words.pop(0)
    return f"role:{country}:{' '.join(words)}" if words else ""


def is_role_reference(name: str) -> bool:
    """A person named only by a role: "the president", "Kazakhstan's president"."""
    words = re.sub(r"^.*['\u2019]s\s+", "", name.strip()).split()
    return bool(words) and all(w == w.lower() for w in words)


def actor_keys(actor: Actor) -> list[NameKey]:
    """Name keys of an actor's name and aliases, role references left out."""
    names = [actor.name, *actor.aliases]
    if actor.kind == "PERSON":
        names = [n for n in names if not is_role_reference(n)]
    keys = [name_key(n, actor.kind) for n in names]
    return [k for k in dict.fromkeys(keys) if k.norm]


def actor_role_keys(actor: Actor) -> list[str]:
    """Role rows to record for an actor: its roles, in its country (none without a country)."""
    if actor.kind != "PERSON" or not actor.country:
        return []
    keys = (role_key(r, actor.country) for r in actor.roles)
    return [k for k in dict.fromkeys(keys) if k]


def entity_key(actor: Actor) -> str:
    """The unique key of a new entity made from ``actor`` (same for concurrent writers)."""
    keys = actor_keys(actor)
    norm = keys[0].norm if keys else normalize(actor.name)
    return f"{actor.kind}|{norm}|{actor.country or ''}|{actor.sector or ''}"[:400]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing entity, with every name key (and role row, as ``NameKey(role, "", "")``)."""

    entity_id: int
    kind: str
    country: str | None
    sector: str | None
    keys: tuple[NameKey, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """The entity an actor is, and the evidence. ``exact`` links (same name) are not merges."""

    entity_id: int
    reason: str
    exact: bool


def resolve(actor: Actor, candidates: Iterable[Candidate]) -> Link | None:
    """The entity ``actor`` is among ``candidates``, or None for a new one."""
    pool = [c for c in candidates if c.kind == actor.kind and not _conflict(actor, c)]
    mine = actor_keys(actor)
    if actor.kind == "PERSON":
        return _resolve_person(actor, mine, pool)
    exact = _exact(actor, {k.norm for k in mine}, pool)
    if exact:
        return exact
    acronyms = [c for c in pool if _acronym_match(mine, c.keys)]
    if len(acronyms) == 1:
        return Link(acronyms[0].entity_id, "acronym", exact=False)
    return None


def _exact(actor: Actor, norms: set[str], pool: list[Candidate]) -> Link | None:
    exact = [c for c in pool if norms & {k.norm for k in c.keys}]
    if not exact:
        return None
    best = min(exact, key=lambda c: (c.country != actor.country, c.sector != actor.sector,
                                     c.entity_id))
    return Link(best.entity_id, "same name", exact=True)


def _resolve_person(actor: Actor, mine: list[NameKey], pool: list[Candidate]) -> Link | None:
    if not mine:  # named only by a role
        if not actor.country:
            return None
        key = role_key(actor.name, actor.country)
        holders = [c for c in pool if any(k.norm == key for k in c.keys)]
        if len(holders) == 1:
            return Link(holders[0].entity_id, f"only holder of {key}", exact=False)
        return None
    agree = [c for c in pool if _same_person(mine, c.keys)]
    # A full name in common is enough; a bare surname must point at one person only.
    exact = _exact(actor, {k.norm for k in mine if k.given}, agree)
    if exact or len(agree) != 1:
        return exact
    surname_only = not any(k.given for k in mine)
    reason = f"surname {mine[0].last!r}" + (" only" if surname_only else ", given names agree")
    return Link(agree[0].entity_id, reason, exact=False)


def _conflict(actor: Actor, c: Candidate) -> bool:
    if actor.kind == "GROUP" and actor.country != c.country:
        return True
    if actor.country and c.country and actor.country != c.country:
        return True
    return bool(actor.sector and c.sector and actor.sector != c.sector)


def _same_person(mine: list[NameKey], theirs: tuple[NameKey, ...]) -> bool:
    """A surname in common, and no pair of full names with that surname whose given names
    disagree."""
    people = [k for k in theirs if k.last]
    shared = [(a, b) for a in mine for b in people if a.last == b.last]
    return bool(shared) and all(
        _given_agree(a.given, b.given) for a in mine for b in people if a.last == b.last
    )


def _given_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    x, y = a[0], b[0]
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _acronym_match(mine: list[NameKey], theirs: tuple[NameKey, ...]) -> bool:
    return any(
        (a.acronym and a.acronym == b.compact) or (b.acronym and b.acronym == a.compact)
        for a in mine
        for b in theirs
    )
