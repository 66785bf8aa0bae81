"""The store: documents in SQLite (a file, by default) or PostgreSQL, through SQLAlchemy Core.

The engines and the CLI only use the small ``Store`` interface; the web layer reads through
the query methods of ``SQLStore`` (see ``queries.Queries``). The store knows nothing of spaCy.

    >>> store = open_store("corpus.db")          # or "postgresql://user:pw@host/db"
    >>> store.write(doc)                          # True: new; False: already stored
    >>> store.actor(entity_id)                    # reads: see newsgraph.store.queries
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from newsgraph.model import Document
from newsgraph.store.engine import DEFAULT_URL

if TYPE_CHECKING:
    from newsgraph.store.sql import SQLStore

__all__ = ["DEFAULT_URL", "Store", "open_store"]


class Store(Protocol):
    def write(self, doc: Document) -> bool:
        """Store one document in one transaction. False when its article id is already stored."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def close(self) -> None: ...


def open_store(url: str | None = None) -> SQLStore:
    """Open (creating or migrating as needed) the store at ``url``: a SQLAlchemy URL, a
    ``postgresql://`` URL, or a path to a SQLite file; None means ``DEFAULT_URL``.
    Raises ``StoreError`` when the database cannot be opened."""
    from newsgraph.store.sql import SQLStore

    return SQLStore(url)
