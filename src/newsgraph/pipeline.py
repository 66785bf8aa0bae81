"""The per-article function: Article in, Document out. Every engine (CLI, local pool, Spark)
calls ``analyze_articles``; ``analyze`` is the one-text convenience on top of it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import nlp as nlp_loader
from newsgraph.model import Article, Document
from newsgraph.read.language import detect_language
from newsgraph.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger("newsgraph")

#: Languages the default pipeline extracts from; others are recorded and skipped. A text too
#: short for its language to be told (``language`` None) is read as if it were in one of them.
SUPPORTED_LANGUAGES = frozenset({"en"})


def analyze_articles(
    articles: Iterable[Article], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[Document]:
    """Analyse articles in batches through one shared spaCy pipeline, in input order."""
    nlp = nlp_loader.load(settings)
    pending: list[Article] = []
    for article in articles:
        if article.language is None:
            article = replace(article, language=detect_language(article.text))
        if not _supported(article):
            _skip(article, f"language {article.language!r} is not supported")
        elif len(article.text) > settings.max_chars:
            _skip(article, f"{len(article.text):,} characters, over the limit of "
                           f"{settings.max_chars:,}")
        pending.append(article)
        if len(pending) >= settings.batch_size:
            yield from _flush_in_order(pending, nlp, settings)
            pending.clear()
    if pending:
        yield from _flush_in_order(pending, nlp, settings)


def _skip(article: Article, why: str) -> None:
    log.warning("%s: %s; article recorded, extraction skipped", article.source or article.id, why)


def _flush_in_order(
    pending: list[Article], nlp: Language, settings: Settings
) -> Iterator[Document]:
    docs = (_make_doc(nlp, a) for a in pending if _extractable(a, settings))
    parsed = nlp.pipe(docs, batch_size=settings.batch_size)
    for article in pending:
        extractable = _extractable(article, settings)
        yield _document(article, next(parsed)) if extractable else Document(article=article)


def _make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc


def _supported(article: Article) -> bool:
    return article.language is None or article.language in SUPPORTED_LANGUAGES


def _extractable(article: Article, settings: Settings) -> bool:
    return (
        _supported(article)
        and bool(article.text.strip())
        and len(article.text) <= settings.max_chars
    )


def _document(article: Article, doc: Doc) -> Document:
    return Document(
        article=article,
        actors=tuple(doc._.actors or ()),
        quotes=tuple(doc._.quotes or ()),
        events=tuple(doc._.events or ()),
    )


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Document:
    """Analyse one article body. ``published`` (ISO 8601) anchors relative dates."""
    article = Article(
        text=text, title=title, outlet=outlet, published=published, url=url, language=language
    )
    return next(analyze_articles([article], settings))
