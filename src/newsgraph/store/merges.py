"""Editing actor identity: merge two corpus actors, undo a merge or an automatic link.

Every decision is a ``merges`` row listing the article actors (``[article_id, actor_id]``)
it moved, so it can be shown and undone. Moving article actors also moves their quotes and
event reports, and regroups those events into happenings under the new identities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsgraph.corpus import identity
from newsgraph.model import Actor
from newsgraph.store.schema import (
    article_actors,
    articles,
    entities,
    entity_names,
    events,
    merges,
    quotes,
)
from newsgraph.store.write import add_names, day_of, happening_id, insert_ignore

Member = tuple[str, str]  # (article_id, actor_id)


def merge(conn: Connection, into: int, other: int, reason: str) -> int:
    """Merge corpus actor ``other`` into ``into``; the new merge's id."""
    if into == other:
        raise ValueError(f"cannot merge actor {into} into itself")
    for entity_id in (into, other):
        merged = conn.execute(sa.select(entities.c.merged_into)
                              .where(entities.c.id == entity_id)).first()
        if merged is None:
            raise KeyError(f"actor {entity_id} is not in the store")
        if merged.merged_into is not None:
            raise ValueError(f"actor {entity_id} was merged into {merged.merged_into} already")
    members = _members(conn, other)
    _move(conn, members, into)
    conn.execute(sa.update(entities).where(entities.c.id == other).values(merged_into=into))
    return _record(conn, into, other, members, reason)


def undo(conn: Connection, merge_id: int) -> None:
    """Undo merge ``merge_id``: give a manual merge's actor back its mentions, or move an
    automatic link's mention out into a new actor of its own."""
    row = conn.execute(sa.select(merges).where(merges.c.id == merge_id)).first()
    if row is None:
        raise KeyError(f"merge {merge_id} is not in the store")
    if row.undone_at is not None:
        raise ValueError(f"merge {merge_id} was undone already")
    members = [(a, b) for a, b in row.members]
    if row.from_entity is not None:
        target = row.from_entity
        conn.execute(sa.update(entities).where(entities.c.id == target).values(merged_into=None))
    else:
        target = _split_entity(conn, members, merge_id)
    _move(conn, members, target)
    _rebuild_names(conn, row.into_entity)
    conn.execute(sa.update(merges).where(merges.c.id == merge_id)
                 .values(undone_at=sa.func.current_timestamp()))


def _members(conn: Connection, entity_id: int) -> list[Member]:
    aa = article_actors.c
    rows = conn.execute(sa.select(aa.article_id, aa.actor_id).where(aa.entity_id == entity_id)
                        .order_by(aa.article_id, aa.actor_id))
    return [(r.article_id, r.actor_id) for r in rows]


def _record(conn: Connection, into: int, other: int | None, members: Sequence[Member],
            reason: str) -> int:
    return int(conn.execute(
        sa.insert(merges).values(into_entity=into, from_entity=other,
                                 members=[list(m) for m in members], reason=reason,
                                 automatic=False)
        .returning(merges.c.id)
    ).scalar_one())


def _split_entity(conn: Connection, members: Sequence[Member], merge_id: int) -> int:
    """A new entity for ``members`` (taken from the first of them)."""
    first = _actor_rows(conn, members[:1])[0]
    actor = _as_actor(first)
    key = f"{identity.entity_key(actor)}|split:{merge_id}"[:400]
    insert_ignore(conn, entities, [{"key": key, "name": actor.name, "kind": actor.kind,
                                    "country": actor.country, "sector": actor.sector}])
    return int(conn.execute(sa.select(entities.c.id).where(entities.c.key == key)).scalar_one())


def _move(conn: Connection, members: Sequence[Member], entity_id: int) -> None:
    aa, q, ev = article_actors.c, quotes.c, events.c
    for article_id, actor_id in members:
        conn.execute(sa.update(article_actors).values(entity_id=entity_id)
                     .where(aa.article_id == article_id, aa.actor_id == actor_id))
        conn.execute(sa.update(quotes).values(speaker_entity=entity_id)
                     .where(q.article_id == article_id, q.speaker == actor_id))
        for column, local in (("source_entity", ev.source), ("target_entity", ev.target)):
            conn.execute(sa.update(events).values({column: entity_id})
                         .where(ev.article_id == article_id, local == actor_id))
    for row in _actor_rows(conn, members):
        add_names(conn, entity_id, _as_actor(row))
    _regroup(conn, sorted({a for a, _ in members}))


def _regroup(conn: Connection, article_ids: Sequence[str]) -> None:
    """Put the events of these articles in the happenings their actors now make."""
    ev = events.c
    rows = conn.execute(
        sa.select(ev.article_id, ev.event_id, ev.type, ev.source_entity, ev.target_entity,
                  ev.day, ev.place_name).where(ev.article_id.in_(article_ids))
    ).all()
    for r in rows:
        hid = happening_id(conn, r.type, r.source_entity, r.target_entity, day_of(r.day),
                           r.place_name, f"{r.article_id}/{r.event_id}")
        conn.execute(sa.update(events).values(happening_id=hid)
                     .where(ev.article_id == r.article_id, ev.event_id == r.event_id))


def _rebuild_names(conn: Connection, entity_id: int) -> None:
    """The entity's names again from the article actors it still has."""
    conn.execute(sa.delete(entity_names).where(entity_names.c.entity_id == entity_id))
    for row in _actor_rows(conn, _members(conn, entity_id)):
        add_names(conn, entity_id, _as_actor(row))


def _actor_rows(conn: Connection, members: Sequence[Member]) -> list[Any]:
    aa = article_actors.c
    if not members:
        return []
    pairs = sa.or_(*(sa.and_(aa.article_id == a, aa.actor_id == b) for a, b in members))
    return list(conn.execute(
        sa.select(article_actors, articles.c.published_day)
        .join(articles, articles.c.id == aa.article_id).where(pairs)
        .order_by(aa.article_id, aa.actor_id)
    ))


def _as_actor(row: Any) -> Actor:
    return Actor(row.actor_id, row.name, row.kind, (), row.country, row.sector,
                 tuple(row.roles), tuple(row.aliases))
