"""Per-token facts of a parsed Doc as plain Python lists, read once per Doc.

Every ``doc[i]``, ``Token.head``, ``.children`` or ``.subtree`` builds a new Python ``Token``;
the extractors' hot loops (dependency paths between mentions, the words of a subtree, trimming
a statement's edges) ask for the same few facts thousands of times per article. ``table(doc)``
reads them once with ``Doc.to_array`` and keeps them, by token index, for as long as the Doc
lives. Only what a loop reads is computed (each column on first use). ``doc_text(doc)`` keeps
the Doc's text the same way (``Doc.text`` makes every Token again on each access to join their
texts; the table joins its own column of them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar, overload
from weakref import ReferenceType, WeakKeyDictionary, ref

import numpy as np
import numpy.typing as npt
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_QUOTE,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc

__all__ = ["TokenTable", "doc_text", "table"]

T = TypeVar("T")

#: Strings by their hash, shared by every table: ``StringStore`` decodes a new Python string on
#: each look-up, and the same few thousand words and labels come back in every Doc. A hash
#: always stands for the same string; past ``_STRINGS_MAX`` the store starts afresh.
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 200_000


class _column(Generic[T]):
    """``functools.cached_property`` without the lock Python 3.11 takes on each first read
    (3.12 dropped it): the value is made on first read and put in the table's ``__dict__``,
    where later reads find it. Two threads reading a new column at once both make it, alike."""

    def __init__(self, make: Callable[[Any], T]) -> None:
        self._make = make
        self._name = make.__name__
        self.__doc__ = make.__doc__

    @overload
    def __get__(self, table: None, owner: type | None = None) -> _column[T]: ...
    @overload
    def __get__(self, table: object, owner: type | None = None) -> T: ...
    def __get__(self, table: object | None, owner: type | None = None) -> T | _column[T]:
        if table is None:
            return self
        value: T = self._make(table)
        table.__dict__[self._name] = value
        return value


class TokenTable:
    """Facts of the tokens of one Doc, indexed like the Doc. It holds no reference to the Doc."""

    def __init__(self, doc: Doc) -> None:
        self._strings = doc.vocab.strings
        self._derived: dict[Callable[[TokenTable], Any], Any] = {}
        self._array = doc.to_array(
            [
                *(HEAD, DEP, POS, LEMMA, LOWER, IS_PUNCT, IS_SPACE, ORTH, SENT_START, IDX),
                *(IS_QUOTE, TAG, SPACY),
            ]
        )

    def _strings_of(self, n: int) -> list[str]:
        """The strings of the array's column ``n`` (hashes in the string store)."""
        hashes = self._array[:, n].tolist()
        known = _STRINGS
        try:
            return [known[h] for h in hashes]
        except KeyError:  # words not met before
            if len(known) > _STRINGS_MAX:
                known.clear()
            strings = self._strings
            return [known.get(h) or known.setdefault(h, strings[h]) for h in hashes]

    @_column
    def head(self) -> list[int]:
        """Index of each token's syntactic head (its own index for a root)."""
        offsets = self._array[:, 0].astype(np.int64)  # to_array gives them relative, unsigned
        return (offsets + np.arange(len(offsets))).tolist()  # type: ignore[no-any-return]

    @_column
    def dep(self) -> list[str]:
        return self._strings_of(1)

    @_column
    def pos(self) -> list[str]:
        return self._strings_of(2)

    @_column
    def lemma(self) -> list[str]:
        """Lower-cased lemmas."""
        return [w.lower() for w in self._strings_of(3)]

    @_column
    def lower(self) -> list[str]:
        return self._strings_of(4)

    @_column
    def lower_ids(self) -> list[int]:
        """Each token's ``LOWER`` as its hash in the Doc's string store (``Token.lower``)."""
        return self._array[:, 4].tolist()  # type: ignore[no-any-return]

    @_column
    def text(self) -> list[str]:
        return self._strings_of(7)

    @_column
    def doc_text(self) -> str:
        """The Doc's text (``Doc.text``): each token's text and the space after it, if any."""
        spaced = self._array[:, 12].tolist()
        return "".join([w + " " if sp else w for w, sp in zip(self.text, spaced, strict=True)])

    @_column
    def is_punct(self) -> list[bool]:
        return (self._array[:, 5] != 0).tolist()  # type: ignore[no-any-return]

    @_column
    def is_space(self) -> list[bool]:
        return (self._array[:, 6] != 0).tolist()  # type: ignore[no-any-return]

    @property
    def blank(self) -> npt.NDArray[np.bool_]:
        """Whether each token is punctuation or space, as a numpy mask (made on each access)."""
        return (self._array[:, 5] != 0) | (self._array[:, 6] != 0)  # type: ignore[no-any-return]

    @_column
    def sent_start(self) -> list[bool]:
        """Whether each token starts a sentence (``Token.is_sent_start``)."""
        return (self._array[:, 8] == 1).tolist()  # type: ignore[no-any-return]

    @_column
    def idx(self) -> list[int]:
        """Character offset of each token (``Token.idx``)."""
        return self._array[:, 9].tolist()  # type: ignore[no-any-return]

    @_column
    def is_quote(self) -> list[bool]:
        return (self._array[:, 10] != 0).tolist()  # type: ignore[no-any-return]

    @_column
    def tag(self) -> list[str]:
        """Fine-grained part of speech (``Token.tag_``)."""
        return self._strings_of(11)

    def derived(self, make: Callable[[TokenTable], T]) -> T:
        """``make(self)``, made once per table: what an extractor reads off the columns once
        per Doc and asks about again for every candidate (``make`` is its key: a module-level
        function)."""
        found = self._derived.get(make)
        if found is None:
            found = self._derived[make] = make(self)
        return found

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character range of the tokens ``start:end``."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])

    @_column
    def _children(self) -> list[list[int]]:
        """Each token's children in text order, all made in one pass over the heads."""
        found: list[list[int]] = [[] for _ in self.head]
        for j, h in enumerate(self.head):
            if h != j:
                found[h].append(j)
        return found

    def children(self, i: int) -> Sequence[int]:
        """Token ``i``'s children, in text order (what ``Token.children`` gives); the table's
        own list, not to be changed."""
        return self._children[i]

    def path_up(self, i: int, stop: int) -> list[int]:
        """Tokens from ``i`` up its heads to (not including) ``stop``, or to the root when
        ``stop`` is not an ancestor of ``i``."""
        head = self.head
        path = []
        while i != stop and head[i] != i:
            path.append(i)
            i = head[i]
        return path

    def ancestors(self, i: int) -> list[int]:
        """``i``'s heads, nearest first, up to the root."""
        head = self.head
        found = []
        while head[i] != i:
            i = head[i]
            found.append(i)
        return found

    def subtree(self, i: int) -> list[int]:
        """``i`` and all its descendants (the tokens of ``Token.subtree``), in text order."""
        found, stack = [], [i]
        while stack:
            j = stack.pop()
            found.append(j)
            stack.extend(self.children(j))
        return sorted(found)

    def tree_order(self, i: int) -> list[int]:
        """``i``'s subtree in the order of ``Token.subtree``: each token after the subtrees of
        its left children and before those of its right ones (text order only in a projective
        parse)."""
        found: list[int] = []
        stack = [(i, False)]  # a token, and whether its left children are out already
        while stack:
            j, lefts_done = stack.pop()
            if lefts_done:
                found.append(j)
                continue
            kids = self.children(j)
            stack.extend((c, False) for c in reversed(kids) if c > j)
            stack.append((j, True))
            stack.extend((c, False) for c in reversed(kids) if c < j)
        return found


_TABLES: WeakKeyDictionary[Doc, TokenTable] = WeakKeyDictionary()
#: The Doc asked about last and its table: the components ask about one Doc at a time.
_last: tuple[ReferenceType[Doc], TokenTable] | None = None


def table(doc: Doc) -> TokenTable:
    """The ``TokenTable`` of ``doc``, made on first use and kept while the Doc lives (its
    parse must not change afterwards)."""
    global _last
    last = _last  # read once: another thread may replace it
    if last is not None and last[0]() is doc:
        return last[1]
    found = _TABLES.get(doc)
    if found is None:
        found = _TABLES[doc] = TokenTable(doc)
    _last = (ref(doc), found)
    return found


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (``TokenTable.doc_text``)."""
    return table(doc).doc_text
