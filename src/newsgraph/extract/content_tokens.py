"""Per-token content scores of a verb cue: how likely each word of the cue's sentence (and of
the next sentence of its paragraph) is to be inside the cue's statement.

``TokenModel.scores(site)`` gives one probability per token of the cue's window, from a
logistic regression over one-hot features read off the parse (which branch of the cue verb, or
of its head, the token hangs in and how deep; its side of the cue and distance; its dependency
label and part of speech; whether it stands inside a quotation, inside the rules' statement or
in the next sentence; the punctuation between it and the cue; the cue's frame) and the parse's
contextual vectors (``doc.tensor``) of the token and of the token times the cue verb. Every
feature is computed with numpy over the window at once.

The content model reads the scores as features of its candidates (``content_model``). Trained
on the PolNeAR train split by ``scripts/train_quotes.py`` (``resources/quote_token_model.json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from newsgraph.extract.cues import FRAMES
from newsgraph.extract.quote_marks import Quoted
from newsgraph.extract.token_table import TokenTable, table

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]

#: The parser's dependency labels (``en_core_web_sm``); 0 is any other.
DEPS = ("", "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux",
        "auxpass", "case", "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative",
        "dep", "det", "dobj", "expl", "intj", "mark", "meta", "neg", "nmod", "npadvmod", "nsubj",
        "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss", "preconj", "predet",
        "prep", "prt", "punct", "quantmod", "relcl", "xcomp")
POS = ("", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
       "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE")
_D, _P, _F = len(DEPS), len(POS), len(FRAMES) + 1
#: Branch codes: the cue verb itself, under the verb through a child with dependency ``d``
#: (1 + d), under the verb's head through another child (1 + _D + d), the head, anything else.
_B = 2 * _D + 3
_SELF, _HEAD, _ELSE = 0, 2 * _D + 1, 2 * _D + 2
_DEPTH = 8  # how far up the heads a token is followed
_BOUNDARY = frozenset({",", ";", ":", "—", "–", "-", "--", "(", ")"})
#: The one-hot feature templates and how many values each takes.
TEMPLATES: tuple[tuple[str, int], ...] = (
    ("branch", _B),
    ("branch|side", _B * 3),
    ("branch|dep", _B * _D),
    ("branch|depth", _B * 5),
    ("branch|dist", _B * 7),
    ("side|dist", 3 * 7),
    ("dep|side", _D * 3),
    ("pos|side", _P * 3),
    ("quoted|side|next", 2 * 3 * 2),
    ("quoted|branch", 2 * _B),
    ("punct|side", 4 * 3),
    ("colon|side", 2 * 3),
    ("rule|side", 2 * 3),
    ("rule|branch", 2 * _B),
    ("frame|branch", _F * _B),
    ("frame|side|rule", _F * 3 * 2),
)
OFFSETS = np.cumsum([0] + [n for _, n in TEMPLATES])
N_FEATURES = int(OFFSETS[-1])
N_DENSE = 2 * 96


@dataclass(frozen=True, slots=True)
class Window:
    """The tokens ``start:end`` a cue's scores cover: its sentence, and the next sentence of
    its paragraph (from ``next_start``; equal to ``end`` when there is none)."""

    start: int
    end: int
    next_start: int


def window(doc: Doc, verb: int, text: str) -> Window:
    """The cue verb ``verb``'s sentence and the next one when it is in the same paragraph."""
    tokens = table(doc)
    starts = tokens.derived(_sentence_starts)
    k = int(np.searchsorted(starts, verb, side="right"))
    lo, hi = int(starts[k - 1]), int(starts[k])
    end = hi
    if hi < len(doc) and "\n" not in text[tokens.idx[hi - 1] : tokens.idx[hi]]:
        end = int(starts[k + 1])
    return Window(lo, end, hi)


def _sentence_starts(tokens: TokenTable) -> Ints:
    """The first token of every sentence, then the number of tokens."""
    starts = np.flatnonzero(np.asarray(tokens.sent_start, dtype=bool))
    n = len(tokens.idx)
    if not len(starts) or starts[0] != 0:
        starts = np.concatenate(([0], starts))
    return np.concatenate((starts, [n, n])).astype(np.int64)


@dataclass(frozen=True, slots=True)
class _Columns:
    """What the features read off the parse, as numpy arrays over the Doc's tokens."""

    head: Ints
    dep: Ints
    pos: Ints
    idx: Ints
    boundaries: Ints  # running count of boundary punctuation up to each token
    colons: Ints


def _columns(tokens: TokenTable) -> _Columns:
    deps = {d: n for n, d in enumerate(DEPS)}
    pos = {p: n for n, p in enumerate(POS)}
    words = tokens.text
    return _Columns(
        head=np.asarray(tokens.head, dtype=np.int64),
        dep=np.fromiter((deps.get(d, 0) for d in tokens.dep), np.int64, len(words)),
        pos=np.fromiter((pos.get(p, 0) for p in tokens.pos), np.int64, len(words)),
        idx=np.asarray(tokens.idx, dtype=np.int64),
        boundaries=np.cumsum([w in _BOUNDARY for w in words], dtype=np.int64),
        colons=np.cumsum([w == ":" for w in words], dtype=np.int64),
    )


