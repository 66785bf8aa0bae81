"""Server-rendered pages of the web UI: home, article, actor, timeline, network, search.

The routes are a FastAPI ``APIRouter`` (``router``) that the app factory in ``web/api.py``
includes. The work is in pure functions (text highlighting, chart and network geometry) that
the tests call directly; the routes only fetch from the store and fill Jinja2 templates, which
autoescape everything: article text, titles, URLs and outlet names are untrusted input.
Every asset (CSS, JS) is served from ``web/static``: the pages work with no internet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from newsgraph.model import EVENT_TYPES
from newsgraph.store import schema
from newsgraph.store.filters import Filters
from newsgraph.web.charts import (
    QUAD_LABELS,
    event_polarity,
    event_quad,
    network,
    parse_day,
    timeline_chart,
)
from newsgraph.web.highlight import context, segment
from newsgraph.web.reads import (
    EventView,
    actor_page,
    article_marks,
    article_page,
    article_views,
    event_conditions,
    event_views,
    find_actor,
    network_links,
    search_page,
    timeline_points,
    top_actors,
    totals,
)

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


def _connection(request: Request) -> Iterator[sa.Connection]:
    with request.app.state.store.engine.connect() as conn:
        yield conn


Conn = Annotated[sa.Connection, Depends(_connection)]
Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=10_000)]


def render(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("query", {})
    values.setdefault("section", "")
    html = templates.get_template(name).render(**values)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def not_found(what: str) -> HTMLResponse:
    return render("error.html", 404, page_title="Not found", heading="Not found",
                  message=f"{what} is not in the store.")


def _filters(conn: sa.Connection, actor: str | None, type: str | None, since: str | None,
             until: str | None, country: str | None, outlet: str | None) -> Filters:
    """Filters from the query string: an actor by name or id, dates as ISO days."""
    entity: int | None = None
    if actor:
        entity = int(actor) if actor.isdigit() else find_actor(conn, actor)
        entity = -1 if entity is None else entity  # a name that matches nobody matches nothing
    return Filters(
        actor=entity,
        event_type=type if type in EVENT_TYPES else None,
        date_from=_iso(since),
        date_to=_iso(until),
        country=(country or "").strip().upper() or None,
        outlet=(outlet or "").strip() or None,
    )


def _iso(value: str | None) -> str | None:
    parsed = parse_day(value)
    return parsed.isoformat() if parsed else None


@router.get("/static/{name}")
def static(name: str) -> Response:
    """The bundled assets, by file name only (nothing outside ``web/static`` can be asked for)."""
    path = STATIC.get(name)
    if path is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600", **SECURITY_HEADERS})


@router.get("/", response_class=HTMLResponse)
def home(conn: Conn, page: Page = 1) -> HTMLResponse:
    articles = article_views(conn, [], PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    return render(
        "home.html", page_title="Articles", section="Articles", page=page,
        articles=articles[:PAGE_SIZE], has_next=len(articles) > PAGE_SIZE,
        totals=totals(conn), top_actors=top_actors(conn),
        chart=timeline_chart(timeline_points(conn, event_conditions(Filters())), 360, 170),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(conn: Conn, article_id: str) -> HTMLResponse:
    page = article_page(conn, article_id)
    if page is None:
        return not_found(f"Article {article_id!r}")
    doc = page.document
    names = {a.id: a.name for a in doc.actors}
    actors = sorted(
        ({"name": a.name, "entity_id": page.entity_of.get(a.id), "kind": a.kind,
          "country": a.country, "roles": a.roles, "mentions": len(a.mentions)}
         for a in doc.actors),
        key=lambda a: (-a["mentions"], a["name"]),
    )
    quotes = [
        {"quote_id": q.id, "text": q.text, "kind": q.kind, "speaker_name": names.get(q.speaker or ""),
         "speaker_entity": page.entity_of.get(q.speaker or "")}
        for q in sorted(doc.quotes, key=lambda q: q.span.start)
    ]
    events = [
        EventView(
            article_id=doc.article.id, event_id=e.id, type=e.type, date=e.date,
            source_entity=page.entity_of.get(e.source or ""), source_name=names.get(e.source or ""),
            target_entity=page.entity_of.get(e.target or ""), target_name=names.get(e.target or ""),
            negated=e.negated, hypothetical=e.hypothetical,
            place=e.place.name if e.place else None,
            evidence=context(doc.article.text, e.span.start, e.span.end),
            article_title=doc.article.title, outlet=doc.article.outlet,
        )
        for e in sorted(doc.events, key=lambda e: e.span.start)
    ]
    return render(
        "article.html", page_title=doc.article.title or "Article", article=doc.article,
        sources=page.sources, pieces=segment(doc.article.text, article_marks(page)),
        actors=actors, quotes=quotes, events=events,
    )


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor(conn: Conn, entity_id: int) -> Response:
    page = actor_page(conn, entity_id)
    if page is None:
        return not_found(f"Actor {entity_id}")
    if isinstance(page, int):
        return RedirectResponse(f"/actors/{page}", status_code=301)
    return render(
        "actor.html", page_title=page.actor.name, actor=page.actor, roles=page.roles,
        mentioned_in=page.mentioned_in, said=page.said, did=page.did, done_to=page.done_to,
        chart=timeline_chart(page.points, 720, 200),
    )


@router.get("/events", response_class=HTMLResponse)
def events(conn: Conn, actor: Text = None, type: Text = None, since: Text = None,
           until: Text = None, country: Text = None, outlet: Text = None,
           page: Page = 1) -> HTMLResponse:
    f = _filters(conn, actor, type, since, until, country, outlet)
    where = event_conditions(f)
    points = timeline_points(conn, where)
    rows = event_views(conn, where, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    query = {"actor": actor, "type": f.event_type, "since": f.date_from, "until": f.date_to,
             "country": f.country, "outlet": f.outlet}
    base = "/events?" + urlencode({k: v for k, v in query.items() if v}) + "&"
    return render(
        "events.html", page_title="Timeline", section="Timeline", query=query,
        chart=timeline_chart(points), events=rows[:PAGE_SIZE], total=len(points),
        page=page, has_next=len(rows) > PAGE_SIZE, base_url=base,
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(conn: Conn, type: Text = None, since: Text = None, until: Text = None,
                 actor: Text = None, country: Text = None, outlet: Text = None) -> HTMLResponse:
    f = _filters(conn, actor, type, since, until, country, outlet)
    links = network_links(conn, event_conditions(f))
    ids = {int(x) for link in links for x in (link.source, link.target)}
    ent = schema.entities
    rows = conn.execute(sa.select(ent.c.id, ent.c.name, ent.c.sector).where(ent.c.id.in_(ids))).all() if ids else []
    names = {str(r.id): r.name for r in rows}
    net = network(links, names, {str(r.id): r.sector or "" for r in rows})
    query = {"type": f.event_type, "since": f.date_from, "until": f.date_to}
    return render("network.html", page_title="Network", section="Network", net=net,
                  names=names, query=query)


@router.get("/search", response_class=HTMLResponse)
def search_view(conn: Conn, q: Text = None, actor: Text = None, type: Text = None,
                since: Text = None, until: Text = None, country: Text = None,
                outlet: Text = None) -> HTMLResponse:
    f = _filters(conn, actor, type, since, until, country, outlet)
    query = {"q": q, "actor": actor, "type": f.event_type, "since": f.date_from,
             "until": f.date_to, "country": f.country, "outlet": f.outlet}
    text = (q or "").strip()
    found = search_page(conn, text, f) if text else None
    return render("search.html", page_title=f"Search: {text}" if text else "Search",
                  section="Search", query=query, found=found)
