"""Each reader on small files written here: HTML, gzip HTML, RSS, Atom, WARC, JSONL, text, dirs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import BadRecord, InputError, NoArticle
from newsgraph.model import Article
from newsgraph.read import iter_articles
from newsgraph.read.html import page_date

PARAS = [
    "The river port at Lindau is closing for three weeks of repairs, the harbour office said on "
    "Monday, after divers found cracks in the old stone quay wall.",
    "Ferry services to Bregenz will run from a temporary pier at the east end of the harbour, "
    "and freight will go by rail until the work is finished in early April.",
    "Local traders said the closure came at the worst possible time, just before the first "
    "tourists of the season arrive on the lake.",
]

HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Lindau port closes for repairs | Lake Courier</title>
<meta property="og:title" content="Lindau port closes for repairs">
<meta property="og:site_name" content="Lake Courier">
<meta name="author" content="Eva Lang">
<meta property="article:published_time" content="2023-03-06T09:15:00+01:00">
<link rel="canonical" href="https://lakecourier.example/2023/03/06/lindau-port">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Lindau port closes for repairs</h1>
<p>{PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></article>
<footer>Copyright Lake Courier. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def _articles(*paths: Path) -> list[Article | InputError]:
    return list(iter_articles(paths))


def _only_article(path: Path) -> Article:
    [item] = _articles(path)
    assert isinstance(item, Article), item
    return item


def test_read_html_page_with_metadata(tmp_path: Path) -> None:
    page = tmp_path / "lindau.html"
    page.write_text(HTML, encoding="utf-8")
    article = _only_article(page)
    assert article.text == "\n\n".join(PARAS)
    assert article.title == "Lindau port closes for repairs"
    assert article.outlet == "Lake Courier"
    assert article.authors == ("Eva Lang",)
    assert article.published == "2023-03-06"
    assert article.url == "https://lakecourier.example/2023/03/06/lindau-port"
    assert article.language == "en"
    assert article.source == str(page)


def test_read_html_gz_page(tmp_path: Path) -> None:
    page = tmp_path / "lindau.html.gz"
    page.write_bytes(gzip.compress(HTML.encode("utf-8")))
    assert _only_article(page).text.startswith("The river port at Lindau")


def test_read_html_falls_back_when_trafilatura_finds_no_article(tmp_path: Path) -> None:
    page = tmp_path / "bare.htm"
    page.write_text(f"<html><body><div>{PARAS[0]} {PARAS[1]}</div></body></html>", "utf-8")
    assert "Ferry services to Bregenz" in _only_article(page).text


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Lake Courier</title><link>https://lakecourier.example/</link>
<item><title>Lindau port closes</title><link>https://lakecourier.example/lindau</link>
<pubDate>Mon, 06 Mar 2023 09:15:00 GMT</pubDate><author>eva@lakecourier.example (Eva Lang)</author>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{PARAS[0]}</p><p>{PARAS[1]}<br/>More.</p>]]></content:encoded></item>
<item><title>Traders worry</title><link>https://lakecourier.example/traders</link>
<pubDate>Tue, 07 Mar 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{PARAS[2]}&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://lakecourier.example/empty</link></item>
</channel></rss>"""


def test_read_rss_feed_each_entry_an_article(tmp_path: Path) -> None:
    feed = tmp_path / "lake.rss"
    feed.write_text(RSS, encoding="utf-8")
    first, second, third = _articles(feed)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == f"{feed}#1" and second.source == f"{feed}#2"
    assert first.text == f"{PARAS[0]}\n\n{PARAS[1]} More."
    assert first.title == "Lindau port closes"
    assert first.url == "https://lakecourier.example/lindau"
    assert first.published == "2023-03-06T09:15:00+00:00"
    assert first.outlet == "Lake Courier"
    assert second.text == PARAS[2]
    assert isinstance(third, NoArticle) and str(third).startswith(f"{feed}#3: ")


def test_read_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    feed = tmp_path / "lake.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Lake Courier</title><entry><title>Lindau port closes</title>"
        '<link href="https://lakecourier.example/lindau"/><updated>2023-03-06T09:15:00Z</updated>'
        f'<author><name>Eva Lang</name></author><content type="html">&lt;p&gt;{PARAS[0]}&lt;/p&gt;'
        "</content></entry></feed>",
        encoding="utf-8",
    )
    article = _only_article(feed)
    assert article.text == PARAS[0]
    assert article.authors == ("Eva Lang",)
    assert article.source == f"{feed}#1"


def _warc_record(kind: str, uri: str, block: bytes, n: int) -> bytes:
    content_type = (
        "application/http; msgtype=" + kind
        if kind in ("response", "request")
        else "application/warc-fields"
    )
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n"
        f"WARC-Date: 2023-03-06T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def _http(
    body: str, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body.encode()