def _inside(idx: Ints, ranges: list[tuple[int, int]]) -> npt.NDArray[np.bool_]:
    """Whether each character offset in ``idx`` falls inside one of ``ranges``."""
    found = np.zeros(len(idx), dtype=bool)
    for a, b in ranges:
        found |= (idx >= a) & (idx < b)
    return found


def _branches(col: _Columns, verb: int, ids: Ints) -> tuple[Ints, Ints]:
    """Each token's branch code against ``verb`` and its depth below the branch's top."""
    head = col.head
    branch = np.full(len(ids), _ELSE, dtype=np.int64)
    depth = np.zeros(len(ids), dtype=np.int64)
    branch[ids == verb] = _SELF
    for top, base in ((verb, 1), (int(head[verb]), 1 + _D)):
        if base != 1 and top == verb:
            break  # the verb is a root
        if base != 1:
            branch[(ids == top) & (branch == _ELSE)] = _HEAD
        open_ = (branch == _ELSE) & (ids != top)
        cur = ids.copy()
        for step in range(_DEPTH):
            up = head[cur]
            hit = open_ & (up == top)
            if base != 1:
                hit &= cur != verb
            branch[hit] = base + col.dep[cur[hit]]
            depth[hit] = step
            open_ &= ~hit & (up != cur)
            cur = up
    return branch, np.minimum(depth, 4)


def token_features(
    doc: Doc,
    verb: int,
    win: Window,
    frame: str,
    rule: tuple[tuple[int, int], ...],
    quoted: list[tuple[int, int]],
) -> tuple[Ints, Floats]:
    """The window's one-hot feature columns (tokens × templates, global indices) and dense
    features (tokens × ``N_DENSE``) against the cue verb ``verb``."""
    col = table(doc).derived(_columns)
    ids = np.arange(win.start, win.end, dtype=np.int64)
    branch, depth = _branches(col, verb, ids)
    side = np.sign(ids - verb) + 1
    dist = np.minimum(np.abs(ids - verb), 63)
    dist = np.floor(np.log2(dist + 1)).astype(np.int64)  # bit length: 0..6
    dep, pos = col.dep[ids], col.pos[ids]
    idx = col.idx[ids]
    quote = _inside(idx, quoted).astype(np.int64)
    in_rule = _inside(idx, list(rule)).astype(np.int64)
    nxt = (ids >= win.next_start).astype(np.int64)
    lo, hi = np.minimum(ids, verb), np.maximum(ids, verb)
    punct = np.minimum(col.boundaries[np.maximum(hi - 1, 0)] - col.boundaries[lo], 3)
    punct = np.maximum(punct, 0)
    colon = (col.colons[np.maximum(hi - 1, 0)] - col.colons[lo] > 0).astype(np.int64)
    f = FRAMES.index(frame) + 1 if frame in FRAMES else 0
    codes = np.stack([
        branch,
        branch * 3 + side,
        branch * _D + dep,
        branch * 5 + depth,
        branch * 7 + dist,
        side * 7 + dist,
        dep * 3 + side,
        pos * 3 + side,
        (quote * 3 + side) * 2 + nxt,
        quote * _B + branch,
        punct * 3 + side,
        colon * 3 + side,
        in_rule * 3 + side,
        in_rule * _B + branch,
        f * _B + branch,
        (f * 3 + side) * 2 + in_rule,
    ], axis=1) + OFFSETS[:-1]
    tensor = doc.tensor
    if tensor.ndim == 2 and tensor.shape == (len(doc), 96):
        vecs = np.asarray(tensor[win.start : win.end], dtype=np.float32)
        dense = np.concatenate((vecs, vecs * tensor[verb]), axis=1)
    else:
        dense = np.zeros((len(ids), N_DENSE), dtype=np.float32)
    return codes, dense


@dataclass(frozen=True, slots=True)
class TokenModel:
    """Logistic weights over ``token_features``."""

    weights: Floats  # one per one-hot feature
    dense: Floats  # one per dense feature
    bias: float

    def probabilities(self, codes: Ints, dense: Floats) -> Floats:
        z = self.weights[codes].sum(axis=1) + dense @ self.dense + self.bias
        return 1.0 / (1.0 + np.exp(-z))  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class TokenScores:
    """A cue's per-token probabilities over its window."""

    window: Window
    probs: Floats
    idx: Ints  # each window token's first character


def scores(
    model: TokenModel,
    doc: Doc,
    text: str,
    verb: int,
    frame: str,
    rule: tuple[tuple[int, int], ...],
    quoted: Sequence[Quoted],
) -> TokenScores:
    """``model``'s probabilities for the window of the cue verb ``verb``."""
    win = window(doc, verb, text)
    codes, dense = token_features(doc, verb, win, frame, rule, [(q.start, q.end) for q in quoted])
    idx = table(doc).derived(_columns).idx[win.start : win.end]
    return TokenScores(win, model.probabilities(codes, dense), idx)


def load_token_model(path: Traversable) -> TokenModel:
    """The token model saved at ``path`` (JSON: the templates it was fitted with, one weight
    per one-hot feature, one per dense feature, and the bias)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if [(name, n) for name, n in data["templates"]] != list(TEMPLATES):
        raise ValueError(f"{path}: fitted with other feature templates; rebuild it")
    return TokenModel(
        weights=np.asarray(data["weights"], dtype=np.float32),
        dense=np.asarray(data["dense"], dtype=np.float32),
        bias=float(data["bias"]),
    )
