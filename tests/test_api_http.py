"""The JSON API over HTTP, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator

import jsonschema
import pytest
from fastapi.testclient import TestClient

from newsgraph.model import Document, Place
from newsgraph.store import open_store
from newsgraph.store.synthetic import actor, document, event, quote
from newsgraph.web.api import create_app

T1 = (
    "Kazakhstan's President Kassym-Jomart Tokayev accused foreign-trained terrorists of "
    "attacking Almaty. \"There will be no talks with the criminals,\" Tokayev said on Friday."
)
T2 = (
    "Russia's President Vladimir Putin met Tokayev by video link and promised that the troops "
    "would leave Almaty once order was restored, the Kremlin said in a statement."
)


def _docs() -> list[Document]:
    d1 = document(
        T1, title="Tokayev blames terrorists", outlet="Steppe News", published="2022-01-07",
        source="steppe.txt",
        actors=(
            actor(T1, "a1", "Kassym-Jomart Tokayev", country="KAZ", sector="GOV",
                  roles=("President",), aliases=("Tokayev",)),
            actor(T1, "a2", "terrorists", "GROUP"),
        ),
        quotes=(quote(T1, "q1", "There will be no talks with the criminals,", "a1",
                      cue="said"),),
        events=(event(T1, "e1", "ACCUSE", "accused", source="a1", target="a2",
                      date="2022-01-07", place=Place("Almaty", "KAZ")),),
    )
    d2 = document(
        T2, title="Putin and Tokayev talk", outlet="Wire", published="2022-01-10",
        source="wire.txt",
        actors=(
            actor(T2, "a1", "Vladimir Putin", country="RUS", sector="GOV", roles=("President",)),
            actor(T2, "a2", "Tokayev", country="KAZ"),
        ),
        events=(event(T2, "e1", "CONSULT", "met", source="a1", target="a2",
                      date="2022-01-10"),),
    )
    return [d1, d2]


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    with open_store(store_url) as store:
        for doc in _docs():
            store.write(doc)
    with TestClient(create_app(store_url)) as c:
        yield c


def _tokayev(client: TestClient) -> int:
    return int(client.get("/api/actors", params={"q": "tokayev"}).json()["items"][0]["id"])


def test_api_http_openapi_lists_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors/{entity_id}",
                 "/api/quotes", "/api/events", "/api/search", "/api/analyze"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_api_http_article_is_a_schema_1_document(
    client: TestClient, schema: dict[str, object]
) -> None:
    listing = client.get("/api/articles").json()
    assert listing["total"] == 2
    assert [a["outlet"] for a in listing["items"]] == ["Wire", "Steppe News"]  # newest first
    body = client.get(f"/api/articles/{listing['items'][1]['id']}").json()
    jsonschema.validate(body, schema)
    assert body["article"]["text"] == T1
    assert body["corpus"]["sources"][0]["source"] == "steppe.txt"
    assert set(body["corpus"]["actors"]) == {"a1", "a2"}
    assert client.get("/api/articles/nope").status_code == 404


def test_api_http_actor_has_quotes_actions_and_what_was_done_to_them(client: TestClient) -> None:
    detail = client.get(f"/api/actors/{_tokayev(client)}").json()
    assert detail["actor"]["name"] == "Kassym-Jomart Tokayev"
    assert detail["actor"]["articles"] == 2
    assert detail["quotes"]["items"][0]["text"].startswith("There will be no talks")
    assert [e["type"] for e in detail["actions"]["items"]] == ["ACCUSE"]
    consult = detail["targeted"]["items"][0]
    assert consult["type"] == "CONSULT" and consult["source_name"] == "Vladimir Putin"
    # the evidence: the span is the trigger in the article text
    assert T2[consult["start"] : consult["end"]] == "met"
    assert client.get("/api/actors/99999").status_code == 404


@pytest.mark.parametrize("params, expected", [
    ({}, ["CONSULT", "ACCUSE"]),
    ({"type": "ACCUSE"}, ["ACCUSE"]),
    ({"since": "2022-01-08"}, ["CONSULT"]),
    ({"until": "2022-01-07"}, ["ACCUSE"]),
    ({"country": "rus"}, ["CONSULT"]),
    ({"outlet": "Steppe News"}, ["ACCUSE"]),
    ({"limit": 1, "offset": 1}, ["ACCUSE"]),
])
def test_api_http_events_filter_and_paginate(
    client: TestClient, params: dict[str, object], expected: list[str]
) -> None:
    page = client.get("/api/events", params=params).json()
    assert [e["type"] for e in page["items"]] == expected


def test_api_http_events_by_actor(client: TestClient) -> None:
    page = client.get("/api/events", params={"actor": _tokayev(client)}).json()
    assert page["total"] == 2


def test_api_http_bad_filter_is_a_422(client: TestClient) -> None:
    assert client.get("/api/events", params={"since": "last week"}).status_code == 422
    assert client.get("/api/events", params={"type": "DANCE"}).status_code == 422
    huge = "99999999999999999999"
    assert client.get("/api/events", params={"actor": huge}).status_code == 422
    assert client.get(f"/api/actors/{huge}").status_code == 422
    assert client.post(f"/api/merges/{huge}/undo").status_code == 422


def test_api_http_search_finds_articles_and_quotes_with_evidence(client: TestClient) -> None:
    page = client.get("/api/search", params={"q": "criminals"}).json()
    kinds = {h["kind"] for h in page["items"]}
    assert kinds == {"article", "quote"}
    hit = next(h for h in page["items"] if h["kind"] == "quote")
    assert hit["ref"] == "q1" and T1[hit["start"] : hit["end"]].startswith("There will be")
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "criminals"
    only_wire = client.get("/api/search", params={"q": "troops", "outlet": "Wire"}).json()
    assert only_wire["total"] == 1 and only_wire["items"][0]["title"] == "Putin and Tokayev talk"
    assert client.get("/api/search", params={"q": "\"no talks\" criminals"}).json()["total"] >= 1
    assert client.get("/api/search", params={"q": "\"criminals talks\""}).json()["total"] == 0


def test_api_http_quotes_happenings_timeline_network(client: TestClient) -> None:
    assert client.get("/api/quotes", params={"country": "KAZ"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"country": "RUS"}).json()["total"] == 0
    assert client.get("/api/happenings").json()["total"] == 2
    timeline = client.get("/api/timeline", params={"period": "day"}).json()
    assert {(p["period"], p["type"]) for p in timeline} == {
        ("2022-01-07", "ACCUSE"), ("2022-01-10", "CONSULT")
    }
    edges = client.get("/api/network").json()
    consult = next(e for e in edges if e["source_name"] == "Vladimir Putin")
    assert consult["cooperation"] == 1 and consult["conflict"] == 0
    assert client.get("/api/counts").json()["articles"] == 2


def test_api_http_merge_then_undo(client: TestClient) -> None:
    tok = _tokayev(client)
    terrorists = client.get("/api/actors", params={"q": "terrorists"}).json()["items"][0]["id"]
    merged = client.post(f"/api/actors/{tok}/merge", json={"other": terrorists}).json()
    assert client.get(f"/api/actors/{terrorists}").json()["actor"]["id"] == tok
    assert client.post(f"/api/actors/{tok}/merge", json={"other": tok}).status_code == 409
    assert client.post(f"/api/actors/{tok}/merge", json={"other": 4242}).status_code == 404
    undone = client.post(f"/api/merges/{merged['id']}/undo").json()
    assert undone["undone_at"] is not None
    assert client.get(f"/api/actors/{terrorists}").json()["actor"]["id"] == terrorists
    assert client.post(f"/api/merges/{merged['id']}/undo").status_code == 409


def test_api_http_analyze_one_text(sqlite_url: str, schema: dict[str, object]) -> None:
    with TestClient(create_app(sqlite_url)) as client:
        reply = client.post("/api/analyze", json={
            "text": "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.",
            "published": "2023-03-06",
        })
        assert reply.status_code == 200
        jsonschema.validate(reply.json(), schema)
        assert "Olaf Scholz" in {a["name"] for a in reply.json()["actors"]}
        assert client.post("/api/analyze", json={"text": ""}).status_code == 422


def test_api_http_search_counts_common_words_up_to_a_limit(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.store import search

    monkeypatch.setattr(search, "MAX_COUNT", 4)
    with open_store(sqlite_url) as store:
        for i in range(search.MAX_COUNT + 3):
            text = f"Report number {i}: the harbour strike entered another day."
            store.write(document(text, published="2024-01-01"))
        page = store.search("harbour strike", limit=5)
        assert page.total == search.MAX_COUNT and page.exact is False and len(page.items) == 5
        assert store.search("number 3").total == 1 and store.search("number 3").exact


@pytest.mark.parametrize("params, titles", [
    ({"country": "RUS"}, ["Putin and Tokayev talk"]),
    ({"type": "ACCUSE"}, ["Tokayev blames terrorists"]),
    ({"outlet": "Wire"}, ["Putin and Tokayev talk"]),
    ({"since": "2022-01-08"}, ["Putin and Tokayev talk"]),
    ({"until": "2022-01"}, ["Putin and Tokayev talk", "Tokayev blames terrorists"]),
])
def test_api_http_articles_filter(
    client: TestClient, params: dict[str, object], titles: list[str]
) -> None:
    page = client.get("/api/articles", params=params).json()
    assert [a["title"] for a in page["items"]] == titles


def test_api_http_articles_by_actor(client: TestClient) -> None:
    page = client.get("/api/articles", params={"actor": _tokayev(client)}).json()
    assert page["total"] == 2
