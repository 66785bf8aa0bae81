"""Hostile input for every reader: impossible dates, other scripts, control characters, deep
HTML, 100 MB files, compressed and entity bombs, mixed encodings. Each gives an article or a
one-line error naming the input, the batch goes on, and an ingest stores nothing half."""

from __future__ import annotations

import gzip
import json
import tracemalloc
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import cli
from newsgraph.errors import EncodingError, InputError, TooLarge
from newsgraph.model import Article
from newsgraph.read import iter_articles
from newsgraph.read.files import decode
from newsgraph.store import open_store

GOOD = "The harbour office at Lindau said on Monday that the port would close for repairs."
MB = 1024 * 1024


def _read(path: Path) -> list[Article | InputError]:
    """The items read from ``path`` then from a good file, checking the batch went on and that
    every error is one line naming its input."""
    good = path.parent / "zz-good.txt"
    good.write_text(GOOD, encoding="utf-8")
    *items, last = list(iter_articles([path, good]))
    assert isinstance(last, Article) and last.text == GOOD
    for item in items:
        if isinstance(item, InputError):
            assert str(item).startswith(str(path)) and "\n" not in str(item), str(item)
    return items


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _valid_day(published: str | None) -> bool:
    return published is None or bool(date.fromisoformat(published[:10]))


# --- impossible dates ------------------------------------------------------------------------


def test_impossible_dates_in_jsonl_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "feb.jsonl"
    lines = [{"text": GOOD, "published": when} for when in
             ("2022-02-31", "31 February 2022", "2022-13-01", "0000-00-00", "2022-02-28")]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    published = [a.published for a in _articles(_read(path))]
    assert published[:4] == [None] * 4
    assert published[4] is not None and published[4].startswith("2022-02-28")


def test_impossible_dates_in_text_feed_and_html(tmp_path: Path) -> None:
    text = tmp_path / "feb.txt"
    text.write_text(f"February 31, 2022\n\n{GOOD}", encoding="utf-8")
    feed = tmp_path / "feb.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>t'
        f"</title><pubDate>Thu, 31 Feb 2022 10:00:00 GMT</pubDate><description>{GOOD}"
        "</description></item></channel></rss>", encoding="utf-8")
    page = tmp_path / "feb.html"
    page.write_text(
        '<html><head><meta property="article:published_time" content="2022-02-31T10:00:00Z">'
        f"</head><body><article><p>{GOOD} {GOOD}</p></article></body></html>", encoding="utf-8")
    for path in (text, feed, page):
        [article] = _articles(_read(path))
        assert _valid_day(article.published), (path, article.published)
    assert _articles(_read(text))[0].published is None
    assert _articles(_read(feed))[0].published is None


# --- scripts and control characters ----------------------------------------------------------


def test_right_to_left_and_other_scripts_are_kept(tmp_path: Path) -> None:
    arabic = "قال رئيس البلدية يوم الاثنين إن الميناء سيغلق للإصلاحات."
    hebrew = "\u202bאמר ראש העיר ביום שני שהנמל ייסגר.\u202c"
    chinese = "市长周一表示，港口🚢将关闭维修。"
    greek = "Ο δήμαρχος είπε τη Δευτέρα ότι το λιμάνι θα κλείσει για επισκευές."
    path = tmp_path / "scripts.txt"
    path.write_text(f"\u200f{arabic}\n\n{hebrew}\n\n{chinese}\n\n{greek}", encoding="utf-8")
    [article] = _articles(_read(path))
    for words in (arabic, hebrew, chinese, greek):
        assert words in article.text


