"""What the pages read from the store: SQLAlchemy Core queries over the store's tables
(``newsgraph.store.schema``), returning small view records the templates show.

TODO(store): move these to ``newsgraph.store.queries`` where the store offers the same reads
(article list with counts, actor profile, event list with names, network links).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

from newsgraph.corpus import identity
from newsgraph.model import Document
from newsgraph.store import schema
from newsgraph.store.filters import Filters
from newsgraph.store.search import search
from newsgraph.web.charts import Link, event_polarity
from newsgraph.web.highlight import Mark, context


@dataclass(frozen=True, slots=True)
class EventView:
    article_id: str
    event_id: str
    type: str
    date: str | None
    source_entity: int | None
    source_name: str | None
    target_entity: int | None
    target_name: str | None
    negated: bool
    hypothetical: bool
    place: str | None
    evidence: str
    article_title: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class QuoteView:
    article_id: str
    quote_id: str
    kind: str
    text: str
    speaker_entity: int | None
    speaker_name: str | None
    article_title: str | None
    published: str | None


def event_conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions on the events joined to their articles: dates are the event's day (the
    article's when the event has none); ``country`` is where the event happened."""
    ev, art = schema.events, schema.articles
    day = sa.func.coalesce(ev.c.date, art.c.published_day)
    where: list[sa.ColumnElement[bool]] = [art.c.duplicate_of.is_(None)]
    if f.event_type:
        where.append(ev.c.type == f.event_type)
    if f.date_from:
        where.append(day >= f.date_from)
    if f.date_to:
        where.append(day <= f.date_to)
    if f.country:
        where.append(ev.c.place_country == f.country)
    if f.outlet:
        where.append(art.c.outlet == f.outlet)
    if f.actor is not None:
        where.append(sa.or_(ev.c.source_entity == f.actor, ev.c.target_entity == f.actor))
    return where


