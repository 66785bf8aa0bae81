"""Plain text files: a raw news page, cleaned by ``clean.clean_page``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import NoArticle
from newsgraph.model import Article
from newsgraph.read.clean import clean_page
from newsgraph.read.files import MAX_ARTICLE_BYTES, decode, read_bytes
from newsgraph.read.language import detect_language


def read_text(path: Path, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """The article of one plain text file (gzip allowed)."""
    source = str(path)
    yield article_from_page(decode(read_bytes(path, limit), source), source)


def article_from_page(raw: str, source: str) -> Article:
    """The article in a raw text page, with its headline, byline facts and removed furniture."""
    page = clean_page(raw)
    if not page.text:
        raise NoArticle(source, "no article text left after taking out page furniture")
    return Article(
        text=page.text,
        title=page.title,
        outlet=page.outlet,
        published=page.published,
        language=detect_language(page.text),
        source=source,
        authors=page.authors,
        removed=page.removed,
    )