def test_control_characters_are_taken_out_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_text("The mayor\x07 said\x1b[31m on Monday\x7f that the port \x9bwould close for "
                    "repairs next week, officials in Lindau confirmed.", encoding="utf-8")
    [article] = _articles(_read(path))
    assert not [c for c in article.text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    assert "said[31m on Monday that the port would close" in article.text
    removed = {r.text for r in article.removed}
    assert {"U+0007 x1", "U+001B x1", "U+007F x1", "U+009B x1"} <= removed


def test_control_characters_in_a_jsonl_record_and_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "controls.jsonl"
    path.write_text(json.dumps({"text": "\x1b]0;pwned\x07" + GOOD, "title": "a\x1bb"}) + "\n",
                    encoding="utf-8")
    [article] = _articles(_read(path))
    assert article.text == "]0;pwned" + GOOD
    feed = tmp_path / "controls.rss"
    feed.write_text('<rss version="2.0"><channel><title>X</title><item><title>t</title>'
                    f"<description>{GOOD} &#x1b;[2J</description></item></channel></rss>",
                    encoding="utf-8")
    for item in _read(feed):  # an XML character reference to ESC is not well-formed XML
        assert isinstance(item, InputError) or "\x1b" not in item.text


def test_a_nul_byte_makes_a_text_file_binary(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(GOOD.encode() + b"\x00" + GOOD.encode())
    [error] = _read(path)
    assert isinstance(error, InputError) and "binary" in str(error)


# --- deep HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize("closed", [True, False])
def test_deeply_nested_html_is_an_article_or_a_clear_error(tmp_path: Path, closed: bool) -> None:
    path = tmp_path / "deep.html"
    depth = 20_000
    path.write_text("<html><body>" + "<div><span>" * depth + f"<p>{GOOD} {GOOD}</p>"
                    + ("</span></div>" * depth if closed else "") + "</body></html>", "utf-8")
    [item] = _read(path)  # no RecursionError, no crash
    assert isinstance(item, InputError | Article)


def test_moderately_nested_html_keeps_its_article(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 150 + f"<article><p>{GOOD} {GOOD}</p></article>"
                    + "</div>" * 150 + "</body></html>", "utf-8")
    [article] = _articles(_read(path))
    assert GOOD in article.text


# --- 100 MB files and bombs ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.rss", "big.jsonl", "big.warc",
                                  "big.text"])
def test_a_100_mb_file_is_refused_without_being_held_in_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as f:
        f.write({"big.warc": b"WARC/1.0\r\n", "big.jsonl": b'{"text": "'}.get(name, b"<p>"))
        f.truncate(100 * MB)  # sparse: 100 MB on paper
    tracemalloc.start()
    try:
        [error] = _read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, InputError)
    assert peak < 75 * MB  # at most one article's (or one feed's, 50 MB) limit is read


