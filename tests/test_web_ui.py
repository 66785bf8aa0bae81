"""The web UI's pages, served by uvicorn over a small SQLite store, read over HTTP and driven
in headless Chromium through Playwright (screenshots go to tests/screenshots/).

The corpus is three short articles written for these tests; the third is hostile: its title,
outlet, URL, actor name and text all carry markup and scripts that must show as text.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsgraph.model import Actor, Article, Document, Event, Quote, Span
from newsgraph.store import open_store
from newsgraph.web.api import create_app

SCREENSHOTS = Path(__file__).parent / "screenshots"
HOSTILE_TITLE = "<img src=x onerror=alert(1)> Activist detained"
HOSTILE_OUTLET = "<script>window.__pwned='outlet'</script>Night Wire"
HOSTILE_ACTOR = "Jo <b onmouseover=alert(1)>Park</b>"


@dataclass
class Builder:
    """Builds a Document with spans found by searching the text, so tests stay readable."""

    text: str

    def span(self, words: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return Span.of(self.text, start, start + len(words))

    def actor(self, aid: str, name: str, kind: str, mentions: list[str], **kw: object) -> Actor:
        """An actor mentioned at each of ``mentions``, in order, never twice at one place."""
        spans: list[Span] = []
        for words in mentions:
            nth = 0
            span = self.span(words)
            while any(s.start <= span.start < s.end for s in spans):
                nth += 1
                span = self.span(words, nth)
            spans.append(span)
        return Actor(aid, name, kind, tuple(spans), **kw)  # type: ignore[arg-type]


def harbour_article() -> Document:
    b = Builder(
        "Mayor Ana Ruiz met leaders of the Dockworkers Union in Portvale on Monday.\n\n"
        '"The bridge will reopen on Friday," Ruiz said after the meeting.\n\n'
        "The Dockworkers Union accused the City Council of delaying repairs for a year. "
        "Police arrested two protesters near the port."
    )
    ruiz = b.actor("a1", "Ana Ruiz", "PERSON", ["Ana Ruiz", "Ruiz"], country="PRT",
                   sector="GOV", roles=("mayor",))
    union = b.actor("a2", "Dockworkers Union", "ORG", ["Dockworkers Union", "Dockworkers Union"],
                    sector="CVL")
    council = b.actor("a3", "City Council", "ORG", ["City Council"], sector="GOV")
    police = b.actor("a4", "Portvale Police", "ORG", ["Police"], sector="GOV")
    protesters = b.actor("a5", "protesters", "GROUP", ["protesters"], sector="OPP")
    quote = Quote("q1", "direct", "The bridge will reopen on Friday,",
                  b.span('"The bridge will reopen on Friday,"'), speaker="a1",
                  speaker_span=b.span("Ruiz", 1), cue=b.span("said"))
    return Document(
        Article(b.text, title="Portvale mayor promises bridge will reopen",
                outlet="Harbour Gazette", published="2024-03-04", language="en", url="https://gazette.example/bridge",
                authors=("Lena Ortiz",)),
        actors=(ruiz, union, council, police, protesters),
        quotes=(quote,),
        events=(
            Event("e1", "CONSULT", b.span("met"), "a1", "a2", date="2024-03-04"),
            Event("e2", "ACCUSE", b.span("accused"), "a2", "a3", date="2024-03-04"),
            Event("e3", "COERCE", b.span("arrested"), "a4", "a5", date="2024-03-04"),
        ),
    )


def march_article() -> Document:
    b = Builder(
        "Thousands of dockworkers marched through Portvale on Thursday. The Dockworkers Union "
        "demanded that the City Council fund the bridge repairs.\n\n"
        'Mayor Ana Ruiz rejected the demand. "We will not be pushed around by threats," '
        "Ruiz told reporters. The Red Cross handed out water to the marchers. The City Council "
        "closed the bridge."
    )
    union = b.actor("a1", "Dockworkers Union", "ORG", ["Dockworkers Union"], sector="CVL")
    council = b.actor("a2", "City Council", "ORG", ["City Council"], sector="GOV")
    ruiz = b.actor("a3", "Ana Ruiz", "PERSON", ["Ana Ruiz", "Ruiz"], country="PRT",
                   sector="GOV", roles=("mayor of Portvale",))
    red_cross = b.actor("a4", "Red Cross", "ORG", ["Red Cross"], sector="NGO")
    marchers = b.actor("a5", "marchers", "GROUP", ["marchers"], sector="OPP")
    quote = Quote("q1", "direct", "We will not be pushed around by threats,",
                  b.span('"We will not be pushed around by threats,"'), speaker="a3",
                  speaker_span=b.span("Ruiz", 1), cue=b.span("told"))
    return Document(
        Article(b.text, title="Dockworkers march as mayor rejects demands", outlet="Coastal Times",
                published="2024-03-08", language="en", url="https://coastal.example/march"),
        actors=(union, council, ruiz, red_cross, marchers),
        quotes=(quote,),
        events=(
            Event("e1", "PROTEST", b.span("marched"), "a1", "a2", date="2024-03-07"),
            Event("e2", "REQUEST", b.span("demanded"), "a1", "a2", date="2024-03-08"),
            Event("e3", "REJECT", b.span("rejected"), "a3", "a1", date="2024-03-08"),
            Event("e4", "AID", b.span("handed out"), "a4", "a5", date="2024-03-08"),
            Event("e5", "COERCE", b.span("closed"), "a2", None, date="2024-03-08",
                  target_span=b.span("the bridge", 1)),
        ),
    )


def syndicated_copy() -> Document:
    """The harbour story as another outlet ran it, one word changed: the same article."""
    doc = harbour_article()
    text = doc.article.text.replace("on Monday", "on Monday morning")
    return Document(Article(text, title=doc.article.title, outlet="Portvale Post",
                            published="2024-03-04", language="en",
                            url="https://post.example/bridge"))


def hostile_article() -> Document:
    b = Builder(
        'Activist Jo <b onmouseover=alert(1)>Park</b> painted "<script>window.__pwned = 1'
        '</script>" on a banner in Portvale. Park said "</p><img src=x onerror=window.__pwned=2>'
        ' is free speech". Police detained Park on Tuesday.'
    )
    park = b.actor("a1", HOSTILE_ACTOR, "PERSON", [HOSTILE_ACTOR, "Park", "Park"],
                   roles=("<i>activist</i>",))
    police = b.actor("a2", "Portvale Police", "ORG", ["Police"], sector="GOV")
    quote_text = "</p><img src=x onerror=window.__pwned=2> is free speech"
    quote = Quote("q1", "direct", quote_text, b.span(f'"{quote_text}"'), speaker="a1")
    return Document(
        Article(b.text, title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET, published="2024-03-05",
                language="en", url="javascript:window.__pwned=3",
                authors=("<script>window.__pwned=4</script>",)),
        actors=(park, police),
        quotes=(quote,),
        events=(Event("e1", "COERCE", b.span("detained"), "a2", "a1", date="2024-03-05"),),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {"harbour": harbour_article(), "march": march_article(), "hostile": hostile_article(),
            "copy": syndicated_copy()}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, docs: dict[str, Document]) -> Iterator[str]:
    """The web UI on a free port of 127.0.0.1, served by uvicorn in a thread."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    store = open_store(url)
    for doc in docs.values():
        assert store.write(doc)
    store.close()
    app = create_app(url)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


