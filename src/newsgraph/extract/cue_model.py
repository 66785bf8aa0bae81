"""Is this verb an attribution cue here? A logistic model over parse features.

Trained on the PolNeAR train split by ``scripts/train_quotes.py``, shipped as feature weights
(``resources/quote_cue_model.json``) and scored with a dot product: no learning library is
needed at run time. Besides the binary features, a dense vector (``cue_vector``): spaCy's
contextual token vectors (``doc.tensor``, the tok2vec output the parse already made) at the verb,
its subject and its complement, and the shipped static word vectors
(``event_vectors.word_vectors``) of the verb's lemma and the complement's head word. They tell
"knows that the deal is dead" from "knows the city well", and let a rare cue verb borrow from a
frequent one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np
import numpy.typing as npt
from spacy.tokens import Token

from newsgraph.extract.event_vectors import word_vectors
from newsgraph.extract.token_table import table
from newsgraph.resources import path as resource_path

#: Least probability for a candidate to be kept as a cue, chosen on held-out train articles
#: (the content model then drops the cues whose statement it finds unlikely).
THRESHOLD = 0.4
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "which", "that"})
#: Dependencies of the child that is a cue verb's complement, the first one right of the verb.
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd"})
#: The blocks of ``cue_vector``, in order, and their widths.
DENSE_PARTS: tuple[tuple[str, int], ...] = (
    ("tensor:verb", 96), ("tensor:subject", 96), ("tensor:complement", 96),
    ("words:lemma", 128), ("words:complement", 128),
)
Vector = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    speech_verbs: frozenset[str]
    threshold: float = THRESHOLD
    #: Weights of ``cue_vector`` (the training's standardisation folded in) and the offset
    #: that goes with them; a verb without a vector is scored as the mean one.
    dense: Vector | None = None
    dense_offset: float = 0.0

    def probability(self, features: Iterable[str], vector: Vector | None = None) -> float:
        bias = self.bias
        if self.dense is not None and vector is not None and vector.shape == self.dense.shape:
            bias += float(vector @ self.dense) + self.dense_offset
        return logistic(bias, self.weights, features)


def logistic(bias: float, weights: dict[str, float], features: Iterable[str]) -> float:
    """The probability a logistic model over binary features gives: the weights of the
    features present, summed with the bias, through the sigmoid."""
    z = bias + sum(map(weights.get, features, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    """The shipped model."""
    data = json.loads(resource_path("quote_cue_model.json").read_text(encoding="utf-8"))
    dense = data.get("dense")
    return CueModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        threshold=float(data.get("threshold", THRESHOLD)),
        dense=np.asarray(dense, np.float32) if dense else None,
        dense_offset=float(data.get("dense_offset", 0.0)),
    )


def cue_vector(verb: Token, subject: int | None) -> Vector | None:
    """The dense features of ``verb`` as a cue (``subject``: its subject's token index): the
    blocks of ``DENSE_PARTS`` concatenated, zeros for a missing subject or complement; None
    when the Doc has no contextual vectors of the width the model was trained on."""
    doc = verb.doc
    tensor = doc.tensor
    if tensor.ndim != 2 or tensor.shape[0] != len(doc) or tensor.shape[1] != DENSE_PARTS[0][1]:
        return None
    tokens = table(doc)
    v, dep = verb.i, tokens.dep
    comp = next((c for c in tokens.children(v) if c > v and dep[c] in _COMPLEMENTS), None)
    width = DENSE_PARTS[0][1]
    zeros = np.zeros(width, np.float32)
    words = _word_rows((tokens.lemma[v], tokens.lower[comp] if comp is not None else ""))
    return np.concatenate((
        tensor[v],
        tensor[subject] if subject is not None else zeros,
        tensor[comp] if comp is not None else zeros,
        words[0],
        words[1],
    )).astype(np.float32, copy=False)


_WORD_ROWS: dict[str, Vector] = {}


def _word_rows(words: tuple[str, str]) -> tuple[Vector, Vector]:
    """The static vectors of two words (zeros for the empty word), kept once computed."""
    missing = list(dict.fromkeys(w for w in words if w not in _WORD_ROWS))
    if missing:
        if len(_WORD_ROWS) > 100_000:
            _WORD_ROWS.clear()
        for w, row in zip(missing, word_vectors().words(missing), strict=True):
            _WORD_ROWS[w] = row if w else np.zeros_like(row)
    return _WORD_ROWS[words[0]], _WORD_ROWS[words[1]]


def cue_features(
    verb: Token,
    frame: str,
    subject: Token | None,
    content_tokens: int,
    *,
    starts_with_that: bool,
    quoted: bool,
    colon: bool,
    speech_verbs: frozenset[str],
    opener: str = "",
) -> list[str]:
    """The features of one candidate cue verb. ``opener``: the first word of its content
    (lower case, or the part of speech when it is not a complementizer)."""
    tokens = table(verb.doc)
    dep, lemmas, v = tokens.dep, tokens.lemma, verb.i
    lemma, verb_dep, tag = lemmas[v], dep[v], tokens.tag[v]
    feats = [
        f"lemma={lemma}",
        f"frame={frame}",
        f"lemma|frame={lemma}|{frame}",
        f"dep={verb_dep}",
        f"lemma|dep={lemma}|{verb_dep}",
        f"tag={tag}",
        f"frame|tag={frame}|{tag}",
        f"size={min(6, content_tokens.bit_length())}",
        f"frame|size={frame}|{min(6, content_tokens.bit_length())}",
    ]
    if lemma in speech_verbs:
        feats += ["speech", f"speech|frame={frame}"]
    if subject is None:
        feats.append("subj=none")
    else:
        kind = subject.ent_type_ or subject.pos_
        feats += [f"subj={kind}", f"frame|subj={frame}|{kind}", f"lemma|subj={lemma}|{kind}"]
        if subject.lower_ in _PRONOUNS or subject.pos_ == "NOUN":
            feats.append(f"subj_word={subject.lemma_.lower()}")
    if starts_with_that:
        feats += ["that", f"lemma|that={lemma}"]
    if quoted:
        feats += ["quoted", f"frame|quoted={frame}", f"lemma|quoted={lemma}"]
    if colon:
        feats += ["colon", f"lemma|colon={lemma}"]
    if opener:
        feats += [f"opener={opener}", f"lemma|opener={lemma}|{opener}"]
    children = tokens.children(v)
    if any(dep[c] == "neg" for c in children):
        feats.append("neg")
    lower = tokens.lower
    for c in children:
        if dep[c] in ("aux", "auxpass"):
            feats.append(f"aux={lemmas[c]}")
        elif dep[c] == "prep":
            feats.append(f"lemma|prep={lemma}|{lower[c]}")
        elif dep[c] == "prt":
            feats.append(f"lemma|prt={lemma}|{lower[c]}")
        elif dep[c] in ("dobj", "xcomp") and c > v:
            feats.append(f"lemma|{dep[c]}={lemma}|{lemmas[c]}")
    if verb_dep != "ROOT":
        head = lemmas[tokens.head[v]]
        feats += [f"head={head}", f"lemma|head={lemma}|{head}"]
    return feats
