"""The JSON API (FastAPI; OpenAPI page at ``/docs``), under ``/api``.

``create_app(store_url)`` opens the store (``app.state.store``, a ``SQLStore``), mounts this
API and, when ``newsgraph.web.pages`` is installed, its HTML pages (``pages.router``).
Lists take the same filters (``actor`` id, ``type``, ``since``/``until`` ISO days, ``country``
ISO alpha-3, ``outlet``) and ``limit``/``offset``; every fact links back to its evidence
(article id and character span). ``GET /api/articles/{id}`` returns the schema-1 document,
with a ``corpus`` member added (corpus actor of each actor, sources, the original it copies).
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Field

from newsgraph.errors import NewsgraphError
from newsgraph.model import EVENT_TYPES
from newsgraph.store import open_store
from newsgraph.store.filters import Filters
from newsgraph.store.sql import SQLStore
from newsgraph.store.views import (
    ActorDetail,
    ActorSummary,
    ArticleSummary,
    EventRow,
    Happening,
    Merge,
    NetworkEdge,
    Page,
    QuoteRow,
    SearchHit,
    Source,
    TimelinePoint,
)
from newsgraph.web.security import (
    MAX_BODY_BYTES,
    BodyLimitMiddleware,
    NulGuardMiddleware,
    TokenMiddleware,
    unicode_text,
    validation_error,
)

router = APIRouter(prefix="/api")

#: Text in a request body: lone surrogates and NUL characters are refused with 422.
BodyText = Annotated[str, AfterValidator(unicode_text)]

ISO_DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the store
EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="corpus actor id")]
MergeId = Annotated[int, Path(ge=1, le=MAX_ID)]


def get_store(request: Request) -> SQLStore:
    store: SQLStore = request.app.state.store
    return store


StoreDep = Annotated[SQLStore, Depends(get_store)]


def filters(
    actor: Annotated[int | None, Query(ge=1, le=MAX_ID, description="corpus actor id")] = None,
    type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
    since: Annotated[str | None, Query(pattern=ISO_DAY, description="from this day")] = None,
    until: Annotated[str | None, Query(pattern=ISO_DAY, description="to this day")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> Filters:
    return Filters(actor=actor, event_type=type, date_from=since, date_to=_end_of(until),
                   country=country.upper() if country else None, outlet=outlet)


def _end_of(day: str | None) -> str | None:
    """``until=2022-01`` includes every day of January."""
    return day if day is None or len(day) == 10 else f"{day}-99"


FiltersDep = Annotated[Filters, Depends(filters)]


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"{what} is not in the store")
    return value


@router.get("/counts")
def counts(store: StoreDep) -> dict[str, int]:
    """How many articles, duplicate copies, sources, corpus actors, quotes, event reports and
    happenings the store holds."""
    return store.counts()


@router.get("/articles")
def articles(store: StoreDep, f: FiltersDep, limit: Limit = 50,
             offset: Offset = 0) -> Page[ArticleSummary]:
    """Articles, newest first (near-duplicate copies are listed as sources instead)."""
    return store.articles(f, limit=limit, offset=offset)


@router.get("/articles/{article_id}")
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The schema-1 document, plus ``corpus``: ``actors`` (article actor id → corpus actor
    id), ``sources`` and ``duplicate_of``."""
    doc = _found(store.document(article_id), f"article {article_id!r}")
    summary = store.article(article_id)
    body: dict[str, Any] = doc.to_dict()
    body["corpus"] = {
        "actors": store.article_entities(article_id),
        "sources": [s.model_dump() for s in store.sources(article_id)],
        "duplicate_of": summary.duplicate_of if summary else None,
    }
    return body


@router.get("/articles/{article_id}/sources")
def article_sources(store: StoreDep, article_id: str) -> list[Source]:
    _found(store.article(article_id), f"article {article_id!r}")
    return store.sources(article_id)


@router.get("/actors")
def actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="part of any name")] = None,
    kind: Literal["PERSON", "ORG", "GPE", "GROUP"] | None = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    sector: Annotated[str | None, Query(max_length=3)] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Page[ActorSummary]:
    """Corpus actors, most mentioned first."""
    return store.actors(q, kind=kind, country=country.upper() if country else None,
                        sector=sector, limit=limit, offset=offset)


@router.get("/actors/{entity_id}")
def actor(store: StoreDep, entity_id: EntityId, limit: Limit = 50) -> ActorDetail:
    """One corpus actor: names, roles over time, mentions, quotes, what they did (actions)
    and what was done to them (targeted), and the identity decisions about them."""
    return _found(store.actor(entity_id, limit=limit), f"actor {entity_id}")  # type: ignore[no-any-return]


class MergeRequest(BaseModel):
    other: int = Field(ge=1, le=MAX_ID, description="the corpus actor merged into this one")
    reason: BodyText = Field("merged by hand", max_length=500)