def entity_link(html: str, name: str) -> str:
    match = re.search(r'href="(/actors/\d+)"[^>]*>' + re.escape(name) + "<", html)
    assert match, f"no link to {name}"
    return match.group(1)


# --- over HTTP ---------------------------------------------------------------------------------


def test_web_ui_home_lists_articles_newest_first(http: httpx.Client) -> None:
    page = http.get("/")
    assert page.status_code == 200
    html = page.text
    titles = ["Dockworkers march as mayor rejects demands", "&lt;img src=x onerror=alert(1)&gt;",
              "Portvale mayor promises bridge will reopen"]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "<img src=x" not in html
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def test_web_ui_article_page_marks_spans(http: httpx.Client, docs: dict[str, Document]) -> None:
    doc = docs["harbour"]
    html = http.get(f"/articles/{doc.article.id}").text
    assert 'class="hl-actor"' in html and ">Ana Ruiz</a>" in html
    assert '<span class="anchor" id="q-q1"></span>' in html
    assert re.search(r'class="hl-event conflict"[^>]*>arrested<', html)
    assert re.search(r'class="hl-event coop"[^>]*>met<', html)
    assert "The bridge will reopen on Friday," in html
    assert 'href="https://gazette.example/bridge"' in html
    also = html[html.index("Also published as"):]
    assert ">Portvale Post</a>" in also and ">Harbour Gazette</a>" in also


