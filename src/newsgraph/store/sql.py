"""``SQLStore``: the ``Store`` on SQLite or PostgreSQL, with the read queries and the
actor-identity edits (merge, undo, split) on top."""

from __future__ import annotations

import time

import sqlalchemy as sa

from newsgraph.errors import StoreError
from newsgraph.model import Document
from newsgraph.store import merges
from newsgraph.store.engine import create_engine, migrate, normalize_url
from newsgraph.store.queries import Queries, merge_records
from newsgraph.store.schema import articles
from newsgraph.store.views import Merge
from newsgraph.store.write import write_document

_ATTEMPTS = 4


class SQLStore(Queries):
    """Writes go through one ``BEGIN IMMEDIATE`` (SQLite) or ordinary (PostgreSQL)
    transaction per document; reads use their own engine."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalize_url(url)
        try:
            self._writer = create_engine(self.url, write=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"{url}: not a database URL newsgraph can open: {exc}") from exc
        migrate(self._writer)
        super().__init__(create_engine(self.url, write=False))

    def write(self, doc: Document) -> bool:
        """Store one document in one transaction; False when its article id is stored already.
        A transaction that lost a race (PostgreSQL deadlock, SQLite lock timeout) is retried."""
        name = doc.article.source or doc.article.id
        for attempt in range(_ATTEMPTS):
            try:
                with self._writer.begin() as conn:
                    return write_document(conn, doc)
            except sa.exc.OperationalError as exc:
                if attempt == _ATTEMPTS - 1:
                    raise StoreError(f"{name}: cannot store: {exc.orig}") from exc
                time.sleep(0.05 * (attempt + 1))
            except sa.exc.SQLAlchemyError as exc:
                raise StoreError(f"{name}: cannot store: {exc}") from exc
        raise AssertionError("unreachable")

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.scalar(sa.select(articles.c.id).where(articles.c.id == article_id))
        return found is not None

    def merge(self, into: int, other: int, *, reason: str = "merged by hand") -> Merge:
        """Merge corpus actor ``other`` into ``into`` (both must be current actors).
        Raises KeyError for an unknown actor, ValueError for a merge that cannot be made."""
        with self._writer.begin() as conn:
            merge_id = merges.merge(conn, into, other, reason)
        return self._merge(merge_id)

    def undo_merge(self, merge_id: int) -> Merge:
        """Undo a merge or an automatic link (see ``store.merges.undo``)."""
        with self._writer.begin() as conn:
            merges.undo(conn, merge_id)
        return self._merge(merge_id)

    def _merge(self, merge_id: int) -> Merge:
        with self.engine.connect() as conn:
            return merge_records(conn, merge_id=merge_id)[0]

    def close(self) -> None:
        self._writer.dispose()
        self.engine.dispose()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
