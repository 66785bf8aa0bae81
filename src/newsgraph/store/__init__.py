"""The store: documents in SQLite (a file, by default) or PostgreSQL, through SQLAlchemy Core.

The engines and the CLI only use this small interface; the web layer reads through the query
functions the store module offers. The store knows nothing of spaCy.
"""

from __future__ import annotations

from typing import Protocol

from newsgraph.model import Document

DEFAULT_URL = "sqlite:///newsgraph.db"


class Store(Protocol):
    def write(self, doc: Document) -> bool:
        """Store one document in one transaction. False when its article id is already stored."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def close(self) -> None: ...
