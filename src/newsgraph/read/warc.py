"""WARC files (FastWARC), e.g. Common Crawl's CC-NEWS: each HTML response record an article.
Gzip-compressed WARCs are detected and read as they stream."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.errors import BadRecord, InputError, TooLarge
from newsgraph.model import Article
from newsgraph.read.files import MAX_ARTICLE_BYTES
from newsgraph.read.html import article_from_html, html_text

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Article | InputError]:
    """The article of each successful HTML response record; ``PATH#N`` counts every record."""
    n = 0
    try:
        with path.open("rb") as f:
            for n, record in enumerate(ArchiveIterator(f, parse_http=True), start=1):
                if record.record_type == WarcRecordType.response:
                    yield from _response(record, f"{path}#{n}", limit)
    except OSError as exc:
        yield BadRecord(f"{path}#{n + 1}", f"unreadable WARC data ({exc})")
        return
    if n == 0:
        yield BadRecord(str(path), "no WARC records")


def _response(record: WarcRecord, source: str, limit: int) -> Iterator[Article | InputError]:
    """The article of one response record if it is a successful HTML page; nothing for other
    pages (images, redirects, errors); the error for a broken or oversized record."""
    if not record.http_headers:
        yield BadRecord(source, "response record without readable HTTP headers")
        return
    status = record.http_headers.status_code or 0
    content_type = (record.http_content_type or "").lower()
    if not 200 <= status < 300 or not content_type.startswith(_HTML_TYPES):
        return
    if (record.content_length or 0) > limit:
        yield TooLarge(source, f"record over the {limit // (1024 * 1024)} MB limit")
        return
    try:
        html = html_text(record.reader.read(), source, record.http_charset)
        yield article_from_html(html, source, url=record.headers.get("WARC-Target-URI"))
    except InputError as exc:
        yield exc
