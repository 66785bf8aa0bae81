"""HTML pages: the article body and metadata (trafilatura), the publication date (htmldate).

``article_from_html`` builds the ``Article`` of a decoded page (the function
``bench/extraction.py`` measures); ``read_html`` reads a ``.html`` / ``.html.gz`` file; the WARC
reader calls ``article_from_html`` on each HTML response.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from htmldate import find_date
from lxml.etree import ParserError
from trafilatura import bare_extraction, baseline
from trafilatura.settings import Document as TrafilaturaDocument

from newsgraph.errors import EmptyInput, NoArticle
from newsgraph.model import Article, Removed
from newsgraph.read.clean import normalize
from newsgraph.read.files import MAX_ARTICLE_BYTES, declared_charset, decode, read_bytes
from newsgraph.read.language import detect_language

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre")
#: Fewer words than this from the main extraction and we try the fallback.
_MIN_WORDS = 15
#: Precision mode's body must keep this share of the default mode's words to be trusted.
_PRECISION_MIN_SHARE = 0.5
#: A page with fewer words of body than this holds no article (a menu, an error page...).
_MIN_ARTICLE_WORDS = 10


def read_html(path: Path, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """The article of one HTML file (gzip allowed)."""
    source = str(path)
    yield article_from_html(html_text(read_bytes(path, limit), source), source)


def html_text(data: bytes, source: str, charset: str | None = None) -> str:
    """An HTML page's bytes decoded: UTF-8, else the ``charset`` (from HTTP) or the page's
    ``<meta>`` charset, else the detected encoding."""
    return decode(data, source, charset or declared_charset(data))


def article_from_html(html: str, source: str, url: str | None = None) -> Article:
    """The article in an HTML page; ``NoArticle`` when the page holds no article text."""
    if not html.strip():
        raise EmptyInput(source, "empty page")
    doc = _extract(html, url)
    text, removed = normalize(_body_text(html, doc))
    text, headline = _without_title(paragraphs(text), doc)
    removed.extend(headline)
    if len(text.split()) < _MIN_ARTICLE_WORDS:
        raise NoArticle(source, f"no article text in the HTML page ({len(text.split())} words)")
    return Article(
        text=text,
        title=_clean(doc.title) if doc else None,
        outlet=_clean(doc.sitename) if doc else None,
        published=page_date(html, url or (doc.url if doc else None)),
        language=detect_language(text),
        source=source,
        url=url or (doc.url if doc else None),
        authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()) if doc else (),
        removed=tuple(removed),
    )


def page_date(html: str, url: str | None = None) -> str | None:
    """The page's original publication date (ISO), from its markup, URL and, failing those, its
    text. A 1 January date found only in the text is taken for a bare year ("© 2016") and
    dropped."""
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False)
        if found:
            return str(found)
        found = find_date(html, url=url, original_date=True, extensive_search=True)
    except (ValueError, ParserError):
        return None
    return str(found) if found and not str(found).endswith("-01-01") else None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for el in root.iter(*_BLOCKS, "br"):
        el.tail = "\n\n" + (el.tail or "") if el.tag != "br" else " " + (el.tail or "")
        if el.tag != "br":
            el.text = "\n\n" + (el.text or "")
    return paragraphs(normalize(root.text_content())[0])


def paragraphs(text: str) -> str:
    """Each non-empty line a paragraph, spaces collapsed, one blank line between paragraphs."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _extract(html: str, url: str | None) -> TrafilaturaDocument | None:
    """trafilatura favouring precision, unless that keeps under half of what its default mode
    finds: then precision mode has thrown the article out with the boilerplate."""
    precise = _bare_extraction(html, url, favor_precision=True)
    default = _bare_extraction(html, url, favor_precision=False)
    if precise is None or _words(precise) < _words(default) * _PRECISION_MIN_SHARE:
        return default
    return precise


def _bare_extraction(
    html: str, url: str | None, favor_precision: bool
) -> TrafilaturaDocument | None:
    doc = bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=favor_precision
    )
    return doc if isinstance(doc, TrafilaturaDocument) else None


def _words(doc: TrafilaturaDocument | None) -> int:
    return len((doc.text or "").split()) if doc else 0


def _body_text(html: str, doc: TrafilaturaDocument | None) -> str:
    text = (doc.text or "") if doc else ""
    if len(text.split()) >= _MIN_WORDS:
        return text
    _tree, fallback, _length = baseline(html)
    return fallback if len(fallback.split()) > len(text.split()) else text


def _without_title(text: str, doc: TrafilaturaDocument | None) -> tuple[str, list[Removed]]:
    """The body without a leading copy of the page title (trafilatura keeps the ``<h1>``)."""
    first, _, rest = text.partition("\n\n")
    title = _clean(doc.title) if doc else None
    if title and rest and _key(first) == _key(title):
        return rest, [Removed(first, "headline")]
    return text, []


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