def _feed_bomb(path: Path, inflated: int) -> None:
    with gzip.open(path, "wb", compresslevel=1) as g:
        g.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item>'
                b"<title>t</title><description>" + GOOD.encode())
        chunk = b"a " * (MB // 2)
        for _ in range(inflated // MB):
            g.write(chunk)
        g.write(b"</description></item></channel></rss>")


def test_a_gzip_bomb_feed_is_refused_after_inflating_only_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.rss.gz"
    _feed_bomb(path, 120 * MB)
    assert path.stat().st_size < 2 * MB
    tracemalloc.start()
    try:
        [error] = _read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, TooLarge) and "MB limit" in str(error)
    assert peak < 80 * MB


def _warc_record(uri: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri.encode()
            + b"\r\nWARC-Record-ID: <urn:uuid:" + uri.encode() + b">\r\n"
            + b"Content-Type: application/http; msgtype=response\r\n"
            + b"Content-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n")


def test_a_gzip_bomb_record_in_a_warc_is_refused_and_the_next_record_read(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    size = 120 * MB
    with path.open("wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=1) as g:  # one gzip member
            g.write(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/bomb\r\n"
                    b"WARC-Record-ID: <urn:uuid:1>\r\n"
                    b"Content-Type: application/http; msgtype=response\r\n"
                    b"Content-Length: %d\r\n\r\n" % (len(head) + size) + head)
            chunk = b"<p>a</p>" * (MB // 8)
            for _ in range(size // MB):
                g.write(chunk)
            g.write(b"\r\n\r\n")
        page = f"<html><body><article><p>{GOOD} {GOOD}</p></article></body></html>"
        f.write(gzip.compress(_warc_record("http://x/good", page.encode())))
    assert path.stat().st_size < 2 * MB
    tracemalloc.start()
    try:
        bomb, article = _read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(bomb, TooLarge) and str(bomb).startswith(f"{path}#1: record over")
    assert isinstance(article, Article) and article.url == "http://x/good"
    assert peak < 40 * MB


def test_an_entity_bomb_feed_is_not_expanded(tmp_path: Path) -> None:
    levels = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
    path = tmp_path / "lol.rss"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol1 "lol">{levels}]>'
        '<rss version="2.0"><channel><title>&lol9;</title><item><title>t</title>'
        f"<description>{GOOD} &lol9;</description></item></channel></rss>", encoding="utf-8")
    tracemalloc.start()
    try:
        items = _read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 80 * MB  # 10**9 "lol"s would be 3 GB
    for item in _articles(items):
        assert len(item.text) < 10_000 and (item.outlet is None or len(item.outlet) < 10_000)


# --- mixed encodings -------------------------------------------------------------------------


def test_utf8_with_a_pasted_cp1252_fragment_keeps_both(tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    data = ("Der Bürgermeister sagte am Montag, der Hafen für Reparaturen schließe. ".encode()
            + "Das Café in der Straße öffnet.".encode("cp1252") + " Übermorgen.".encode())
    assert decode(data, "x.txt") == ("Der Bürgermeister sagte am Montag, der Hafen für "
                                     "Reparaturen schließe. Das Café in der Straße öffnet. "
                                     "Übermorgen.")
    assert "x.txt: mixed encodings" in caplog.text
    page = tmp_path / "mixed.html"
    page.write_bytes(b'<html><head><meta charset="utf-8"></head><body><article><p>'
                     + GOOD.encode() + " Grüße aus Zürich, ".encode()
                     + "café crème.".encode("latin-1") + b"</p></article></body></html>")
    [article] = _articles(_read(page))
    assert "Grüße aus Zürich, café crème." in article.text


def test_a_wholly_cp1252_file_is_still_detected() -> None:
    text = "Der Hafen in Lindau schließt für drei Wochen, sagte das Hafenamt am Montag. " * 3
    assert "schließt für drei Wochen" in decode(text.encode("cp1252"), "x.txt")


def test_a_jsonl_line_in_another_encoding_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes((json.dumps({"text": GOOD}) + "\n").encode()
                     + ('{"text": "Caf\xe9 ' + GOOD + '"}\n').encode("latin-1")
                     + (json.dumps({"text": "Grüße. " + GOOD}, ensure_ascii=False) + "\n").encode())
    first, bad, last = _read(path)
    assert isinstance(first, Article) and isinstance(last, Article)
    assert isinstance(bad, EncodingError) and str(bad) == f"{path}#2: line is not UTF-8"


# --- ingest: the batch goes on, nothing stored half ------------------------------------------


def test_ingest_of_hostile_files_stores_only_whole_articles(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "rtl.txt").write_text("قال رئيس البلدية يوم الاثنين إن الميناء سيغلق للإصلاحات.",
                                    encoding="utf-8")
    (folder / "controls.jsonl").write_text(
        json.dumps({"text": "Officials in Lindau\x1b[2J said the port would reopen in May.",
                    "published": "2022-02-31"}) + "\n{broken\n", encoding="utf-8")
    (folder / "nul.txt").write_bytes(b"abc\x00def" * 10)
    with (folder / "huge.html").open("wb") as f:
        f.truncate(100 * MB)
    _feed_bomb(folder / "bomb.rss.gz", 60 * MB)
    (folder / "empty.rss").write_text("", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    expected = {a.id: a for a in iter_articles([folder]) if isinstance(a, Article)}
    assert len(expected) == 3

    result = CliRunner().invoke(cli.app, ["ingest", str(folder), "--db", db, "--workers", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    for name in ("controls.jsonl#2", "nul.txt", "huge.html", "bomb.rss.gz", "empty.rss"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "3 stored, 0 already stored, 5 failed" in result.stderr

    with open_store(db) as store:
        assert store.counts()["articles"] == 3
        for article_id, article in expected.items():
            document = store.document(article_id)
            assert document is not None and document.article.text == article.text
            assert "\x1b" not in document.article.text
            assert document.article.published is None or _valid_day(document.article.published)
