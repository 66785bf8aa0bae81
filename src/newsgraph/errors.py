"""newsgraph's exceptions, one tree. Every message names the input and the problem.

    NewsgraphError
    ├── InputError          an input that cannot be read as an article (one per file or record)
    │   ├── UnknownFormat   a file type no reader handles
    │   ├── EmptyInput      nothing, or only white space / markup, to read
    │   ├── BinaryInput     bytes that are not text
    │   ├── EncodingError   text that is not valid in any encoding we accept
    │   ├── TooLarge        over the size limit for one article
    │   ├── NoArticle       a page or record with no article body in it
    │   └── BadRecord       one record of a JSONL, feed or WARC file that is malformed
    ├── ModelError          the spaCy pipeline named in the settings cannot be loaded
    └── StoreError          the database cannot be opened or written
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input that cannot be turned into an article. ``source`` names it (path or PATH#N)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class UnknownFormat(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class EncodingError(InputError):
    pass


class TooLarge(InputError):
    pass


class NoArticle(InputError):
    pass


class BadRecord(InputError):
    pass


class ModelError(NewsgraphError):
    pass


class StoreError(NewsgraphError):
    pass