@router.post("/actors/{entity_id}/merge")
def merge_actor(store: StoreDep, entity_id: EntityId, body: MergeRequest) -> Merge:
    """Merge actor ``other`` into this one (undo with ``POST /api/merges/{id}/undo``)."""
    try:
        return store.merge(entity_id, body.other, reason=body.reason)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from exc
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.get("/merges")
def merges(
    store: StoreDep, actor: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> list[Merge]:
    """Identity decisions (automatic links and manual merges), newest first."""
    return store.merges(actor)


@router.post("/merges/{merge_id}/undo")
def undo_merge(store: StoreDep, merge_id: MergeId) -> Merge:
    """Undo a merge: a manual merge restores the actor it absorbed; an automatic link moves
    the mention back out into an actor of its own."""
    try:
        return store.undo_merge(merge_id)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from exc
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.get("/quotes")
def quotes(store: StoreDep, f: FiltersDep, limit: Limit = 50,
           offset: Offset = 0) -> Page[QuoteRow]:
    """Quotes, newest first; ``actor`` and ``country`` select the speaker."""
    return store.quotes(f, limit=limit, offset=offset)


@router.get("/events")
def events(store: StoreDep, f: FiltersDep, limit: Limit = 50,
           offset: Offset = 0) -> Page[EventRow]:
    """Event reports, newest first; ``actor`` is the source or the target."""
    return store.events(f, limit=limit, offset=offset)


@router.get("/happenings")
def happenings(store: StoreDep, f: FiltersDep, limit: Limit = 50,
               offset: Offset = 0) -> Page[Happening]:
    """Happenings (one per real-world event), each with the number of reports telling it."""
    return store.happenings(f, limit=limit, offset=offset)


@router.get("/search")
def search(
    store: StoreDep, f: FiltersDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words or \"a phrase\"")],
    kind: Literal["article", "quote"] | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0,
) -> Page[SearchHit]:
    """Full-text search over articles and quotes, best first, with highlighted snippets."""
    return store.search(q, f, kind=kind, limit=limit, offset=offset)


@router.get("/timeline")
def timeline(store: StoreDep, f: FiltersDep,
             period: Literal["day", "month"] = "month") -> list[TimelinePoint]:
    """Event reports and happenings per period and type."""
    return store.timeline(f, period=period)


@router.get("/network")
def network(store: StoreDep, f: FiltersDep,
            limit: Annotated[int, Query(ge=1, le=2000)] = 200) -> list[NetworkEdge]:
    """Who acts on whom, with cooperative and conflictual report counts."""
    return store.network(f, limit=limit)


class AnalyzeRequest(BaseModel):
    text: BodyText = Field(min_length=1, description="the article body (at most 1,000,000 "
                                                     "characters)")
    published: BodyText | None = Field(None, max_length=100,
                                       description="ISO 8601; anchors relative dates")
    title: BodyText | None = Field(None, max_length=2000)
    outlet: BodyText | None = Field(None, max_length=500)
    url: BodyText | None = Field(None, max_length=2000, description="metadata only: never fetched")
    language: BodyText | None = Field(None, max_length=35)


@router.post("/analyze")
def analyze(body: AnalyzeRequest) -> dict[str, Any]:
    """Analyse one text and return its schema-1 document (nothing is stored)."""
    from newsgraph.pipeline import analyze as run  # the one route that needs the NLP pipeline
    from newsgraph.settings import DEFAULT_SETTINGS

    if len(body.text) > DEFAULT_SETTINGS.max_chars:
        raise HTTPException(413, f"text of {len(body.text)} characters is over the limit of "
                                 f"{DEFAULT_SETTINGS.max_chars}")
    try:
        doc = run(body.text, published=body.published, title=body.title, outlet=body.outlet,
                  url=body.url, language=body.language)
    except NewsgraphError as exc:
        raise HTTPException(422, str(exc)) from exc
    return doc.to_dict()


def create_app(store_url: str | None = None, *, token: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The web application over the store at ``store_url`` (``None``: the default file).
    With ``token``, every request must carry it (see ``newsgraph.web.security``); request
    bodies over ``max_body_bytes`` are refused with 413."""
    store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="newsgraph", version="1", lifespan=lifespan,
                  description="Who said what, and who did what to whom, when and where.")
    app.state.store = store
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(NulGuardMiddleware)
    if token:
        app.add_middleware(TokenMiddleware, token=token)  # outermost: checked first
    app.include_router(router)
    pages = _pages_router()
    if pages is not None:
        app.include_router(pages)
    return app


def _pages_router() -> APIRouter | None:
    try:
        module = importlib.import_module("newsgraph.web.pages")
    except ModuleNotFoundError as exc:
        if exc.name != "newsgraph.web.pages":
            raise
        return None
    pages: APIRouter = module.router
    return pages
