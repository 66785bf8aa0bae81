"""The web surface under attack: the API token, body and text limits, hostile filter values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote as urlquote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph import cli
from newsgraph.model import Document
from newsgraph.settings import DEFAULT_SETTINGS
from newsgraph.store import open_store
from newsgraph.store.synthetic import actor, document, event, quote
from newsgraph.web.api import create_app
from newsgraph.web.security import TOKEN_ENV, InsecureBindError, is_loopback, required_token

TEXT = (
    "Mayor Ana Ruiz accused the water board of hiding test results. "
    "\"We were lied to for a year,\" Ruiz said in Valencia on Tuesday."
)


def _doc() -> Document:
    return document(
        TEXT, title="Ruiz accuses the water board", outlet="Levante Daily",
        published="2023-05-02", source="ruiz.txt",
        actors=(actor(TEXT, "a1", "Ana Ruiz", country="ESP", sector="GOV", roles=("Mayor",)),
                actor(TEXT, "a2", "the water board", "ORG")),
        quotes=(quote(TEXT, "q1", "We were lied to for a year,", "a1", cue="said"),),
        events=(event(TEXT, "e1", "ACCUSE", "accused", source="a1", target="a2",
                      date="2023-05-02"),),
    )


@pytest.fixture
def filled_url(store_url: str) -> str:
    with open_store(store_url) as store:
        store.write(_doc())
    return store_url


# --- binding and the token -------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org", ""])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_token_is_required_off_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert required_token("127.0.0.1", None) is None
    with pytest.raises(InsecureBindError, match="0.0.0.0"):
        required_token("0.0.0.0", None)
    assert required_token("0.0.0.0", "s3cret") == "s3cret"
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    assert required_token("0.0.0.0", None) == "from-env"
    assert required_token("127.0.0.1", None) == "from-env"  # a token given is always required


def test_serve_refuses_a_public_host_without_a_token(
    filled_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: started.append(a))
    result = CliRunner().invoke(cli.app, ["serve", "--db", filled_url, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "without an API token" in result.output
    assert not started


def test_serve_on_a_public_host_with_a_token_guards_every_request(
    filled_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, "t0ken")
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **k: started.append(app))
    result = CliRunner().invoke(cli.app, ["serve", "--db", filled_url, "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    with TestClient(started[0]) as client:
        assert client.get("/api/counts").status_code == 401
        assert client.get("/api/counts", headers={"Authorization": "Bearer t0ken"}).json()[
            "articles"] == 1


@pytest.fixture
def guarded(sqlite_url: str) -> Iterator[TestClient]:
    with open_store(sqlite_url) as store:
        store.write(_doc())
    with TestClient(create_app(sqlite_url, token="correct horse")) as client:
        yield client


@pytest.mark.parametrize("path", ["/api/counts", "/", "/events", "/docs", "/openapi.json",
                                  "/static/app.css", "/api/articles/ruiz.txt"])
def test_without_the_token_nothing_is_served(guarded: TestClient, path: str) -> None:
    reply = guarded.get(path)
    assert reply.status_code == 401
    assert "token" in reply.json()["detail"]
    assert guarded.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get(path, headers={"Authorization": "Bearer correct horsE"}).status_code == 401


def test_a_wrong_token_cannot_merge(guarded: TestClient) -> None:
    assert guarded.post("/api/actors/1/merge", json={"other": 2}).status_code == 401
    assert guarded.post("/api/actors/1/merge", json={"other": 2},
                        headers={"Authorization": "Bearer nope"}).status_code == 401


def test_the_token_opens_the_api_and_the_pages(guarded: TestClient) -> None:
    bearer = {"Authorization": "Bearer correct horse"}
    assert guarded.get("/api/counts", headers=bearer).json()["quotes"] == 1
    assert "Ruiz" in guarded.get("/", headers=bearer).text


def test_a_token_in_the_link_sets_a_cookie_for_the_browser(guarded: TestClient) -> None:
    first = guarded.get("/", params={"token": "correct horse"})
    assert first.status_code == 200
    assert "HttpOnly" in first.headers["set-cookie"]
    assert guarded.get("/events").status_code == 200  # the cookie now carries the token
    guarded.cookies.clear()
    assert guarded.get("/events").status_code == 401
    guarded.cookies.set("newsgraph_token", "forged")
    assert guarded.get("/events").status_code == 401


# --- size limits -----------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_before_it_is_read(sqlite_url: str) -> None:
    with TestClient(create_app(sqlite_url, max_body_bytes=2_000)) as client:
        reply = client.post("/api/analyze", json={"text": "x" * 5_000})
        assert reply.status_code == 413
        assert "over the limit of 2000 bytes" in reply.json()["detail"]
        reply = client.post("/api/actors/1/merge", content=b"{" + b" " * 3_000 + b"}",
                            headers={"content-type": "application/json"})
        assert reply.status_code == 413


def test_a_streamed_body_over_the_limit_is_refused(sqlite_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"y" * 100
        yield b'"}'

    with TestClient(create_app(sqlite_url, max_body_bytes=2_000)) as client:
        reply = client.post("/api/analyze", content=chunks(),
                            headers={"content-type": "application/json"})
        assert reply.status_code == 413
        assert "over the limit" in reply.json()["detail"]


def test_a_text_over_the_length_limit_is_refused_without_analysing_it(sqlite_url: str) -> None:
    too_long = "a" * (DEFAULT_SETTINGS.max_chars + 1)
    with TestClient(create_app(sqlite_url)) as client:
        reply = client.post("/api/analyze", json={"text": too_long})
        assert reply.status_code == 413
        assert f"over the limit of {DEFAULT_SETTINGS.max_chars}" in reply.json()["detail"]
        assert client.post("/api/analyze", json={"text": "x", "url": "h" * 3000}).status_code \
            == 422


# --- hostile filter and search values --------------------------------------------------------

HOSTILE = [
    "' OR '1'='1",
    "1; DROP TABLE articles; --",
    "\"; DELETE FROM quotes; --",
    "Ruiz' UNION SELECT name, name FROM sqlite_master --",
    "2023-05-02' OR 1=1 --",
    "%", "_", "\\", "'", "\"", "*", "NEAR(", "\"unbalanced", "a OR b AND NOT", "-x", "^",
    "x\x00y", "\u202eevil", "ruiz:*", "!!", "&|", "(", "())",
    "ESP' --", "1e9", "-1", "0",
]
LISTS = ["/api/articles", "/api/quotes", "/api/events", "/api/happenings", "/api/timeline",
         "/api/network"]
FILTERS = ["actor", "type", "since", "until", "country", "outlet"]
PAGES = ["/events", "/network", "/search"]


def _snapshot(client: TestClient) -> tuple[Any, ...]:
    return (client.get("/api/counts").json(), client.get("/api/articles/ruiz.txt").json(),
            client.get("/api/events").json(), client.get("/api/actors").json())


def test_hostile_values_in_every_filter_and_search_change_nothing(filled_url: str) -> None:
    with TestClient(create_app(filled_url), raise_server_exceptions=False) as client:
        before = _snapshot(client)
        assert before[0]["articles"] == 1
        failures = []
        for value in HOSTILE:
            requests: list[tuple[str, dict[str, str]]] = [
                (path, {name: value}) for path in LISTS + PAGES for name in FILTERS]
            requests += [("/api/search", {"q": value}), ("/api/search", {"q": "ruiz",
                          "outlet": value}), ("/api/actors", {"q": value}),
                         ("/api/actors", {"sector": value[:3]}), ("/search", {"q": value}),
                         (f"/api/articles/{urlquote(value, safe='')}", {}),
                         (f"/articles/{urlquote(value, safe='')}", {})]
            for path, params in requests:
                status = client.get(path, params=params).status_code
                if status >= 500:
                    failures.append((path, params, status))
        assert not failures
        assert _snapshot(client) == before


def test_hostile_search_finds_nothing_it_should_not(filled_url: str) -> None:
    with TestClient(create_app(filled_url)) as client:
        for value in ["' OR '1'='1", "x' OR 1=1 --", "\" OR \"\"=\""]:
            reply = client.get("/api/search", params={"q": value})
            assert reply.status_code in (200, 422)
            if reply.status_code == 200:
                assert reply.json()["total"] == 0
        assert client.get("/api/search", params={"q": "lied"}).json()["total"] >= 1
        assert client.get("/api/articles", params={"outlet": "x' OR '1'='1"}).json()[
            "total"] == 0


def test_a_nul_character_is_a_400_not_a_server_error(filled_url: str) -> None:
    with TestClient(create_app(filled_url)) as client:
        reply = client.get("/api/events", params={"outlet": "Levante\x00Daily"})
        assert reply.status_code == 400
        assert "NUL" in reply.json()["detail"]
        assert client.get("/api/articles/ruiz%00.txt").status_code == 400
        reply = client.post("/api/actors/1/merge", json={"other": 2, "reason": "a\x00b"})
        assert reply.status_code == 422
        assert client.get("/api/counts").json()["actors"] == 2


@pytest.mark.parametrize("body", [
    b'{"text": "\\ud800 Mayor Ana Ruiz said so."}',
    b'{"text": "Mayor Ana Ruiz said so.", "title": "\\udfff"}',
    b'{"text": "Mayor\\u0000 Ana Ruiz said so."}',
    b'{"text": "Mayor Ana Ruiz said so.", "published": "\\u0000"}',
    b'{"text": ["not", "text"]}',
    b'{"text": "unterminated',
    b"\xff\xfe not UTF-8",
])
def test_analyze_refuses_text_that_is_not_valid_unicode_with_a_422(
    sqlite_url: str, body: bytes
) -> None:
    with TestClient(create_app(sqlite_url), raise_server_exceptions=False) as client:
        reply = client.post("/api/analyze", content=body,
                            headers={"content-type": "application/json"})
        assert reply.status_code == 422, reply.text
        assert reply.json()["detail"]


def test_a_merge_reason_with_a_lone_surrogate_is_a_422(filled_url: str) -> None:
    with TestClient(create_app(filled_url), raise_server_exceptions=False) as client:
        reply = client.post("/api/actors/1/merge", content=b'{"other": 2, "reason": "\\ud83d"}',
                            headers={"content-type": "application/json"})
        assert reply.status_code == 422
        assert client.get("/api/counts").json()["actors"] == 2
