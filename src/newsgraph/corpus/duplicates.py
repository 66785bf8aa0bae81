"""Near-duplicate articles (syndicated copies with small edits) by MinHash over word shingles.

A signature is ``NUM_PERM`` 64-bit minimums; it is cut into ``BANDS`` bands of ``ROWS`` values
and each band hashed to one signed 64-bit integer the store indexes (LSH). Articles sharing a
band hash are candidates; a candidate is a duplicate when the estimated Jaccard similarity of
the two shingle sets is at least ``DUPLICATE_THRESHOLD`` (a 70-word story with two small edits
scores about 0.77). With 20 bands of 6 rows, a pair at similarity 0.77 becomes a candidate
with probability 0.99, one at 0.5 with probability 0.27 and one at 0.3 with 0.015 (and is
then rejected); only the ``MAX_CANDIDATES`` sharing the most bands are compared.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 120
BANDS = 20
ROWS = NUM_PERM // BANDS
SHINGLE = 3
SEED = 7
DUPLICATE_THRESHOLD = 0.7
MAX_CANDIDATES = 20

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """The set of lower-cased word ``k``-grams of ``text`` (its words, when it has fewer)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {w.encode() for w in words}
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)  # its permutations are costly to make


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``, as the bytes the store keeps."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations,
                scheme=_TEMPLATE.scheme)
    m.update_batch(list(shingles(text)))
    return bytes(m.hashvalues.astype(np.uint64).tobytes())


def bands(sig: bytes) -> list[tuple[int, int]]:
    """``(band, hash)`` pairs for the LSH index: one signed 64-bit hash per band."""
    width = ROWS * 8
    return [
        (b, int.from_bytes(hashlib.blake2b(sig[b * width : (b + 1) * width], digest_size=8)
                           .digest(), "big", signed=True))
        for b in range(BANDS)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    x = np.frombuffer(a, dtype=np.uint64)
    y = np.frombuffer(b, dtype=np.uint64)
    return float(np.count_nonzero(x == y)) / len(x)
