"""RSS and Atom feeds (feedparser): each entry an article, its embedded content or summary as
text, with title, link, publication date and author."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from newsgraph.errors import BadRecord, InputError, NoArticle
from newsgraph.model import Article
from newsgraph.read.dates import iso_date
from newsgraph.read.files import MAX_ARTICLE_BYTES, read_bytes
from newsgraph.read.html import fragment_text
from newsgraph.read.language import detect_language

#: A feed carries many articles, so it may be larger than one article file.
MAX_FEED_BYTES = 5 * MAX_ARTICLE_BYTES


def read_feed(path: Path, limit: int = MAX_FEED_BYTES) -> Iterator[Article | InputError]:
    """Each entry's article, or the error for an entry with no text."""
    feed = feedparser.parse(read_bytes(path, limit))
    if not feed.entries:
        problem = f"not a readable feed ({feed.bozo_exception})" if feed.bozo else "no entries"
        raise BadRecord(str(path), problem)
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, start=1):
        try:
            yield article_from_entry(entry, f"{path}#{n}", outlet)
        except InputError as exc:
            yield exc


def article_from_entry(entry: Any, source: str, outlet: str | None = None) -> Article:
    """The article of one feed entry: its full content if embedded, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content") or ()]
    text = max((fragment_text(c) for c in contents), key=len, default="")
    if not text:
        text = fragment_text(entry.get("summary") or "")
    if not text:
        raise NoArticle(source, "feed entry has no content or summary")
    authors = [a.get("name") for a in entry.get("authors") or () if a.get("name")]
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return Article(
        text=text,
        title=" ".join((entry.get("title") or "").split()) or None,
        outlet=outlet,
        published=iso_date(when) if when else iso_date(entry.get("published")),
        language=detect_language(text),
        source=source,
        url=entry.get("link") or None,
        authors=tuple(authors) or ((entry["author"],) if entry.get("author") else ()),
    )
