"""Dense features of an event candidate: static word vectors (``resources/event_vectors``,
all-MiniLM-L6-v2 distilled by ``scripts/distill_vectors.py``) averaged over the parts of the
sentence that tell the event.

They let the classifier generalise past the few hundred training sentences: "stormed" and
"raided" sit near each other although only one of them may be in the training data. A word's
vector is the mean of its word pieces' rows, computed once per word and kept; a part's vector is
the normalised mean of its words' vectors (the sentence's from running sums), so a candidate
costs a few additions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from newsgraph.extract.token_table import TokenTable, table
from newsgraph.resources import path as resource_path

if TYPE_CHECKING:
    from tokenizers import Tokenizer  # model2vec's own dependency

    from newsgraph.extract.event_features import Candidate

__all__ = [
    "PARTS",
    "DocVectors",
    "WordVectors",
    "candidate_vector",
    "doc_vectors",
    "sum_rows",
    "word_vectors",
]

RESOURCE = "event_vectors"
#: The parts of a candidate that get a vector each, in the order they are concatenated. Vectors
#: of the mentions themselves lowered the cross-validated macro-F1; spaCy's ``doc.tensor`` at the
#: trigger and the mentions did not raise it, and swayed hand-written sentences the wrong way.
PARTS = ("sentence", "predicate", "window")
_PREDICATE_DEPS = frozenset({"dobj", "xcomp", "prt", "acomp", "attr", "oprd", "neg"})
_WINDOW = 4
#: Words whose vectors are kept; past that the store starts afresh (a long batch meets many).
_CACHE_MAX = 200_000
Vector = npt.NDArray[np.float32]


class WordVectors:
    """Word -> vector, from the distilled static model's token rows."""

    def __init__(self, embedding: Vector, tokenizer: Tokenizer) -> None:
        self.embedding = embedding
        self.dim = int(embedding.shape[1])
        self._tokenizer = tokenizer
        #: A word's string-store hash -> its row in ``_table``.
        self._rows: dict[int, int] = {}
        self._table = np.zeros((1024, self.dim), np.float32)

    def words(self, words: list[str]) -> Vector:
        """One row per word (zeros for a word with no known piece)."""
        strings = StringStore(words)
        return self.hashed([strings[w] for w in words], strings)

    def hashed(self, hashes: list[int], strings: StringStore) -> Vector:
        """``words`` for words given as their hashes in ``strings`` (a Doc's ``LOWER`` column):
        kept by hash in one array, so a Doc's rows are one indexing of it."""
        rows = self._rows
        missing = list(dict.fromkeys(h for h in hashes if h not in rows))
        if len(rows) + len(missing) > _CACHE_MAX:
            rows.clear()
            missing = list(dict.fromkeys(hashes))
        if missing:
            start, end = len(rows), len(rows) + len(missing)
            if end > len(self._table):
                grown = np.zeros((max(end, 2 * len(self._table)), self.dim), np.float32)
                grown[:start] = self._table[:start]
                self._table = grown
            self._table[start:end] = self._encode([strings[h] for h in missing])
            rows.update(zip(missing, range(start, end), strict=True))
        return self._table.take([rows[h] for h in hashes], axis=0)  # (cheaper than [list])

    def _encode(self, words: list[str]) -> Vector:
        """One row per word: the mean of its word pieces' rows (zeros when it has none).

        Word by word: ``encode_batch`` spreads a batch over threads, which for the few new words
        of a document costs about twice the CPU (and never less for hundreds)."""
        found = np.zeros((len(words), self.dim), np.float32)
        encode = self._tokenizer.encode
        for k, word in enumerate(words):
            ids = encode(word, add_special_tokens=False).ids
            if ids:
                found[k] = self.embedding[ids].mean(axis=0)
        return found


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    """The shipped vectors, loaded once, from the package (no network)."""
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(str(resource_path(RESOURCE)), force_download=False)
    return WordVectors(np.asarray(model.embedding, dtype=np.float32), model.tokenizer)


