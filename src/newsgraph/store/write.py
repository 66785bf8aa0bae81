"""Writing one document, inside the caller's transaction.

The article row is inserted first with ``ON CONFLICT DO NOTHING``: whoever inserts it owns the
article, so two processes writing the same article at once store it once. A near-duplicate
(MinHash, see ``corpus.duplicates``) is recorded as a variant of the article it copies, with its
source added to that article's sources; its analysis is not stored twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from newsgraph.corpus import duplicates, identity
from newsgraph.corpus.happenings import happening_key
from newsgraph.model import Actor, Document
from newsgraph.store import search
from newsgraph.store.schema import (
    article_actors,
    article_bands,
    article_documents,
    article_sources,
    articles,
    entities,
    entity_names,
    events,
    happenings,
    merges,
    quotes,
)

_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?")


def insert_ignore(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows``, skipping those whose key is taken."""
    if rows:
        conn.execute(_insert_ignore(conn, table), list(rows))


def insert_new(conn: Connection, table: sa.Table, row: dict[str, Any]) -> bool:
    """Insert ``row`` unless its key is taken; whether it was inserted."""
    key = next(iter(table.primary_key.columns))
    return conn.execute(_insert_ignore(conn, table).returning(key), row).first() is not None


def _insert_ignore(conn: Connection, table: sa.Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def day_of(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` (or ``YYYY-MM``) prefix of an ISO 8601 date or date-time."""
    match = _DAY.match(value or "")
    return match.group(0) if match else None


def write_document(conn: Connection, doc: Document) -> bool:
    """Store ``doc``; False when its article id was already stored (only a new source is
    recorded then)."""
    a = doc.article
    if conn.scalar(sa.select(articles.c.id).where(articles.c.id == a.id)):
        _add_source(conn, _canonical(conn, a.id), doc)
        return False
    sig = duplicates.signature(a.text)
    original, score = _find_duplicate(conn, sig)
    row = {
        "id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
        "published_day": day_of(a.published), "language": a.language, "url": a.url,
        "source": a.source, "duplicate_of": original, "similarity": score,
    }
    if not insert_new(conn, articles, row):  # another writer stored it just now
        _add_source(conn, _canonical(conn, a.id), doc)
        return False
    conn.execute(sa.insert(article_documents), [{
        "article_id": a.id, "document": doc.to_json(), "minhash": None if original else sig,
    }])
    _add_source(conn, original or a.id, doc)
    if original:
        return True
    insert_ignore(
        conn, article_bands,
        [{"band": b, "hash": h, "article_id": a.id} for b, h in duplicates.bands(sig)],
    )
    entity_of = {actor.id: _link_actor(conn, a.id, actor) for actor in doc.actors}
    _write_quotes(conn, doc, entity_of)
    _write_events(conn, doc, entity_of)
    search.index_document(conn, doc)
    return True


def _canonical(conn: Connection, article_id: str) -> str:
    original = conn.scalar(sa.select(articles.c.duplicate_of).where(articles.c.id == article_id))
    return original or article_id


def _add_source(conn: Connection, article_id: str, doc: Document) -> None:
    a = doc.article
    insert_ignore(conn, article_sources, [{
        "article_id": article_id, "source": a.source or "", "url": a.url or "",
        "outlet": a.outlet, "published": a.published, "variant_id": a.id,
    }])


_shared = (
    sa.select(article_bands.c.article_id)
    .where(sa.or_(*(
        sa.and_(article_bands.c.band == b, article_bands.c.hash == sa.bindparam(f"h{b}"))
        for b in range(duplicates.BANDS)
    )))
    .group_by(article_bands.c.article_id)
    .order_by(sa.func.count().desc(), article_bands.c.article_id)
    .limit(duplicates.MAX_CANDIDATES)
    .subquery()
)
_SAME_BAND = (
    sa.select(article_documents.c.article_id, article_documents.c.minhash)
    .join(_shared, _shared.c.article_id == article_documents.c.article_id)
    .where(article_documents.c.minhash.is_not(None))
)


def _find_duplicate(conn: Connection, sig: bytes) -> tuple[str | None, float | None]:
    """The stored article ``sig`` is a near copy of, and the estimated similarity."""
    best: tuple[str | None, float | None] = (None, None)
    params = {f"h{b}": h for b, h in duplicates.bands(sig)}
    for article_id, other in conn.execute(_SAME_BAND, params):
        score = duplicates.similarity(sig, other)
        if score >= duplicates.DUPLICATE_THRESHOLD and score > (best[1] or 0.0):
            best = (article_id, score)
    return best


# -- actors -----------------------------------------------------------------------------------


def _link_actor(conn: Connection, article_id: str, actor: Actor) -> int:
    """Resolve ``actor`` to an entity (new or existing), record why, and return its id."""
    link = identity.resolve(actor, _candidates(conn, actor))
    if link is None:
        entity_id, reason = _new_entity(conn, actor), "new"
    else:
        entity_id, reason = link.entity_id, link.reason
        _update_entity(conn, entity_id, actor)
    add_names(conn, entity_id, actor)
    conn.execute(sa.insert(article_actors), [{
        "article_id": article_id, "actor_id": actor.id, "entity_id": entity_id,
        "name": actor.name, "kind": actor.kind, "country": actor.country,
        "sector": actor.sector, "roles": list(actor.roles), "aliases": list(actor.aliases),
        "mentions": len(actor.mentions), "link_reason": reason,
    }])
    if link is not None and not link.exact:
        conn.execute(sa.insert(merges), [{
            "into_entity": entity_id, "from_entity": None,
            "members": [[article_id, actor.id]], "reason": f"{actor.name!r}: {reason}",
            "automatic": True,
        }])
    return entity_id


def _expanding(name: str) -> sa.BindParameter[Any]:
    return sa.bindparam(name, expanding=True)


_n = entity_names.c
_CANDIDATES = (
    sa.select(entities.c.id, entities.c.kind, entities.c.country, entities.c.sector,
              _n.norm, _n.last, _n.acronym)
    .join(entity_names, _n.entity_id == entities.c.id)
    .where(entities.c.id.in_(
        sa.select(_n.entity_id).join(entities, entities.c.id == _n.entity_id).where(
            sa.or_(_n.norm.in_(_expanding("norms")), _n.last.in_(_expanding("lasts")),
                   _n.acronym.in_(_expanding("compacts"))),
            entities.c.kind == sa.bindparam("kind"), entities.c.merged_into.is_(None),
        )
    ))
    .order_by(entities.c.id)
)


def _candidates(conn: Connection, actor: Actor) -> list[identity.Candidate]:
    """Entities of the actor's kind sharing a name, surname, acronym or held role with it."""
    keys = identity.actor_keys(actor)
    norms = {k.norm for k in keys} | set(identity.actor_role_keys(actor))
    person = actor.kind == "PERSON"
    if person and not keys and actor.country:
        norms.add(identity.role_key(actor.name, actor.country))
    if not person:
        norms |= {k.acronym for k in keys if k.acronym}
    rows = conn.execute(_CANDIDATES, {
        "norms": sorted(norms), "kind": actor.kind,
        "lasts": sorted({k.last for k in keys if k.last}) if person else [],
        "compacts": [] if person else sorted({k.compact for k in keys}),
    })
    grouped: dict[int, identity.Candidate] = {}
    for eid, kind, country, sector, norm, last, acronym in rows:
        c = grouped.get(eid) or identity.Candidate(eid, kind, country, sector, ())
        grouped[eid] = identity.Candidate(
            eid, kind, country, sector, (*c.keys, identity.NameKey(norm, last, acronym))
        )
    return list(grouped.values())


def _new_entity(conn: Connection, actor: Actor) -> int:
    key = identity.entity_key(actor)
    insert_ignore(conn, entities, [{
        "key": key, "name": actor.name, "kind": actor.kind,
        "country": actor.country, "sector": actor.sector,
    }])
    return int(conn.execute(sa.select(entities.c.id).where(entities.c.key == key)).scalar_one())


def _update_entity(conn: Connection, entity_id: int, actor: Actor) -> None:
    """Fill in a country or sector the entity lacked; adopt a fuller name."""
    e = entities.c
    current = conn.execute(sa.select(e.name, e.country, e.sector).where(e.id == entity_id)).one()
    values: dict[str, Any] = {}
    if not current.country and actor.country:
        values["country"] = actor.country
    if not current.sector and actor.sector:
        values["sector"] = actor.sector
    if len(actor.name.split()) > len(current.name.split()) and not identity.is_role_reference(
        actor.name
    ):
        values["name"] = actor.name
    if values:
        conn.execute(sa.update(entities).where(e.id == entity_id).values(**values))


def add_names(conn: Connection, entity_id: int, actor: Actor) -> None:
    names = [actor.name, *actor.aliases]
    rows = [
        {"entity_id": entity_id, "norm": k.norm, "last": k.last, "acronym": k.acronym,
         "name": name}
        for name in names
        for k in [identity.name_key(name, actor.kind)]
        if k.norm and not (actor.kind == "PERSON" and identity.is_role_reference(name))
    ]
    rows += [
        {"entity_id": entity_id, "norm": key, "last": "", "acronym": "", "name": key}
        for key in identity.actor_role_keys(actor)
    ]
    insert_ignore(conn, entity_names, _unique(rows, "norm"))


def _unique(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return list({r[key]: r for r in reversed(list(rows))}.values())


# -- quotes and events ------------------------------------------------------------------------


def _write_quotes(conn: Connection, doc: Document, entity_of: dict[str, int]) -> None:
    rows = [
        {
            "article_id": doc.article.id, "quote_id": q.id, "kind": q.kind, "text": q.text,
            "start": q.span.start, "end": q.span.end, "speaker": q.speaker,
            "speaker_entity": entity_of.get(q.speaker or ""),
            "cue": q.cue.text if q.cue else None, "channel": q.channel,
            "confidence": q.confidence,
        }
        for q in doc.quotes
    ]
    if rows:
        conn.execute(sa.insert(quotes), rows)


def _write_events(conn: Connection, doc: Document, entity_of: dict[str, int]) -> None:
    published = day_of(doc.article.published)
    rows = []
    for e in doc.events:
        source, target = entity_of.get(e.source or ""), entity_of.get(e.target or "")
        day = day_of(e.date) or published
        place = e.place.name if e.place else None
        rows.append({
            "article_id": doc.article.id, "event_id": e.id, "type": e.type, "mode": e.mode,
            "cameo": e.cameo, "source": e.source, "target": e.target,
            "source_entity": source, "target_entity": target, "date": day_of(e.date),
            "day": day, "date_precision": e.date_precision, "place_name": place,
            "place_country": e.place.country if e.place else None,
            "lat": e.place.lat if e.place else None, "lon": e.place.lon if e.place else None,
            "negated": e.negated, "hypothetical": e.hypothetical, "quote_id": e.quote,
            "start": e.span.start, "end": e.span.end, "confidence": e.confidence,
            "happening_id": happening_id(
                conn, e.type, source, target, day, place, f"{doc.article.id}/{e.id}"
            ),
            "source_words": e.source_span.text if e.source_span else None,
            "target_words": e.target_span.text if e.target_span else None,
        })
    if rows:
        conn.execute(sa.insert(events), rows)


def happening_id(
    conn: Connection, type: str, source: int | None, target: int | None,
    day: str | None, place: str | None, report: str,
) -> int:
    """The id of the happening these facts describe, made if new."""
    key = happening_key(
        type=type, source_entity=source, target_entity=target, day=day, place=place,
        report=report,
    )
    insert_ignore(conn, happenings, [{
        "key": key, "type": type, "source_entity": source, "target_entity": target,
        "date": day, "place": place,
    }])
    return int(conn.execute(sa.select(happenings.c.id).where(happenings.c.key == key)).scalar_one())