def test_web_ui_event_target_that_is_no_actor_is_named_by_its_words(
    http: httpx.Client, docs: dict[str, Document]
) -> None:
    closed = '<span class="who">the bridge</span>'
    assert closed in http.get(f"/articles/{docs['march'].article.id}").text
    assert closed in http.get("/events").text


def test_web_ui_hostile_article_is_escaped(http: httpx.Client, docs: dict[str, Document]) -> None:
    html = http.get(f"/articles/{docs['hostile'].article.id}").text
    for raw in ("<script>window", "<img src=x", "<b onmouseover", "<i>activist", "javascript:"):
        assert raw not in html, raw
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; Activist detained" in html


def test_web_ui_actor_page_shows_roles_quotes_and_events(http: httpx.Client) -> None:
    home = http.get("/").text
    html = http.get(entity_link(home, "Ana Ruiz")).text
    assert "<h1>Ana Ruiz</h1>" in html
    assert "mayor of Portvale" in html and "mayor" in html
    assert "We will not be pushed around by threats," in html
    did = html[html.index('id="did"'):html.index('id="done-to"')]
    assert "REJECT" in did and "CONSULT" in did
    assert "Dockworkers Union" in did


def test_web_ui_search_finds_articles_and_quotes(http: httpx.Client) -> None:
    html = http.get("/search", params={"q": "reopen"}).text
    hits = html[html.index('id="article-hits"'):]
    assert "Portvale mayor promises bridge will reopen" in hits
    assert "The bridge will reopen on Friday," in html[html.index('id="quote-hits"'):]
    assert "Dockworkers march" not in hits[: hits.index('id="quote-hits"')]


@pytest.mark.parametrize(
    "params",
    [{"q": "'; DROP TABLE articles; --"}, {"q": 'bridge" OR 1=1 --'}, {"q": "NEAR(x y"},
     {"actor": "%' OR '1'='1"}, {"since": "2024-02-31"}, {"type": "ASSAULT' --"},
     {"q": "x", "outlet": "' OR 1=1 --"}],
)
def test_web_ui_search_survives_injection(http: httpx.Client, params: dict[str, str]) -> None:
    assert http.get("/search", params=params).status_code == 200
    assert http.get("/events", params=params).status_code == 200
    assert "Portvale mayor" in http.get("/").text  # nothing dropped


def test_web_ui_events_filter_by_type_and_date(http: httpx.Client) -> None:
    html = http.get("/events", params={"type": "PROTEST"}).text
    listing = html[html.index('id="event-list"'):]
    assert "marched" in listing and "arrested" not in listing
    html = http.get("/events", params={"since": "2024-03-05", "until": "2024-03-05"}).text
    listing = html[html.index('id="event-list"'):]
    assert "detained" in listing and "marched" not in listing
    html = http.get("/events", params={"actor": "ana ruiz"}).text
    assert "involving Ana Ruiz</h1>" in html
    listing = html[html.index('id="event-list"'):]
    assert "rejected" in listing and "met" in listing and "marched" not in listing
    html = http.get("/events", params={"actor": "Nobody Atall"}).text
    assert "No events match." in html


def test_web_ui_unknown_or_impossible_pages_are_refused(http: httpx.Client) -> None:
    assert http.get("/articles/nope").status_code == 404
    assert http.get("/actors/999999").status_code == 404
    assert http.get("/actors/99999999999999999999999").status_code == 422
    assert http.get("/events", params={"actor": "99999999999999999999999"}).status_code == 200
    assert http.get("/events", params={"actor": "²"}).status_code == 200
    assert http.get("/static/..%2Fpages.py").status_code == 404
    assert http.get("/static/newsgraph.css").status_code == 200


def test_web_ui_merged_actor_redirects_and_shows_the_decision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'merge.db'}"
    with open_store(url) as store:
        store.write(harbour_article())
        police = store.actors("Portvale Police", limit=1).items[0].id
        council = store.actors("City Council", limit=1).items[0].id
    with TestClient(create_app(url)) as client:
        merge = client.post(f"/api/actors/{council}/merge",
                            json={"other": police, "reason": "<b>same body</b>"}).json()
        moved = client.get(f"/actors/{police}", follow_redirects=False)
        assert moved.status_code == 302 and moved.headers["location"] == f"/actors/{council}"
        page = client.get(f"/actors/{council}").text
        decisions = page[page.index('id="merges"'):]
        assert "&lt;b&gt;same body&lt;/b&gt;" in decisions and "by hand" in decisions
        assert "arrested" in page  # the police's action now belongs to the council
        client.post(f"/api/merges/{merge['id']}/undo")
        assert client.get(f"/actors/{police}", follow_redirects=False).status_code == 200
        assert "undone" in client.get(f"/actors/{council}").text