def find_actor(conn: sa.Connection, name: str) -> int | None:
    """The corpus actor a typed name means: an exact name first, else the best-known actor
    whose name contains it."""
    norm = identity.normalize(name)
    if not norm:
        return None
    names, aa = schema.entity_names, schema.article_actors
    seen = sa.select(sa.func.count()).where(aa.c.entity_id == names.c.entity_id).scalar_subquery()
    for cond in (names.c.norm == norm, names.c.norm.like(f"%{_like_escape(norm)}%", escape="\\")):
        found = conn.execute(
            sa.select(names.c.entity_id).where(cond).order_by(seen.desc()).limit(1)
        ).scalar()
        if found is not None:
            return int(found)
    return None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity_names(conn: sa.Connection, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    e = schema.entities
    return dict(conn.execute(sa.select(e.c.id, e.c.name).where(e.c.id.in_(wanted))).all())


def _texts(conn: sa.Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """Article bodies, for the evidence around spans."""
    art = schema.articles
    rows = conn.execute(
        sa.select(art.c.id, art.c.document).where(art.c.id.in_(set(article_ids)))
    )
    return {aid: json.loads(document)["article"]["text"] for aid, document in rows}


def event_views(
    conn: sa.Connection, where: Sequence[sa.ColumnElement[bool]], limit: int, offset: int = 0
) -> list[EventView]:
    """Events matching ``where``, newest first, with actor names, article and evidence."""
    ev, art = schema.events, schema.articles
    day = sa.func.coalesce(ev.c.date, art.c.published_day)
    rows = conn.execute(
        sa.select(ev, art.c.title, art.c.outlet, day.label("event_day"))
        .join(art, art.c.id == ev.c.article_id)
        .where(*where)
        .order_by(day.desc(), ev.c.article_id, ev.c.start)
        .limit(limit)
        .offset(offset)
    ).mappings().all()
    names = _entity_names(conn, [r.source_entity for r in rows] + [r.target_entity for r in rows])
    texts = _texts(conn, {r.article_id for r in rows})
    return [
        EventView(
            article_id=r.article_id, event_id=r.event_id, type=r.type, date=r.event_day,
            source_entity=r.source_entity, source_name=names.get(r.source_entity),
            target_entity=r.target_entity, target_name=names.get(r.target_entity),
            negated=bool(r.negated), hypothetical=bool(r.hypothetical), place=r.place_name,
            evidence=context(texts.get(r.article_id, ""), r.start, r.end),
            article_title=r.title, outlet=r.outlet,
        )
        for r in rows
    ]


def timeline_points(
    conn: sa.Connection, where: Sequence[sa.ColumnElement[bool]]
) -> list[tuple[str | None, str]]:
    """``(date, type)`` of every matching event, the article's date standing in for a missing one."""
    ev, art = schema.events, schema.articles
    day = sa.func.coalesce(ev.c.date, art.c.published_day)
    query = (
        sa.select(day, ev.c.type, sa.func.count())
        .join(art, art.c.id == ev.c.article_id)
        .where(*where)
        .group_by(day, ev.c.type)
    )
    return [(d, t) for d, t, n in conn.execute(query) for _ in range(n)]


def network_links(
    conn: sa.Connection, where: Sequence[sa.ColumnElement[bool]]
) -> list[Link]:
    ev, art = schema.events, schema.articles
    query = (
        sa.select(ev.c.source_entity, ev.c.target_entity, ev.c.type, sa.func.count())
        .join(art, art.c.id == ev.c.article_id)
        .where(*where, ev.c.source_entity.is_not(None), ev.c.target_entity.is_not(None),
               ev.c.negated.is_(False))
        .group_by(ev.c.source_entity, ev.c.target_entity, ev.c.type)
    )
    return [Link(str(s), str(t), kind, n) for s, t, kind, n in conn.execute(query)]


def quote_views(
    conn: sa.Connection, where: Sequence[sa.ColumnElement[bool]], limit: int
) -> list[QuoteView]:
    q, art = schema.quotes, schema.articles
    rows = conn.execute(
        sa.select(q, art.c.title, art.c.published)
        .join(art, art.c.id == q.c.article_id)
        .where(art.c.duplicate_of.is_(None), *where)
        .order_by(art.c.published_day.desc(), q.c.article_id, q.c.start)
        .limit(limit)
    ).mappings().all()
    names = _entity_names(conn, [r.speaker_entity for r in rows])
    return [
        QuoteView(
            article_id=r.article_id, quote_id=r.quote_id, kind=r.kind, text=r.text,
            speaker_entity=r.speaker_entity, speaker_name=names.get(r.speaker_entity),
            article_title=r.title, published=r.published,
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    actors: int | None = None
    quotes: int | None = None
    events: int | None = None
    snippet: tuple[tuple[str, bool], ...] = ()  # search hits: (text, is_match) runs
    name: str | None = None  # what the article called the actor, on actor pages


def article_views(
    conn: sa.Connection, where: Sequence[sa.ColumnElement[bool]], limit: int, offset: int = 0
) -> list[ArticleView]:
    """Stored articles (not their duplicates), newest first, with how much was found in each."""
    art = schema.articles

    def count(table: sa.Table) -> sa.ScalarSelect[int]:
        return (
            sa.select(sa.func.count()).where(table.c.article_id == art.c.id).scalar_subquery()
        )

    rows = conn.execute(
        sa.select(
            art.c.id, art.c.title, art.c.outlet, art.c.published,
            count(schema.article_actors).label("actors"),
            count(schema.quotes).label("quotes"),
            count(schema.events).label("events"),
        )
        .where(art.c.duplicate_of.is_(None), *where)
        .order_by(art.c.published_day.desc().nulls_last(), art.c.id)
        .limit(limit)
        .offset(offset)
    ).mappings().all()
    return [ArticleView(**r) for r in rows]


def totals(conn: sa.Connection) -> dict[str, int]:
    def n(query: sa.Select[tuple[int]]) -> int:
        return int(conn.execute(query).scalar_one())

    art, ent = schema.articles, schema.entities
    return {
        "articles": n(sa.select(sa.func.count()).where(art.c.duplicate_of.is_(None))),
        "actors": n(sa.select(sa.func.count()).where(ent.c.merged_into.is_(None))),
        "quotes": n(sa.select(sa.func.count()).select_from(schema.quotes)),
        "events": n(sa.select(sa.func.count(sa.distinct(schema.events.c.happening_id)))),
    }


def top_actors(conn: sa.Connection, limit: int = 12) -> list[dict[str, object]]:
    aa, ent = schema.article_actors, schema.entities
    n = sa.func.count(sa.distinct(aa.c.article_id))
    rows = conn.execute(
        sa.select(ent.c.id, ent.c.name, n.label("articles"))
        .join(aa, aa.c.entity_id == ent.c.id)
        .group_by(ent.c.id, ent.c.name)
        .order_by(n.desc(), ent.c.name)
        .limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


@dataclass(frozen=True, slots=True)
class ArticlePage:
    document: Document
    entity_of: dict[str, int]
    sources: list[dict[str, str | None]]


def article_page(conn: sa.Connection, article_id: str) -> ArticlePage | None:
    art = schema.articles
    row = conn.execute(
        sa.select(art.c.document, art.c.duplicate_of).where(art.c.id == article_id)
    ).one_or_none()
    if row is None:
        return None
    aa, src = schema.article_actors, schema.article_sources
    entity_of = dict(
        conn.execute(
            sa.select(aa.c.actor_id, aa.c.entity_id).where(aa.c.article_id == article_id)
        ).all()
    )
    sources = [
        dict(r)
        for r in conn.execute(
            sa.select(src.c.source, src.c.url, src.c.outlet)
            .where(src.c.article_id == (row.duplicate_of or article_id))
            .order_by(src.c.published)
        ).mappings()
    ]
    return ArticlePage(Document.from_json(row.document), entity_of, sources)


def article_marks(page: ArticlePage) -> list[Mark]:
    """Highlights for an article: every actor mention, quote and event trigger."""
    doc = page.document
    marks: list[Mark] = []
    for actor in doc.actors:
        entity = page.entity_of.get(actor.id)
        href = f"/actors/{entity}" if entity is not None else None
        title = f"{actor.name} ({actor.kind})"
        marks += [Mark(m.start, m.end, "actor", actor.id, href, title=title) for m in actor.mentions]
    marks += [Mark(q.span.start, q.span.end, "quote", q.id) for q in doc.quotes]
    for ev in doc.events:
        who = " → ".join(
            (doc.actor(x).name if doc.actor(x) else "?") for x in (ev.source, ev.target)  # type: ignore[union-attr]
        )
        marks.append(
            Mark(ev.span.start, ev.span.end, "event", ev.id, css=event_polarity(ev.type),
                 title=f"{ev.type}: {who}")
        )
    return marks


@dataclass(frozen=True, slots=True)
class RoleSpan:
    role: str
    first: str | None
    last: str | None
    articles: int


def roles_over_time(rows: Iterable[tuple[Sequence[str], str | None]]) -> list[RoleSpan]:
    """Each role an actor was given, with the first and last article date it was seen and in
    how many articles: from ``(roles, published_day)`` pairs, earliest role first."""
    seen: dict[str, list[str]] = defaultdict(list)
    count: dict[str, int] = defaultdict(int)
    for roles, day in rows:
        for role in dict.fromkeys(" ".join(r.split()) for r in roles if r.strip()):
            count[role] += 1
            if day:
                seen[role].append(day)
    spans = [
        RoleSpan(role, min(seen[role], default=None), max(seen[role], default=None), n)
        for role, n in count.items()
    ]
    return sorted(spans, key=lambda s: (s.first or "9999", -s.articles, s.role))


@dataclass(frozen=True, slots=True)
class ActorView:
    id: int
    name: str
    kind: str
    country: str | None
    sector: str | None
    names: list[str]
    articles: int


@dataclass(frozen=True, slots=True)
class ActorPage:
    actor: ActorView
    roles: list[RoleSpan]
    mentioned_in: list[ArticleView]
    said: list[QuoteView]
    did: list[EventView]
    done_to: list[EventView]
    points: list[tuple[str | None, str]]


def actor_page(conn: sa.Connection, entity_id: int, limit: int = 100) -> ActorPage | int | None:
    """Everything about one corpus actor; the id it was merged into if it was merged; or None."""
    ent, aa, art = schema.entities, schema.article_actors, schema.articles
    row = conn.execute(sa.select(ent).where(ent.c.id == entity_id)).mappings().one_or_none()
    if row is None:
        return None
    if row.merged_into is not None:
        return int(row.merged_into)
    appearances = conn.execute(
        sa.select(aa.c.roles, aa.c.name, aa.c.aliases, art.c.id, art.c.title, art.c.outlet, art.c.published,
                  art.c.published_day)
        .join(art, art.c.id == aa.c.article_id)
        .where(aa.c.entity_id == entity_id)
        .order_by(art.c.published_day.desc().nulls_last())
    ).mappings().all()
    all_names = [n for a in appearances for n in (a.name, *(a.aliases or ()))]
    ev, q = schema.events, schema.quotes
    involved = sa.or_(ev.c.source_entity == entity_id, ev.c.target_entity == entity_id)
    return ActorPage(
        actor=ActorView(
            row.id, row.name, row.kind, row.country, row.sector,
            list(dict.fromkeys([row.name, *all_names])),
            len({a.id for a in appearances}),
        ),
        roles=roles_over_time((a.roles or [], a.published_day) for a in appearances),
        mentioned_in=[
            ArticleView(a.id, a.title, a.outlet, a.published, name=a.name)
            for a in appearances[:limit]
        ],
        said=quote_views(conn, [q.c.speaker_entity == entity_id], limit),
        did=event_views(conn, [ev.c.source_entity == entity_id], limit),
        done_to=event_views(conn, [ev.c.target_entity == entity_id], limit),
        points=timeline_points(conn, [involved]),
    )


@dataclass(frozen=True, slots=True)
class SearchResults:
    articles: list[ArticleView]
    has_next: bool
    quotes: list[QuoteView]
    actors: list[dict[str, Any]]


def marked(snippet: str, ranges: Sequence[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    """A search snippet as ``(text, is_match)`` runs, for ``<mark>``-ing the matched words."""
    runs: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(ranges):
        if start < pos:
            continue
        runs += [(snippet[pos:start], False), (snippet[start:end], True)]
        pos = end
    runs.append((snippet[pos:], False))
    return tuple(r for r in runs if r[0])


def search_page(conn: sa.Connection, text: str, f: Filters, limit: int = 30) -> SearchResults:
    """Articles and quotes matching ``text`` (and the filters), best first, and the actor the
    words name, if any."""
    _, article_hits = search(conn, text, f, kind="article", limit=limit + 1, offset=0)
    _, quote_hits = search(conn, text, f, kind="quote", limit=limit, offset=0)
    art, q, ent = schema.articles, schema.quotes, schema.entities
    ids = {h["article_id"] for h in article_hits}
    found = {a.id: a for a in article_views(conn, [art.c.id.in_(ids)], limit + 1)}
    articles = [
        replace(found[h["article_id"]], snippet=marked(h["snippet"], h["highlights"]))
        for h in article_hits
        if h["article_id"] in found
    ]
    keys = [(h["article_id"], h["ref"]) for h in quote_hits]
    quotes = (
        quote_views(conn, [sa.tuple_(q.c.article_id, q.c.quote_id).in_(keys)], limit)
        if keys else []
    )
    order = {k: i for i, k in enumerate(keys)}
    quotes.sort(key=lambda v: order.get((v.article_id, v.quote_id), 0))
    actor = find_actor(conn, text)
    actors = [
        dict(r)
        for r in conn.execute(sa.select(ent.c.id, ent.c.name, ent.c.kind).where(ent.c.id == actor))
        .mappings()
    ] if actor is not None else []
    return SearchResults(articles[:limit], len(articles) > limit, quotes, actors)
