"""``newsgraph_actors``: the people, organisations, places and groups an article mentions.

A first version: named entities grouped by their text. Roles, countries, sectors, coreference
of short names and groups come next.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Actor, ActorKind, Span

_KINDS: dict[str, ActorKind] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP"}


def find_actors(doc: Doc) -> list[Actor]:
    """Actors from the named entities of ``doc``, one per distinct name."""
    by_name: dict[tuple[str, str], list[Span]] = {}
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        by_name.setdefault((kind, ent.text), []).append(
            Span(ent.start_char, ent.end_char, ent.text)
        )
    return [
        Actor(id=f"a{i}", name=name, kind=_kind(kind), mentions=tuple(spans))
        for i, ((kind, name), spans) in enumerate(by_name.items(), 1)
    ]


def _kind(kind: str) -> ActorKind:
    return "GROUP" if kind == "GROUP" else _KINDS[kind]


@Language.component("newsgraph_actors", assigns=["doc._.actors"])
def actors_component(doc: Doc) -> Doc:
    doc._.actors = find_actors(doc)
    return doc


def actor_at(actors: list[Actor] | tuple[Actor, ...], start: int, end: int) -> Actor | None:
    """The actor one of whose mentions overlaps the characters ``start:end``, if any.

    Quotes and events use this to turn a speaker or argument span into an actor id; the actors
    component records pronoun and nominal mentions ("he", "the ministry") as mentions too.
    """
    best: tuple[int, Actor] | None = None
    for actor in actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor)
    return best[1] if best else None
