"""Server-rendered pages of the web UI: home, article, actor, timeline, network, search.

The routes are a FastAPI ``APIRouter`` (``router``) that the app factory in ``web/api.py``
includes. The work is in pure functions (text highlighting, chart and network geometry) that
the tests call directly; the routes only fetch from the store and fill Jinja2 templates, which
autoescape everything: article text, titles, URLs and outlet names are untrusted input.
Every asset (CSS, JS) is served from ``web/static``: the pages work with no internet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathPart
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from newsgraph.model import EVENT_TYPES, Document, Span
from newsgraph.store import schema
from newsgraph.store.filters import Filters
from newsgraph.store.queries import Queries
from newsgraph.store.views import EventRow, QuoteRow, SearchHit
from newsgraph.web.charts import (
    QUAD_LABELS,
    Chart,
    Tie,
    event_polarity,
    event_quad,
    network,
    parse_day,
    timeline_chart,
)
from newsgraph.web.highlight import Mark, context, segment

HERE = Path(__file__).parent
PAGE_SIZE = 30
# Pages run no inline script and load nothing from elsewhere: a script smuggled into an
# article could not run even if it ever reached the HTML unescaped.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None: no ``javascript:`` links from articles."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _day(value: str | None) -> str:
    parsed = parse_day(value)
    return parsed.strftime("%-d %b %Y") if parsed else (value or "")


templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every {{ value }} is HTML-escaped, whatever the file name
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters.update(
    safe_url=safe_url, day=_day, polarity=event_polarity,
    plural=lambda n, word: f"{n} {word}" + ("" if n == 1 else "s"),
)
templates.globals.update(
    static=lambda name: f"/static/{name}",
    quad_label=lambda t: QUAD_LABELS[event_quad(t)],
    quad_labels=QUAD_LABELS,
    event_types=EVENT_TYPES,
)

router = APIRouter(include_in_schema=False)
STATIC = {p.name: p for p in (HERE / "static").iterdir() if p.is_file()}


def _store(request: Request) -> Queries:
    """The store the app factory opened (``app.state.store``, a ``SQLStore``)."""
    store: Queries = request.app.state.store
    return store


Store = Annotated[Queries, Depends(_store)]
Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=10_000)]
EntityId = Annotated[int, PathPart(ge=0, lt=2**31)]


def render(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("query", {})
    values.setdefault("section", "")
    html = templates.get_template(name).render(**values)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def not_found(what: str) -> HTMLResponse:
    return render("error.html", 404, page_title="Not found", heading="Not found",
                  message=f"{what} is not in the store.")


# --- reading the store ---------------------------------------------------------------------------


def find_actor(store: Queries, name: str) -> int | None:
    """The corpus actor a typed name means: an id, or the best-known actor so named."""
    if name.isascii() and name.isdigit() and len(name) < 10:
        return int(name)
    found = store.actors(name.strip(), limit=1).items
    return found[0].id if found else None


def filters(store: Queries, actor: str | None = None, type: str | None = None,
            since: str | None = None, until: str | None = None, country: str | None = None,
            outlet: str | None = None) -> Filters:
    """Filters from the query string; values that cannot mean anything are dropped."""
    entity = None
    if actor and actor.strip():
        entity = find_actor(store, actor)
        entity = -1 if entity is None else entity  # a name that matches nobody matches nothing
    return Filters(
        actor=entity,
        event_type=type if type in EVENT_TYPES else None,
        date_from=_iso(since),
        date_to=_iso(until),
        country=(country or "").strip().upper()[:3] or None,
        outlet=(outlet or "").strip() or None,
    )


def actor_name(store: Queries, entity_id: int | None) -> str | None:
    """The name of the actor a filter is about, for the page heading."""
    if entity_id is None:
        return None
    ent = schema.entities
    with store.engine.connect() as conn:
        name: str | None = conn.scalar(sa.select(ent.c.name).where(ent.c.id == entity_id))
    return name or "nobody known by that name"


def _iso(value: str | None) -> str | None:
    parsed = parse_day(value)
    return parsed.isoformat() if parsed else None


def article_counts(store: Queries, ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """How many actors, quotes and events were found in each article."""
    wanted = set(ids)
    counts: dict[str, dict[str, int]] = {i: {"actors": 0, "quotes": 0, "events": 0} for i in wanted}
    if not wanted:
        return counts
    tables = {"actors": schema.article_actors, "quotes": schema.quotes, "events": schema.events}
    with store.engine.connect() as conn:
        for key, table in tables.items():
            rows = conn.execute(
                sa.select(table.c.article_id, sa.func.count())
                .where(table.c.article_id.in_(wanted)).group_by(table.c.article_id)
            )
            for article_id, n in rows:
                counts[article_id][key] = n
    return counts


def evidence(store: Queries, rows: Sequence[EventRow]) -> dict[tuple[str, str], str]:
    """The sentence around each event report, by ``(article_id, event_id)``."""
    texts = {}
    for article_id in {r.article_id for r in rows}:
        doc = store.document(article_id)
        texts[article_id] = doc.article.text if doc else ""
    return {(r.article_id, r.event_id): context(texts[r.article_id], r.start, r.end) for r in rows}


def timeline(store: Queries, f: Filters, width: int = 960, height: int = 240) -> Chart:
    """The events chart for ``f``: happenings (not reports) per day, by type."""
    points = store.timeline(f, period="day")
    return timeline_chart(((p.period, p.type, p.happenings) for p in points), width, height)


def article_marks(doc: Document, entity_of: dict[str, int]) -> list[Mark]:
    """Highlights for an article: every actor mention, quote and event trigger."""
    marks: list[Mark] = []
    for actor in doc.actors:
        entity = entity_of.get(actor.id)
        href = f"/actors/{entity}" if entity is not None else None
        title = f"{actor.name} ({actor.kind})"
        marks += [Mark(m.start, m.end, "actor", actor.id, href, title=title)
                  for m in actor.mentions]
    marks += [Mark(q.span.start, q.span.end, "quote", q.id) for q in doc.quotes]
    names = {a.id: a.name for a in doc.actors}
    for ev in doc.events:
        who = " → ".join(names.get(x or "", "?") for x in (ev.source, ev.target))
        marks.append(Mark(ev.span.start, ev.span.end, "event", ev.id,
                          css=event_polarity(ev.type), title=f"{ev.type}: {who}"))
    return marks


def article_lists(doc: Document, entity_of: dict[str, int]) -> dict[str, Any]:
    """The side panels of an article page: its actors, quotes and events, in text order,
    shaped like the store's rows so the same templates show them."""
    a = doc.article
    names = {x.id: x.name for x in doc.actors}

    def who(actor_id: str | None) -> tuple[str | None, int | None]:
        return names.get(actor_id or ""), entity_of.get(actor_id or "")

    def side(actor_id: str | None, words: Span | None) -> str | None:
        """An event side's actor name, or the words naming a place or thing that is no actor."""
        return names.get(actor_id or "") or (words.text if words and actor_id is None else None)

    actors = [
        {"name": x.name, "entity_id": entity_of.get(x.id), "kind": x.kind,
         "country": x.country, "roles": x.roles, "mentions": len(x.mentions)}
        for x in sorted(doc.actors, key=lambda x: (-len(x.mentions), x.name))
    ]
    quotes = [
        {"quote_id": q.id, "article_id": a.id, "text": q.text, "kind": q.kind,
         "speaker_name": who(q.speaker)[0], "speaker_entity": who(q.speaker)[1],
         "title": a.title, "published": a.published}
        for q in sorted(doc.quotes, key=lambda q: q.span.start)
    ]
    events = [
        {"article_id": a.id, "event_id": e.id, "type": e.type, "day": e.date,
         "source_name": side(e.source, e.source_span), "source_entity": who(e.source)[1],
         "target_name": side(e.target, e.target_span), "target_entity": who(e.target)[1],
         "negated": e.negated, "hypothetical": e.hypothetical,
         "place_name": e.place.name if e.place else None, "title": a.title, "outlet": a.outlet,
         "evidence": context(a.text, e.span.start, e.span.end)}
        for e in sorted(doc.events, key=lambda e: e.span.start)
    ]
    return {"actors": actors, "quotes": quotes, "events": events}


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


