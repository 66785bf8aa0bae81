"""Which sentence a token is in, from one pass over ``doc.sents``.

spaCy's ``Token.sent`` and ``Span.sent`` walk the Doc on every call; the actors and events
components ask thousands of times per article, so each builds this index once per Doc instead.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["SentenceIndex"]


class SentenceIndex:
    """The sentences of one Doc, looked up by token index."""

    def __init__(self, doc: Doc) -> None:
        self.sentences: list[Span] = list(doc.sents)
        self._number = [0] * len(doc)
        for n, sent in enumerate(self.sentences):
            self._number[sent.start : sent.end] = [n] * (sent.end - sent.start)

    def number(self, token_i: int) -> int:
        """The position of the sentence holding token ``token_i``."""
        return self._number[token_i]

    __getitem__ = number

    def of(self, token_i: int) -> Span:
        """The sentence holding token ``token_i``."""
        return self.sentences[self._number[token_i]]