@dataclass(frozen=True, slots=True)
class DocVectors:
    """A Doc's word vectors: one row per token (zeros for punctuation and spaces), and their
    running sums at the sentence edges asked about, so a sentence's sum is one subtraction."""

    rows: Vector
    _prefixes: dict[int, Vector] = field(default_factory=dict)
    _sentences: dict[tuple[int, int], Vector] = field(default_factory=dict)
    _predicates: dict[int, Vector] = field(default_factory=dict)

    def sentence(self, start: int, end: int) -> Vector:
        """The normalised mean of tokens ``start:end`` (a sentence: asked once per candidate)."""
        found = self._sentences.get((start, end))
        if found is None:
            found = _unit(self.prefix(end) - self.prefix(start))
            self._sentences[start, end] = found
        return found

    def predicate(self, trigger: int, tokens: TokenTable) -> Vector:
        """The normalised sum of the rows of ``trigger`` and its object, complement and
        particle (``_PREDICATE_DEPS``; ``tokens``: the Doc's table), made once per trigger
        (it has several candidates)."""
        found = self._predicates.get(trigger)
        if found is None:
            dep = tokens.dep
            rows = [trigger, *(j for j in tokens.children(trigger) if dep[j] in _PREDICATE_DEPS)]
            found = self._predicates[trigger] = _unit(sum_rows(self.rows, rows))
        return found

    def prefix(self, k: int) -> Vector:
        """The sum of ``rows[:k]``, added row after row from the first: a running sum's value at
        ``k``, the same additions in the same order. Summing along the rows of a row-major array
        goes row after row; it continues from the nearest sum before ``k`` already made (the
        sentences are asked in text order, so each row is added about once), and is several
        times cheaper than the running sum over every token."""
        found = self._prefixes.get(k)
        if found is None:
            below = max((j for j in self._prefixes if j < k), default=None)
            if below is None:
                found = np.add.reduce(self.rows[:k], axis=0)
            else:
                stacked = np.vstack((self._prefixes[below], self.rows[below:k]))
                found = np.add.reduce(stacked, axis=0)
            self._prefixes[k] = found
        return found


def doc_vectors(doc: Doc, vectors: WordVectors | None = None) -> DocVectors:
    vectors = vectors or word_vectors()
    tokens = table(doc)  # no Token objects: a long article is cheap
    rows = vectors.hashed(tokens.lower_ids, doc.vocab.strings)
    rows[tokens.blank] = 0.0
    return DocVectors(rows)


def sum_rows(array: npt.NDArray[Any], rows: list[int]) -> npt.NDArray[Any]:
    """``array[rows].sum(axis=0)``, the same additions, with fewer steps through numpy (it is
    asked once or twice per candidate)."""
    return np.add.reduce(array.take(rows, axis=0), axis=0)  # type: ignore[no-any-return]


def _unit(v: Vector) -> Vector:
    """``v`` scaled to length 1: the mean of the words' rows, as a direction."""
    norm = float(np.sqrt(v.dot(v)))  # what np.linalg.norm computes, without its checks
    return v / norm if norm > 0 else v


def candidate_vector(c: Candidate, vectors: DocVectors, sent: Span | None = None) -> Vector:
    """The candidate's parts (``PARTS``), each the normalised mean of its words' rows
    (``vectors``: ``doc_vectors`` of the candidate's Doc), concatenated: the sentence, the
    trigger with its object, complement and particle, and the words within ``_WINDOW`` of the
    trigger outside the source and target."""
    trig = c.trigger
    i = trig.i
    sent = sent if sent is not None else trig.sent
    start, end = sent.start, sent.end
    rows = vectors.rows
    window = list(range(max(start, i - _WINDOW), min(end, i + _WINDOW + 1)))
    for mention in (c.source, c.target):
        if mention is not None:
            a, b = mention.start, mention.end
            window = [j for j in window if not a <= j < b]
    return np.concatenate(
        (
            vectors.sentence(start, end),
            vectors.predicate(i, table(trig.doc)),
            _unit(sum_rows(rows, window)) if window else np.zeros(rows.shape[1], np.float32),
        )
    )