# --- in Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = os.environ.get("NEWSGRAPH_TEST_CHROMIUM", "/usr/bin/chromium")
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the playwright package is not installed"
    if reason is None and not Path(executable).exists():
        reason = (f"no Chromium at {executable}: apt-get install chromium, "
                  "or set NEWSGRAPH_TEST_CHROMIUM")
    if reason:
        if os.environ.get("NEWSGRAPH_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} (and NEWSGRAPH_REQUIRE_SERVICES=1 requires it)")
        pytest.skip(reason)
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh tab that records dialogs, script and console errors (a blocked resource, a
    Content-Security-Policy violation) and any request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.dialogs, tab.errors, tab.outside = [], [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))  # CSP, 404s
    tab.on("request", lambda r: r.url.startswith("http://127.0.0.1") or tab.outside.append(r.url))
    yield tab
    context.close()


def shot(tab: object, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_web_ui_browser_article_then_actor(page, base_url: str, docs: dict[str, Document]) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    shot(page, "home")
    page.click("text=Portvale mayor promises bridge will reopen")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text a.hl-actor").count() >= 3
    assert page.locator("#quotes li").count() == 1 and page.locator("#events li").count() == 3
    page.hover("#quotes li")
    assert page.locator("#article-text .hl-focus").count() >= 1
    shot(page, "article")
    page.locator("#article-text a.hl-actor", has_text="Ana Ruiz").first.click()
    page.wait_for_selector("h1:has-text('Ana Ruiz')")
    assert page.locator("#said li").count() == 2
    assert page.locator("#roles tr").count() == 3  # header + two roles
    assert page.locator("#timeline-chart rect.bar").count() >= 2
    shot(page, "actor")
    assert not page.errors and not page.outside


@pytest.mark.browser
def test_web_ui_browser_search(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    page.fill(".topsearch input", "pushed around")
    page.press(".topsearch input", "Enter")
    page.wait_for_selector("#quote-hits")
    assert page.locator("#quote-hits li").count() == 1
    assert "We will not be pushed around" in page.inner_text("#quote-hits")
    shot(page, "search")
    page.click("#quote-hits a:has-text('Dockworkers march')")
    page.wait_for_selector("#article-text")
    assert page.url.endswith("#q-q1")
    assert page.locator("#article-text .hl-focus").count() >= 1  # the quote is lit up
    assert not page.errors and not page.outside


@pytest.mark.browser
def test_web_ui_browser_timeline_and_network(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/events")
    bars = page.locator("#timeline-chart rect.bar")
    assert bars.count() >= 4
    assert page.locator("#timeline-chart rect.bar.mconflict").count() >= 2
    shot(page, "timeline")
    page.goto(base_url + "/network")
    assert page.locator("#network-graph .node").count() >= 5
    assert page.locator("#network-graph .edge.conflict").count() >= 2
    assert page.locator("#network-graph .edge.coop").count() >= 1
    shot(page, "network")
    page.hover("#network-graph .node:has-text('Ana Ruiz') circle")
    assert "focus" in (page.get_attribute("#network-graph", "class") or "")
    assert page.locator("#network-graph .node.on").count() == 2  # Ruiz and the union
    assert not page.errors and not page.outside


@pytest.mark.browser
def test_web_ui_browser_runs_no_script_from_articles(  # type: ignore[no-untyped-def]
    page, base_url: str, docs: dict[str, Document]
) -> None:
    hostile = docs["hostile"].article.id
    for path in ("/", f"/articles/{hostile}", "/events", "/network", "/search?q=speech"):
        page.goto(base_url + path)
        page.mouse.move(10, 10)
        for link in page.locator("a.hl-actor").all()[:3]:
            link.hover()
        assert page.evaluate("window.__pwned") is None, path
    page.goto(base_url + f"/articles/{hostile}")
    assert HOSTILE_TITLE in page.inner_text("h1")
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#article-text")
    assert page.locator("#article-text img, #article-text script, #article-text b").count() == 0
    shot(page, "hostile")
    park = page.locator("#article-text a.hl-actor").first
    park.click()
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == HOSTILE_ACTOR
    assert not page.dialogs and not page.errors and not page.outside