def quote_hits(store: Queries, hits: Sequence[SearchHit]) -> list[QuoteRow]:
    """The quotes behind quote search hits, with their speakers, best hit first."""
    rows = []
    for hit in hits:
        doc = store.document(hit.article_id)
        quote = next((q for q in doc.quotes if q.id == hit.ref), None) if doc else None
        if doc is None or quote is None:
            continue
        speaker = doc.actor(quote.speaker)
        rows.append(QuoteRow(
            article_id=hit.article_id, quote_id=quote.id, kind=quote.kind, text=quote.text,
            start=quote.span.start, end=quote.span.end,
            speaker_entity=store.article_entities(hit.article_id).get(quote.speaker or ""),
            speaker_name=speaker.name if speaker else None, cue=None, channel=quote.channel,
            confidence=quote.confidence, title=hit.title, outlet=hit.outlet,
            published=hit.published,
        ))
    return rows


# --- routes ------------------------------------------------------------------------------------


@router.get("/static/{name}")
def static(name: str) -> Response:
    """The bundled assets, by file name only (nothing outside ``web/static`` can be asked for)."""
    path = STATIC.get(name)
    if path is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600", **SECURITY_HEADERS})


@router.get("/", response_class=HTMLResponse)
def home(store: Store, page: Page = 1) -> HTMLResponse:
    articles = store.articles(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(
        "home.html", page_title="Articles", section="Articles", page=page,
        articles=articles.items, has_next=page * PAGE_SIZE < articles.total,
        counts=article_counts(store, (a.id for a in articles.items)),
        totals=store.counts(), top_actors=store.actors(limit=12).items,
        chart=timeline(store, Filters(), 360, 170),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(store: Store, article_id: str) -> HTMLResponse:
    doc = store.document(article_id)
    if doc is None:
        return not_found(f"Article {article_id!r}")
    entity_of = store.article_entities(article_id)
    return render(
        "article.html", page_title=doc.article.title or "Article", article=doc.article,
        sources=store.sources(article_id),
        pieces=segment(doc.article.text, article_marks(doc, entity_of)),
        **article_lists(doc, entity_of),
    )


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor(store: Store, entity_id: EntityId) -> Response:
    detail = store.actor(entity_id, limit=PAGE_SIZE)
    if detail is None:
        return not_found(f"Actor {entity_id}")
    if detail.actor.id != entity_id:  # merged into another actor (temporary: merges undo)
        return RedirectResponse(f"/actors/{detail.actor.id}", status_code=302)
    return render(
        "actor.html", page_title=detail.actor.name, detail=detail,
        evidence=evidence(store, [*detail.actions.items, *detail.targeted.items]),
        chart=timeline(store, Filters(actor=entity_id), 720, 200),
    )


@router.get("/events", response_class=HTMLResponse)
def events(store: Store, actor: Text = None, type: Text = None, since: Text = None,
           until: Text = None, country: Text = None, outlet: Text = None,
           page: Page = 1) -> HTMLResponse:
    f = filters(store, actor, type, since, until, country, outlet)
    rows = store.events(f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    query = {"actor": actor, "type": f.event_type, "since": f.date_from, "until": f.date_to,
             "country": f.country, "outlet": f.outlet}
    return render(
        "events.html", page_title="Timeline", section="Timeline", query=query,
        about=actor_name(store, f.actor),
        chart=timeline(store, f), events=rows.items, evidence=evidence(store, rows.items),
        total=rows.total, page=page, has_next=page * PAGE_SIZE < rows.total,
        base_url="/events?" + urlencode({k: v for k, v in query.items() if v}) + "&",
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(store: Store, type: Text = None, since: Text = None, until: Text = None,
                 actor: Text = None, country: Text = None, outlet: Text = None) -> HTMLResponse:
    f = filters(store, actor, type, since, until, country, outlet)
    edges = store.network(f, limit=400)
    names = {str(e.source): e.source_name for e in edges}
    names.update({str(e.target): e.target_name for e in edges})
    net = network((Tie(str(e.source), str(e.target), e.cooperation, e.conflict) for e in edges),
                  names)
    query = {"actor": actor, "type": f.event_type, "since": f.date_from, "until": f.date_to}
    return render("network.html", page_title="Network", section="Network", net=net,
                  names=names, query=query, about=actor_name(store, f.actor))


@router.get("/search", response_class=HTMLResponse)
def search(store: Store, q: Text = None, actor: Text = None, type: Text = None,
           since: Text = None, until: Text = None, country: Text = None,
           outlet: Text = None) -> HTMLResponse:
    f = filters(store, actor, type, since, until, country, outlet)
    query = {"q": q, "actor": actor, "type": f.event_type, "since": f.date_from,
             "until": f.date_to, "country": f.country, "outlet": f.outlet}
    text = (q or "").strip()
    found: dict[str, Any] = {}
    if text:
        articles = store.search(text, f, kind="article", limit=PAGE_SIZE)
        found = {
            "articles": articles.items, "total": articles.total,
            "counts": article_counts(store, (h.article_id for h in articles.items)),
            "snippets": {h.article_id: marked(h.snippet, h.highlights) for h in articles.items},
            "quotes": quote_hits(store, store.search(text, f, kind="quote", limit=20).items),
            "actors": store.actors(text, limit=5).items,
        }
    return render("search.html", page_title=f"Search: {text}" if text else "Search",
                  section="Search", query=query, found=found)
