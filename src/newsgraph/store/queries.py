"""Read queries over a store, for the JSON API and the web pages.

``Queries(engine)`` (``SQLStore`` is one) offers, each returning ``views`` models:

    counts()                              how many articles, actors, quotes, event reports...
    document(article_id)                  the schema-1 Document, or None
    article(article_id), sources(id)      metadata; every source the article was found at
    article_entities(article_id)          {article actor id: corpus actor id}
    articles(filters, limit, offset)      Page[ArticleSummary], newest first
    actors(query, kind, country, ...)     Page[ActorSummary], most mentioned first
    actor(entity_id)                      ActorDetail: names, roles over time, quotes, actions...
    quotes(filters, ...), events(...)     Page[QuoteRow], Page[EventRow]
    happenings(filters, ...)              Page[Happening]: one per happening, with report counts
    search(text, filters, kind, ...)      Page[SearchHit] over articles and quotes
    timeline(filters, period)             [TimelinePoint] for the events chart
    network(filters, limit)               [NetworkEdge] for the actor network
    merges(entity_id)                     [Merge] identity decisions about an actor

Lists exclude near-duplicate copies (they are sources of the article they copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Connection, Engine

from newsgraph.model import Document
from newsgraph.store import search as fts
from newsgraph.store.codes import COOPERATIVE
from newsgraph.store.filters import NO_FILTERS, Filters, article_conditions
from newsgraph.store.schema import (
    article_actors,
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
from newsgraph.store.views import (
    ActorDetail,
    ActorMention,
    ActorSummary,
    ArticleSummary,
    EventRow,
    Happening,
    Merge,
    NetworkEdge,
    Page,
    QuoteRow,
    RoleHeld,
    SearchHit,
    Source,
    TimelinePoint,
)

M = TypeVar("M", bound=BaseModel)

_source = entities.alias("source_entity_row")
_target = entities.alias("target_entity_row")
_speaker = entities.alias("speaker_entity_row")

_ARTICLE_COLS = (articles.c.id, articles.c.title, articles.c.outlet, articles.c.published,
                 articles.c.language, articles.c.url, articles.c.source, articles.c.duplicate_of)


class Queries:
    """Read-only queries; each opens and closes its own connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- articles -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Articles (distinct), duplicate copies, sources, actors (corpus), actor mentions
        (per article), quotes, event reports and happenings."""
        a = articles.c
        with self.engine.connect() as conn:
            def n(table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
                return int(conn.scalar(sa.select(sa.func.count()).select_from(table)
                                       .where(*where)) or 0)
            return {
                "articles": n(articles, a.duplicate_of.is_(None)),
                "duplicates": n(articles, a.duplicate_of.is_not(None)),
                "sources": n(article_sources),
                "actors": n(entities, entities.c.merged_into.is_(None)),
                "actor_mentions": n(article_actors),
                "quotes": n(quotes),
                "event_reports": n(events),
                "happenings": int(conn.scalar(
                    sa.select(sa.func.count(sa.distinct(events.c.happening_id)))) or 0),
            }

    def document(self, article_id: str) -> Document | None:
        """The schema-1 document as it was written."""
        with self.engine.connect() as conn:
            raw = conn.scalar(sa.select(article_documents.c.document)
                              .where(article_documents.c.article_id == article_id))
        return Document.from_json(raw) if raw else None

    def article(self, article_id: str) -> ArticleSummary | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*_ARTICLE_COLS).where(articles.c.id == article_id)).first()
        return ArticleSummary(**row._mapping) if row else None

    def sources(self, article_id: str) -> list[Source]:
        """Every source of the article (or of the article it is a copy of)."""
        with self.engine.connect() as conn:
            canonical = conn.scalar(
                sa.select(sa.func.coalesce(articles.c.duplicate_of, articles.c.id))
                .where(articles.c.id == article_id)
            ) or article_id
            s = article_sources.c
            rows = conn.execute(sa.select(s.source, s.url, s.outlet, s.published, s.variant_id)
                                .where(s.article_id == canonical).order_by(s.source, s.url))
            return [Source(**r._mapping) for r in rows]

    def article_entities(self, article_id: str) -> dict[str, int]:
        """The corpus actor of each of the article's actors, by the article's actor id."""
        aa = article_actors.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(aa.actor_id, aa.entity_id)
                                .where(aa.article_id == article_id))
            return {r.actor_id: r.entity_id for r in rows}

    def articles(
        self, filters: Filters = NO_FILTERS, *, limit: int = 50, offset: int = 0
    ) -> Page[ArticleSummary]:
        query = (
            sa.select(*_ARTICLE_COLS)
            .where(articles.c.duplicate_of.is_(None), *article_conditions(articles.c.id, filters))
            .order_by(articles.c.published_day.desc(), articles.c.id)
        )
        with self.engine.connect() as conn:
            return _page(conn, query, ArticleSummary, limit, offset)

    # -- actors ---------------------------------------------------------------------------

    def actors(
        self, query: str | None = None, *, kind: str | None = None, country: str | None = None,
        sector: str | None = None, limit: int = 50, offset: int = 0,
    ) -> Page[ActorSummary]:
        """Corpus actors whose name contains ``query`` (any of their names), most mentioned
        first."""
        e = entities.c
        where: list[sa.ColumnElement[bool]] = [e.merged_into.is_(None)]
        if query:
            needle = f"%{query.casefold()}%"
            where.append(e.id.in_(sa.select(entity_names.c.entity_id)
                                  .where(sa.func.lower(entity_names.c.name).like(needle))))
        for column, value in ((e.kind, kind), (e.country, country), (e.sector, sector)):
            if value:
                where.append(column == value)
        with self.engine.connect() as conn:
            return _page(conn, _actor_summary().where(*where)
                         .order_by(sa.literal_column("articles").desc(), e.name, e.id),
                         ActorSummary, limit, offset)

    def actor(self, entity_id: int, *, limit: int = 50) -> ActorDetail | None:
        """One corpus actor (following merges to the actor it now is part of)."""
        with self.engine.connect() as conn:
            entity_id = _current_entity(conn, entity_id)
            row = conn.execute(_actor_summary().where(entities.c.id == entity_id)).first()
            if row is None:
                return None
            aa, a = article_actors.c, articles.c
            mine = aa.entity_id == entity_id
            mentions = [ActorMention(**r._mapping) for r in conn.execute(
                sa.select(aa.article_id, aa.actor_id, aa.name, a.title, a.published, aa.roles,
                          aa.link_reason)
                .join(articles, a.id == aa.article_id).where(mine)
                .order_by(a.published_day.desc(), aa.article_id).limit(limit)
            )]
            names = set(conn.scalars(sa.select(aa.name).where(mine).distinct()))
            names |= set(conn.scalars(sa.select(entity_names.c.name).where(
                entity_names.c.entity_id == entity_id, ~entity_names.c.norm.startswith("role:"))))
            roles = conn.execute(
                sa.select(aa.roles, a.published_day).join(articles, a.id == aa.article_id)
                .where(mine, sa.cast(aa.roles, sa.Text) != "[]")
            ).all()
            ev = events.c
            return ActorDetail(
                actor=ActorSummary(**row._mapping), names=sorted(names),
                roles=_roles_over_time(roles), mentions=mentions,
                quotes=_quotes(conn, [quotes.c.speaker_entity == entity_id], limit, 0),
                actions=_events(conn, [ev.source_entity == entity_id], limit, 0),
                targeted=_events(conn, [ev.target_entity == entity_id], limit, 0),
                merges=merge_records(conn, entity_id),
            )

    def merges(self, entity_id: int | None = None) -> list[Merge]:
        """Identity decisions, newest first; only those about ``entity_id`` if given."""
        with self.engine.connect() as conn:
            return merge_records(conn, entity_id)

    # -- quotes, events, happenings ---------------------------------------------------------

    def quotes(
        self, filters: Filters = NO_FILTERS, *, limit: int = 50, offset: int = 0
    ) -> Page[QuoteRow]:
        """Quotes; ``filters.actor``/``country`` select the speaker."""
        q = quotes.c
        where = article_conditions(q.article_id, _article_only(filters))
        if filters.actor is not None:
            where.append(q.speaker_entity == filters.actor)
        if filters.country:
            where.append(q.speaker_entity.in_(
                sa.select(entities.c.id).where(entities.c.country == filters.country)))
        with self.engine.connect() as conn:
            return _quotes(conn, where, limit, offset)

    def events(
        self, filters: Filters = NO_FILTERS, *, limit: int = 50, offset: int = 0
    ) -> Page[EventRow]:
        """Event reports, newest first. ``filters.actor`` matches the source or the target;
        ``country`` the place or either actor; dates are the event's day."""
        with self.engine.connect() as conn:
            return _events(conn, _event_conditions(filters), limit, offset)

    def happenings(
        self, filters: Filters = NO_FILTERS, *, limit: int = 50, offset: int = 0
    ) -> Page[Happening]:
        """Happenings told by the matching reports, most reported first."""
        h, ev = happenings.c, events.c
        query = (
            sa.select(h.id, h.type, h.source_entity, _source.c.name.label("source_name"),
                      h.target_entity, _target.c.name.label("target_name"), h.date, h.place,
                      sa.func.count().label("reports"))
            .select_from(happenings.join(events, ev.happening_id == h.id)
                         .outerjoin(_source, _source.c.id == h.source_entity)
                         .outerjoin(_target, _target.c.id == h.target_entity))
            .where(*_event_conditions(filters))
            .group_by(h.id, h.type, h.source_entity, _source.c.name, h.target_entity,
                      _target.c.name, h.date, h.place)
            .order_by(sa.literal_column("reports").desc(), h.date.desc(), h.id)
        )
        with self.engine.connect() as conn:
            return _page(conn, query, Happening, limit, offset)

    # -- search and aggregates -----------------------------------------------------------------

    def search(
        self, text: str, filters: Filters = NO_FILTERS, *,
        kind: Literal["article", "quote"] | None = None, limit: int = 20, offset: int = 0,
    ) -> Page[SearchHit]:
        """Full-text search over article titles and bodies and quote texts, best first."""
        with self.engine.connect() as conn:
            total, hits = fts.search(conn, text, filters, kind=kind, limit=limit, offset=offset)
            ids = {h["article_id"] for h in hits}
            meta = {r.id: r for r in conn.execute(
                sa.select(articles.c.id, articles.c.title, articles.c.outlet,
                          articles.c.published).where(articles.c.id.in_(ids)))}
        items = [SearchHit(**h, title=meta[h["article_id"]].title,
                           outlet=meta[h["article_id"]].outlet,
                           published=meta[h["article_id"]].published) for h in hits]
        exact = total <= fts.MAX_COUNT
        return Page(total=min(total, fts.MAX_COUNT), limit=limit, offset=offset, items=items,
                    exact=exact)

    def timeline(
        self, filters: Filters = NO_FILTERS, *, period: Literal["day", "month"] = "month"
    ) -> list[TimelinePoint]:
        """Event reports and happenings per period and type, oldest first (undated left out)."""
        ev = events.c
        bucket = sa.func.substr(ev.day, 1, 10 if period == "day" else 7).label("period")
        query = (
            sa.select(bucket, ev.type, sa.func.count().label("reports"),
                      sa.func.count(sa.distinct(ev.happening_id)).label("happenings"))
            .where(ev.day.is_not(None), *_event_conditions(filters))
            .group_by(bucket, ev.type).order_by(bucket, ev.type)
        )
        with self.engine.connect() as conn:
            return [TimelinePoint(**r._mapping) for r in conn.execute(query)]

    def network(self, filters: Filters = NO_FILTERS, *, limit: int = 200) -> list[NetworkEdge]:
        """The busiest source → target pairs, with cooperative and conflictual report counts."""
        ev = events.c
        coop = sa.func.sum(sa.case((ev.type.in_(sorted(COOPERATIVE)), 1), else_=0))
        query = (
            sa.select(ev.source_entity.label("source"), _source.c.name.label("source_name"),
                      ev.target_entity.label("target"), _target.c.name.label("target_name"),
                      coop.label("cooperation"), (sa.func.count() - coop).label("conflict"),
                      sa.func.count().label("reports"))
            .select_from(events.join(_source, _source.c.id == ev.source_entity)
                         .join(_target, _target.c.id == ev.target_entity))
            .where(*_event_conditions(filters))
            .group_by(ev.source_entity, _source.c.name, ev.target_entity, _target.c.name)
            .order_by(sa.literal_column("reports").desc(), ev.source_entity, ev.target_entity)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [NetworkEdge(**r._mapping) for r in conn.execute(query)]


# -- building blocks ---------------------------------------------------------------------------


def _page(conn: Connection, query: sa.Select[Any], model: type[M], limit: int,
          offset: int) -> Page[M]:
    total = conn.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    rows = conn.execute(query.limit(limit).offset(offset))
    return Page[model](  # type: ignore[valid-type]
        total=int(total or 0), limit=limit, offset=offset,
        items=[model(**r._mapping) for r in rows],
    )


def _article_only(f: Filters) -> Filters:
    return Filters(event_type=f.event_type, date_from=f.date_from, date_to=f.date_to,
                   outlet=f.outlet)


def _actor_summary() -> sa.Select[Any]:
    aa, e = article_actors.c, entities.c
    n = (sa.select(sa.func.count(sa.distinct(aa.article_id))).where(aa.entity_id == e.id)
         .scalar_subquery())
    return sa.select(e.id, e.name, e.kind, e.country, e.sector, n.label("articles"))


def _current_entity(conn: Connection, entity_id: int) -> int:
    for _ in range(100):  # merges chain; never loop forever on bad data
        into = conn.scalar(sa.select(entities.c.merged_into).where(entities.c.id == entity_id))
        if into is None:
            break
        entity_id = into
    return entity_id


def _roles_over_time(rows: Sequence[Any]) -> list[RoleHeld]:
    seen: dict[str, list[Any]] = {}
    for r in rows:
        for role in r.roles:
            seen.setdefault(role, []).append(r.published_day)
    held = []
    for role, days in seen.items():
        dated = sorted(d for d in days if d)
        held.append(RoleHeld(role=role, first_seen=dated[0] if dated else None,
                             last_seen=dated[-1] if dated else None, articles=len(days)))
    return sorted(held, key=lambda h: (h.first_seen or "9999", h.role))


def _quotes(conn: Connection, where: list[sa.ColumnElement[bool]], limit: int,
            offset: int) -> Page[QuoteRow]:
    q, a = quotes.c, articles.c
    query = (
        sa.select(q.article_id, q.quote_id, q.kind, q.text, q.start, q.end, q.speaker_entity,
                  _speaker.c.name.label("speaker_name"), q.cue, q.channel, q.confidence,
                  a.title, a.outlet, a.published)
        .select_from(quotes.join(articles, a.id == q.article_id)
                     .outerjoin(_speaker, _speaker.c.id == q.speaker_entity))
        .where(*where).order_by(a.published_day.desc(), q.article_id, q.start)
    )
    return _page(conn, query, QuoteRow, limit, offset)


def _event_conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    ev = events.c
    where: list[sa.ColumnElement[bool]] = []
    if f.event_type:
        where.append(ev.type == f.event_type)
    if f.actor is not None:
        where.append(sa.or_(ev.source_entity == f.actor, ev.target_entity == f.actor))
    if f.date_from:
        where.append(ev.day >= f.date_from)
    if f.date_to:
        where.append(ev.day <= f.date_to)
    if f.country:
        in_country = sa.select(entities.c.id).where(entities.c.country == f.country)
        where.append(sa.or_(ev.place_country == f.country, ev.source_entity.in_(in_country),
                            ev.target_entity.in_(in_country)))
    if f.outlet:
        where.append(ev.article_id.in_(sa.select(articles.c.id)
                                       .where(articles.c.outlet == f.outlet)))
    return where


def _events(conn: Connection, where: list[sa.ColumnElement[bool]], limit: int,
            offset: int) -> Page[EventRow]:
    ev, a = events.c, articles.c
    query = (
        sa.select(ev.article_id, ev.event_id, ev.type, ev.cameo, ev.mode, ev.source_entity,
                  sa.func.coalesce(_source.c.name, ev.source_words).label("source_name"),
                  ev.target_entity,
                  sa.func.coalesce(_target.c.name, ev.target_words).label("target_name"),
                  ev.date, ev.day, ev.place_name,
                  ev.place_country, ev.negated, ev.hypothetical, ev.start, ev.end,
                  ev.confidence, ev.happening_id, a.title, a.outlet)
        .select_from(events.join(articles, a.id == ev.article_id)
                     .outerjoin(_source, _source.c.id == ev.source_entity)
                     .outerjoin(_target, _target.c.id == ev.target_entity))
        .where(*where).order_by(ev.day.desc(), ev.article_id, ev.event_id)
    )
    return _page(conn, query, EventRow, limit, offset)


def merge_records(conn: Connection, entity_id: int | None = None, *,
                  merge_id: int | None = None) -> list[Merge]:
    """Merges about ``entity_id`` (or the one ``merge_id``, or all), newest first."""
    m = merges.c
    query = sa.select(merges).order_by(m.id.desc())
    if merge_id is not None:
        query = query.where(m.id == merge_id)
    if entity_id is not None:
        query = query.where(sa.or_(m.into_entity == entity_id, m.from_entity == entity_id))
    return [Merge(**r._mapping) for r in conn.execute(query)]
