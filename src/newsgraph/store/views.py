"""What the read queries return: pydantic models, so the JSON API documents them in OpenAPI
and the web pages read them as attributes. Every row that states a fact carries its evidence:
``article_id`` and the character span ``start``/``end`` in that article's text."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset``, out of ``total``. ``exact`` is False
    when ``total`` is a lower bound (search stops counting at ``search.MAX_COUNT`` hits)."""

    total: int
    limit: int
    offset: int
    items: list[T]
    exact: bool = True


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    url: str | None
    source: str | None
    duplicate_of: str | None = None


class Source(BaseModel):
    """One place the article was found; ``variant_id`` is the id of the copy read there."""

    source: str
    url: str
    outlet: str | None
    published: str | None
    variant_id: str


class ActorSummary(BaseModel):
    """A corpus actor (entity); ``articles`` counts the articles that mention it."""

    id: int
    name: str
    kind: str
    country: str | None
    sector: str | None
    articles: int


class RoleHeld(BaseModel):
    """A role given to the actor in the text, and when: first and last publication day."""

    role: str
    first_seen: str | None
    last_seen: str | None
    articles: int


class ActorMention(BaseModel):
    """The actor as one article has it, and why it was linked to this corpus actor."""

    article_id: str
    actor_id: str
    name: str
    title: str | None
    published: str | None
    roles: list[str]
    link_reason: str


class QuoteRow(BaseModel):
    article_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker_entity: int | None
    speaker_name: str | None
    cue: str | None
    channel: str | None
    confidence: float
    title: str | None
    outlet: str | None
    published: str | None


class EventRow(BaseModel):
    """One event report. ``day`` is the event's date, else the article's publication day;
    reports of one happening share ``happening_id``. A side that is a place or thing, not an
    actor, has no entity and is named by the report's words ("a military base")."""

    article_id: str
    event_id: str
    type: str
    cameo: str | None
    mode: str | None
    source_entity: int | None
    source_name: str | None
    target_entity: int | None
    target_name: str | None
    date: str | None
    day: str | None
    place_name: str | None
    place_country: str | None
    negated: bool
    hypothetical: bool
    start: int
    end: int
    confidence: float
    happening_id: int
    title: str | None
    outlet: str | None


class Happening(BaseModel):
    """One happening and the number of reports that tell it."""

    id: int
    type: str
    source_entity: int | None
    source_name: str | None
    target_entity: int | None
    target_name: str | None
    date: str | None
    place: str | None
    reports: int


class Merge(BaseModel):
    """An identity decision: ``members`` ([article_id, actor_id] pairs) joined ``into_entity``,
    from ``from_entity`` (a manual merge) or as they were written (automatic)."""

    id: int
    into_entity: int
    from_entity: int | None
    members: list[list[str]]
    reason: str
    automatic: bool
    created_at: datetime
    undone_at: datetime | None


class ActorDetail(BaseModel):
    """Everything about one corpus actor: names, roles over time, what they said, what they
    did (``actions``, as source) and what was done to them (``targeted``)."""

    actor: ActorSummary
    names: list[str]
    roles: list[RoleHeld]
    mentions: list[ActorMention]
    quotes: Page[QuoteRow]
    actions: Page[EventRow]
    targeted: Page[EventRow]
    merges: list[Merge]


class SearchHit(BaseModel):
    """A search hit: an article or a quote, with a snippet whose ``highlights`` are
    [start, end) ranges in ``snippet``; ``start``/``end`` locate it in the article text."""

    kind: str
    article_id: str
    ref: str | None
    start: int
    end: int
    snippet: str
    highlights: list[tuple[int, int]]
    title: str | None
    outlet: str | None
    published: str | None


class TimelinePoint(BaseModel):
    """Events of one type in one period (``YYYY-MM-DD`` or ``YYYY-MM``)."""

    period: str
    type: str
    reports: int
    happenings: int


class NetworkEdge(BaseModel):
    """Who acts on whom: event reports from ``source`` to ``target``, split by PLOVER class."""

    source: int
    source_name: str
    target: int
    target_name: str
    cooperation: int
    conflict: int
    reports: int
