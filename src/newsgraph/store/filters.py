"""The filters every list and search takes: actor, event type, date range, country, outlet."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from newsgraph.store.schema import article_actors, articles, events


@dataclass(frozen=True, slots=True)
class Filters:
    """All optional. ``actor`` is a corpus actor (entity) id; ``date_from``/``date_to`` are
    ISO dates, inclusive (the article's publication day, or the event's day for events);
    ``country`` is ISO 3166-1 alpha-3; ``outlet`` is matched exactly."""

    actor: int | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    outlet: str | None = None


NO_FILTERS = Filters()


def article_conditions(
    article_id: sa.ColumnElement[str], f: Filters
) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``article_id`` that keep the articles matching ``f``."""
    a = articles.c
    conds: list[sa.ColumnElement[bool]] = []
    meta = []
    if f.outlet:
        meta.append(a.outlet == f.outlet)
    if f.date_from:
        meta.append(a.published_day >= f.date_from)
    if f.date_to:
        meta.append(a.published_day <= f.date_to)
    if meta:
        conds.append(article_id.in_(sa.select(a.id).where(*meta)))
    if f.actor is not None:
        conds.append(article_id.in_(
            sa.select(article_actors.c.article_id).where(article_actors.c.entity_id == f.actor)
        ))
    if f.country:
        conds.append(sa.or_(
            article_id.in_(sa.select(article_actors.c.article_id)
                           .where(article_actors.c.country == f.country)),
            article_id.in_(sa.select(events.c.article_id)
                           .where(events.c.place_country == f.country)),
        ))
    if f.event_type:
        conds.append(article_id.in_(
            sa.select(events.c.article_id).where(events.c.type == f.event_type)
        ))
    return conds
