"""Is this verb an attribution cue here? A logistic model over parse features, with
gradient-boosted trees stacked on it (a candidate is kept by the mean of the two probabilities).

Trained on the PolNeAR train split by ``scripts/train_quotes.py``, shipped as feature weights
and trees as plain arrays (``resources/quote_cue_model.json``), scored with a dot product and
numpy: no learning library is needed at run time. The trees (``Stack``) see a compact dense
view of each candidate: the logistic logit and its share from each feature family, how often
the verb's lemma and its subject's head word are cues on train, and the sentence's place in
its article.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Token

from newsgraph.extract.token_table import table
from newsgraph.resources import path as resource_path

#: Least probability for a candidate to be kept as a cue, chosen on held-out train articles
#: (the content model then drops the cues whose statement it finds unlikely).
THRESHOLD = 0.4
_PERSONAL = {"i": 1, "we": 1, "you": 2}
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "which", "that"})


#: Weight of the prior in a smoothed cue rate (``Rates``).
RATE_PRIOR = 10.0
#: The candidate's context besides its parse features (``cues.context_features``), in order.
CONTEXT = (
    "sent_at",  # where the sentence starts, as a share of the text
    "sent_opens_par",  # 1 when it opens its paragraph
    "sent_words",  # log2 of its tokens
    "sent_quote",  # 1 when a quotation overlaps it
    "verb_at",  # the verb's place in its sentence, 0 to 1
)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Forest:
    """Gradient-boosted regression trees as flat node arrays (every tree's nodes in one run):
    an inner node sends a row left when ``row[feature] <= threshold``; a leaf points to itself
    on both sides (threshold +inf), so every row may walk ``depth`` steps."""

    feature: npt.NDArray[np.intp]
    threshold: Matrix
    left: npt.NDArray[np.intp]
    right: npt.NDArray[np.intp]
    value: Matrix
    roots: npt.NDArray[np.intp]
    depth: int
    baseline: float

    def raw(self, x: Matrix) -> Matrix:
        """The summed leaf values (a logit) of each row of ``x``."""
        # each node's next node for each row, decided at once; then ``depth`` steps of lookups
        nxt = np.where(x[:, self.feature] <= self.threshold, self.left, self.right)
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots)))
        for _ in range(self.depth):
            node = nxt[rows, node]
        total: Matrix = self.baseline + self.value[node].sum(axis=1)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {"depth": self.depth, "baseline": self.baseline, "roots": self.roots.tolist(),
                "feature": self.feature.tolist(), "left": self.left.tolist(),
                "right": self.right.tolist(),
                "threshold": [None if math.isinf(t) else t for t in self.threshold.tolist()],
                "value": self.value.tolist()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Forest:
        def ints(key: str) -> npt.NDArray[np.intp]:
            return np.asarray(data[key], dtype=np.intp)

        return cls(ints("feature"),
                   np.array([math.inf if t is None else t for t in data["threshold"]]),
                   ints("left"), ints("right"), np.asarray(data["value"], dtype=np.float64),
                   ints("roots"), int(data["depth"]), float(data["baseline"]))


@dataclass(frozen=True, slots=True)
class Rates:
    """How often a key (a lemma, a subject's head word) was a cue on train: ``counts`` maps
    it to (candidates, cues); the rate is smoothed toward ``prior``."""

    counts: dict[str, tuple[int, int]]
    prior: float

    def rate(self, key: str) -> tuple[float, float]:
        """(smoothed rate, log2 of 1 + the candidates seen)."""
        n, pos = self.counts.get(key, (0, 0))
        return (pos + RATE_PRIOR * self.prior) / (n + RATE_PRIOR), math.log2(1 + n)


@dataclass(frozen=True, slots=True)
class StackView:
    """How a candidate becomes a dense row for the trees: the logistic logit and its share from
    each of ``families`` (a feature's name up to its ``=``), the smoothed cue rates of its
    lemma and subject, its ``CONTEXT``, and 0/1 for each of ``columns`` (common features)."""

    families: tuple[str, ...]
    columns: tuple[str, ...]
    lemmas: Rates
    subjects: Rates
    _family_at: dict[str, int] = field(init=False, repr=False, compare=False)
    _column_at: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_family_at", {f: j for j, f in enumerate(self.families)})
        object.__setattr__(self, "_column_at", {c: j for j, c in enumerate(self.columns)})

    def row(self, bias: float, weights: dict[str, float], features: Iterable[str], lemma: str,
            subject: str, context: Iterable[float]) -> list[float]:
        family_at, column_at = self._family_at, self._column_at
        fam = [0.0] * len(self.families)
        cols = [0.0] * len(self.columns)
        z = bias
        for f in features:
            w = weights.get(f, 0.0)
            z += w
            if (j := family_at.get(f.partition("=")[0])) is not None:
                fam[j] += w
            if (k := column_at.get(f)) is not None:
                cols[k] = 1.0
        return [z, *fam, *self.lemmas.rate(lemma), *self.subjects.rate(subject), *context, *cols]


@dataclass(frozen=True, slots=True)
class Stack:
    """Trees over ``StackView`` rows, stacked on the logistic model."""

    view: StackView
    forest: Forest


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    speech_verbs: frozenset[str]
    threshold: float = THRESHOLD
    stack: Stack | None = None

    def probability(self, features: Iterable[str]) -> float:
        """The logistic model's probability (the content model's cue score)."""
        return logistic(self.bias, self.weights, features)

    def stacked(self, rows: list[list[float]], linear: list[float]) -> list[float]:
        """The probabilities to keep candidates by, from their ``StackView`` rows and logistic
        probabilities (``stack`` must be set): the mean of the trees' and the logistic one
        (better on held-out train articles than the trees' alone)."""
        assert self.stack is not None
        z = self.stack.forest.raw(np.asarray(rows, dtype=np.float64))
        trees = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        probs: list[float] = ((trees + np.asarray(linear, dtype=np.float64)) / 2).tolist()
        return probs


def logistic(bias: float, weights: dict[str, float], features: Iterable[str]) -> float:
    """The probability a logistic model over binary features gives: the weights of the
    features present, summed with the bias, through the sigmoid."""
    z = bias + sum(map(weights.get, features, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    """The shipped model."""
    data = json.loads(resource_path("quote_cue_model.json").read_text(encoding="utf-8"))
    stack = None
    if "stack" in data:
        st = data["stack"]
        view = StackView(
            families=tuple(st["families"]),
            columns=tuple(st["columns"]),
            lemmas=_rates(st["lemmas"]),
            subjects=_rates(st["subjects"]),
        )
        stack = Stack(view, Forest.from_dict(st["forest"]))
    return CueModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        threshold=float(data.get("threshold", THRESHOLD)),
        stack=stack,
    )


def _rates(data: dict[str, Any]) -> Rates:
    return Rates({k: (int(n), int(p)) for k, (n, p) in data["counts"].items()},
                 float(data["prior"]))


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
    inside_quote: bool = False,
    question: bool = False,
) -> list[str]:
    """The features of one candidate cue verb. ``opener``: the first word of its content
    (lower case, or the part of speech when it is not a complementizer); ``inside_quote``:
    the verb is inside a quotation; ``question``: its sentence asks one."""
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
    inq = int(inside_quote)
    feats.append(f"inq={inq}")
    if question:
        feats += [f"question|inq={inq}", f"lemma|question={lemma}"]
    if subject is None:
        feats.append("subj=none")
        if tag == "VB" and verb_dep == "ROOT":
            feats.append("imperative")  # "Ask yourself: ..."
    else:
        kind = subject.ent_type_ or subject.pos_
        feats += [f"subj={kind}", f"frame|subj={frame}|{kind}", f"lemma|subj={lemma}|{kind}"]
        if subject.lower_ in _PRONOUNS or subject.pos_ == "NOUN":
            feats.append(f"subj_word={subject.lemma_.lower()}")
        if subject.lower_ in _PERSONAL:
            # the writer or the reader outside quotes ("I think", "do you know"): seldom a cue
            feats += [f"person|inq={_PERSONAL[subject.lower_]}|{inq}",
                      f"lemma|person|inq={lemma}|{_PERSONAL[subject.lower_]}|{inq}"]
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
        elif dep[c] == "acomp" and frame == "stance":
            # "is critical of", "are optimistic that": the adjective and how it takes its topic
            links = [lower[g] if dep[g] == "prep" else dep[g]
                     for g in tokens.children(c) if g > c and dep[g] in ("prep", "ccomp", "xcomp")]
            feats += [f"stance={lemmas[c]}", f"stance|link={lemmas[c]}|{links[0] if links else ''}"]
    if verb_dep != "ROOT":
        head = lemmas[tokens.head[v]]
        feats += [f"head={head}", f"lemma|head={lemma}|{head}"]
    return feats
