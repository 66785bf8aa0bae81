"""Full-text search over articles and quotes: FTS5 on SQLite, a tsvector with a GIN index on
PostgreSQL (the table is made by the migrations). Every hit points at its evidence: the article
id, the quote id for a quote, and the character span in the article's text."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsgraph.model import Document
from newsgraph.store.filters import Filters, article_conditions

search_index = sa.table(
    "search_index",
    sa.column("body"), sa.column("kind"), sa.column("article_id"), sa.column("ref"),
    sa.column("start"), sa.column("end"),
)

MAX_COUNT = 1000
_OPEN, _CLOSE = "\x02", "\x03"
_TERM = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+")


def index_document(conn: Connection, doc: Document) -> None:
    a = doc.article
    rows = [{"body": f"{a.title or ''}\n{a.text}", "kind": "article", "article_id": a.id,
             "ref": None, "start": 0, "end": len(a.text)}]
    rows += [{"body": q.text, "kind": "quote", "article_id": a.id, "ref": q.id,
              "start": q.span.start, "end": q.span.end} for q in doc.quotes]
    conn.execute(sa.insert(search_index), rows)


def fts5_query(query: str) -> str:
    """A safe FTS5 query: every word must appear; "quoted words" must appear together."""
    parts = []
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall(phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts)


def split_snippet(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet with its highlight markers taken out, and the highlighted ranges."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    pos, start = 0, 0
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = pos
        elif piece == _CLOSE:
            ranges.append((start, pos))
        else:
            plain.append(piece)
            pos += len(piece)
    return "".join(plain), ranges


def search(
    conn: Connection, query: str, filters: Filters, *, kind: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """The number of hits (counted up to ``MAX_COUNT`` + 1) and one page of them, best
    first. Each hit: ``kind``
    ('article' or 'quote'), ``article_id``, ``ref`` (quote id), ``start``, ``end``,
    ``snippet`` and ``highlights`` (ranges in the snippet)."""
    s = search_index.c
    if conn.dialect.name == "sqlite":
        terms = fts5_query(query)
        if not terms:
            return 0, []
        match: sa.ColumnElement[bool] | sa.TextClause = sa.text(
            "search_index MATCH :q"
        ).bindparams(q=terms)
        rank: sa.ColumnElement[Any] = sa.literal_column("bm25(search_index)")
        snippet: sa.ColumnElement[Any] = sa.func.snippet(
            sa.literal_column("search_index"), 0, _OPEN, _CLOSE, "…", 24
        )
        order = rank.asc()
    else:
        tsq = sa.func.websearch_to_tsquery(sa.literal_column("'english'"), query)
        tsv: sa.ColumnElement[Any] = sa.literal_column("tsv")
        match = tsv.op("@@")(tsq)
        rank = sa.func.ts_rank(tsv, tsq)
        snippet = sa.func.ts_headline(
            sa.literal_column("'english'"), s.body, tsq,
            f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=35, MinWords=15",
        )
        order = rank.desc()
    where: list[sa.ColumnElement[bool] | sa.TextClause] = [
        match, *article_conditions(s.article_id, filters)
    ]
    if kind:
        where.append(s.kind == kind)
    first_hits = sa.select(s.kind).select_from(search_index).where(*where).limit(MAX_COUNT + 1)
    total = conn.scalar(sa.select(sa.func.count()).select_from(first_hits.subquery())) or 0
    rows = conn.execute(
        sa.select(s.kind, s.article_id, s.ref, s.start, s.end, snippet.label("snippet"))
        .select_from(search_index).where(*where).order_by(order, s.article_id)
        .limit(limit).offset(offset)
    )
    hits = []
    for r in rows:
        text, ranges = split_snippet(r.snippet or "")
        hits.append({"kind": r.kind, "article_id": r.article_id, "ref": r.ref,
                     "start": int(r.start), "end": int(r.end), "snippet": text,
                     "highlights": ranges})
    return int(total), hits