def _warc_records() -> list[bytes]:
    uri = "https://lakecourier.example/2023/03/06/lindau-port"
    return [
        _warc_record("warcinfo", "", b"software: test\r\n", 1),
        _warc_record("request", uri, b"GET / HTTP/1.1\r\n\r\n", 2),
        _warc_record("response", uri, _http(HTML), 3),
        _warc_record("response", uri + ".css", _http("body{}", "text/css"), 4),
        _warc_record("response", uri + "/gone", _http("<p>gone</p>", status="404 Not Found"), 5),
        _warc_record(
            "response", uri + "/nav", _http("<html><body><nav>Home</nav></body></html>"), 6
        ),
    ]


def test_read_warc_html_responses(tmp_path: Path) -> None:
    warc = tmp_path / "news.warc"
    warc.write_bytes(b"".join(_warc_records()))
    article, empty = _articles(warc)
    assert isinstance(article, Article)
    assert article.source == f"{warc}#3"
    assert article.url == "https://lakecourier.example/2023/03/06/lindau-port"
    assert article.text == "\n\n".join(PARAS)
    assert isinstance(empty, NoArticle) and empty.source == f"{warc}#6"


def test_read_warc_gz_record_by_record(tmp_path: Path) -> None:
    warc = tmp_path / "news.warc.gz"
    warc.write_bytes(b"".join(gzip.compress(r) for r in _warc_records()))
    items = _articles(warc)
    assert [getattr(i, "source", None) for i in items] == [f"{warc}#3", f"{warc}#6"]
    assert isinstance(items[0], Article) and items[0].title == "Lindau port closes for repairs"


def test_read_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": PARAS[0],
                "title": "Lindau port closes",
                "url": "https://x.example/1",
                "published": "2023-03-06",
                "outlet": "Lake Courier",
                "authors": ["Eva Lang"],
            }
        ),
        "",
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps([1, 2]),
        json.dumps(
            {
                "text": "Le port de Lindau ferme pour trois semaines de travaux, a annoncé "
                "lundi la capitainerie.",
                "language": "fr",
            }
        ),
        json.dumps({"text": "A one-line body about the port."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _articles(path)
    first, bad_json, no_text, not_object, french, one_line = items
    assert isinstance(first, Article)
    assert (first.source, first.title, first.published, first.outlet, first.authors) == (
        f"{path}#1",
        "Lindau port closes",
        "2023-03-06",
        "Lake Courier",
        ("Eva Lang",),
    )
    assert isinstance(bad_json, BadRecord) and str(bad_json).startswith(f"{path}#3: not JSON")
    assert isinstance(no_text, BadRecord) and no_text.source == f"{path}#4"
    assert isinstance(not_object, BadRecord) and "not an object" in str(not_object)
    assert isinstance(french, Article) and french.language == "fr"
    assert isinstance(one_line, Article) and one_line.title is None
    assert one_line.text == "A one-line body about the port."


def test_read_text_file_and_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Port closes\n\n" + "\n\n".join(PARAS), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(HTML, encoding="utf-8")
    a, b = _articles(tmp_path)
    assert (
        isinstance(a, Article) and a.title == "Port closes" and a.source == str(tmp_path / "a.txt")
    )
    assert isinstance(b, Article) and b.source == str(tmp_path / "sub" / "b.html")


def test_read_kind_sniffed_without_suffix(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(HTML, encoding="utf-8")
    (tmp_path / "records").write_text(json.dumps({"text": PARAS[0]}) + "\n", encoding="utf-8")
    (tmp_path / "story").write_text("\n\n".join(PARAS), encoding="utf-8")
    page, records, story = _articles(tmp_path / "page", tmp_path / "records", tmp_path / "story")
    assert isinstance(page, Article) and page.title == "Lindau port closes for repairs"
    assert isinstance(records, Article) and records.source == f"{tmp_path / 'records'}#1"
    assert isinstance(story, Article) and story.text.startswith("The river port")


def test_read_html_date_from_markup_not_from_a_bare_year() -> None:
    dated = '<html><head><meta name="date" content="2021-06-15"></head><body>x</body></html>'
    assert page_date(dated) == "2021-06-15"
    copyright_only = (
        f"<html><body><p>{PARAS[0]}</p><footer>© 2016 Lake Courier</footer></body></html>"
    )
    assert page_date(copyright_only) is None


def test_read_html_in_declared_latin1_without_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "latin1.html"
    body = "Der Hafen in Lindau schließt für drei Wochen – sagte das Hafenamt am Montag. " * 3
    page.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        + f"</head><body><article><p>{body}</p></article></body></html>".encode("cp1252")
    )
    assert "schließt für drei Wochen – sagte" in _only_article(page).text
    assert "not UTF-8" not in caplog.text


def test_read_directory_skips_hidden_files_and_reads_html_named_txt(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(bytes(range(256)))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    (tmp_path / "saved-page.txt").write_text(HTML, encoding="utf-8")
    [article] = _articles(tmp_path)
    assert isinstance(article, Article) and article.title == "Lindau port closes for repairs"
