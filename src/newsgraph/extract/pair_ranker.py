"""A learned order of a trigger's candidate pairs: an experiment, off in the pipeline.

A trigger ("imposed", "attacked") often joins several pairs of mentions; the first the event
classifier calls an event wins the trigger. The hand-written rules (``events._rule_rank``) give
that order. A ``PairRanker`` passed to ``events.find_events`` reorders a trigger's first
``SCORED`` candidates by a linear score over cheap structural features of each pair
(``group_features``: the sides' dependency roles under the trigger, path lengths, which side is a
place or a thing, order, voice, the trigger and head words, and the rules' own class and
position), the rules' first keeping its place unless outscored by more than ``margin``.

``scripts/train_pair_ranker.py`` fits one (a conditional logit over each trigger's candidates
on the PLV training rows) and scores it on held-out folds; ``bench/events.py --cv
--pair-ranker`` scores it end to end. Neither it nor a perfect ranker lifts the end-to-end
macro-F1 (the README's events section gives the figures), so no ranker ships.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Span

from newsgraph.extract.cameo import event_nouns
from newsgraph.extract.event_features import Candidate
from newsgraph.extract.token_table import TokenTable, table

__all__ = ["SCORED", "PairRanker", "Ranker", "group_features"]

_PASSIVE_MARKS = frozenset({"auxpass", "nsubjpass", "csubjpass"})
#: How many of a group's first candidates in the rules' order are reordered (the marked pair
#: is among the first four in 96% of the training groups); the others follow in that order
#: (``events._by_trigger`` gives a ranker these first ones only).
SCORED = 4


class Ranker(Protocol):
    """What orders a trigger's candidates: ``PairRanker``, or a training script's recorder."""

    def ranked(
        self, group: Sequence[tuple[float, Candidate]], things: Set[int], places: Set[int]
    ) -> list[Candidate]:
        """``group``: (rule class, candidate) in the rules' order, at most ``SCORED``;
        ``things``, ``places``: the starts of the sentence's sides that are things and
        places."""
        ...


@dataclass(frozen=True, slots=True)
class PairRanker:
    """Feature -> weight; a candidate's score is the sum of its features' weights. The rules'
    first candidate keeps its place unless another outscores it by more than ``margin``."""

    weights: Mapping[str, float]
    margin: float = 0.0
    #: The score of each side's and pair's facts seen so far (``_Key``): most recur, and
    #: scoring them again would make the same feature strings again.
    memo: dict[_Key, float] = field(default_factory=dict, compare=False, repr=False)

    def score(self, features: Sequence[str]) -> float:
        weights = self.weights
        return sum(weights.get(f, 0.0) for f in features)

    def ranked(
        self,
        group: Sequence[tuple[float, Candidate]],
        things: Set[int],
        places: Set[int],
    ) -> list[Candidate]:
        """The candidates of one trigger (with their rule classes, in the rules' order: the
        first ``SCORED`` of them), best scored first; ties keep the rules' order."""
        scores = self.scores(group, things, places)
        order = sorted(range(len(scores)), key=lambda k: -scores[k])
        return [group[k][1] for k in order]

    def scores(
        self, group: Sequence[tuple[float, Candidate]], things: Set[int], places: Set[int]
    ) -> list[float]:
        """Each candidate's score, ``margin`` added to the first's."""
        scores = [sum(map(self._scored, keys)) for keys in _keys(group, things, places)]
        if scores:
            scores[0] += self.margin
        return scores

    def _scored(self, key: _Key) -> float:
        memo = self.memo
        found = memo.get(key)
        if found is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            found = memo[key] = self.score(_features(key))
        return found


def group_features(
    group: Sequence[tuple[float, Candidate]], things: Set[int], places: Set[int]
) -> list[list[str]]:
    """The features of each candidate of one trigger's group (rule class, candidate; in the
    rules' order: the first ``SCORED`` of them); ``things`` and ``places`` are the starts of the
    sentence's sides that are things and places, not actors. Features every candidate of a
    group shares cancel out in the ranking, so the trigger's own facts appear only joined to a
    side's; how deep and how far from the trigger a side is, against the group's other sides,
    is a feature too."""
    return [[f for key in keys for f in _features(key)] for keys in _keys(group, things, places)]


#: A side's or a pair's facts, from which ``_features`` makes its feature strings: ("s" or
#: "t", role, kind, steps, part of speech, passive, clauses, dependency, trigger, lemma) for a
#: side, ("s_over" or "t_over", steps over the least, nearest) for how it compares, ("pair",
#: rule class, position, source role, target role, source kind, target kind, source first,
#: gap) for a pair.
_Key = tuple[str | int | float | bool | None, ...]
_MEMO_SIZE = 100_000


@dataclass(frozen=True, slots=True)
class _Side:
    key: _Key
    role: str
    kind: str
    steps: int
    far: int
    root: int


_NO_SIDE = _Side((), "none", "none", -1, -1, -1)


def _keys(
    group: Sequence[tuple[float, Candidate]], things: Set[int], places: Set[int]
) -> list[list[_Key]]:
    """The keys (``_Key``) of each candidate of ``group``: its sides', how they compare with
    the group's other sides, its pair's."""
    if not group:
        return []
    trigger = group[0][1].trigger
    tokens = table(trigger.doc)
    t = trigger.i
    passive = any(tokens.dep[k] in _PASSIVE_MARKS for k in tokens.children(t))
    sides: dict[tuple[str, int, int], _Side] = {}

    def side(name: str, span: Span | None) -> _Side:
        if span is None:
            return _NO_SIDE
        key = (name, span.start, span.end)
        if key not in sides:
            sides[key] = _side(tokens, t, passive, name, span, things, places)
        return sides[key]

    pairs = []
    for k, (rule, c) in enumerate(group):
        s, o = side("s", c.source), side("t", c.target)
        first = gap = None
        if c.source is not None and c.target is not None:
            first = c.source.start < c.target.start
            gap = min(abs(o.root - s.root) // 3, 4)
        pairs.append((s, o, ("pair", rule, min(k, 3), s.role, o.role, s.kind, o.kind, first, gap)))
    over: dict[tuple[str, int, int], _Key] = {}
    for name in ("s", "t"):
        mine = [(at, v) for at, v in sides.items() if at[0] == name]
        if len(mine) < 2:
            continue
        least, nearest = min(v.steps for _, v in mine), min(v.far for _, v in mine)
        for at, v in mine:
            over[at] = (f"{name}_over", min(v.steps - least, 2), v.far == nearest)
    out = []
    for (_, c), (s, o, pair) in zip(group, pairs, strict=True):
        keys: list[_Key] = [pair]
        for name, span, found in (("s", c.source, s), ("t", c.target, o)):
            if span is not None:
                keys.append(found.key)
                if (at := (name, span.start, span.end)) in over:
                    keys.append(over[at])
        out.append(keys)
    return out


def _side(
    tokens: TokenTable,
    t: int,
    passive: bool,
    name: str,
    span: Span,
    things: Set[int],
    places: Set[int],
) -> _Side:
    """One side (``name``: "s" or "t") of the candidates of trigger ``t``."""
    root = span.root.i
    path = tokens.path_up(root, t)
    role = _role(tokens, path)
    kind = "thing" if span.start in things else "place" if span.start in places else "actor"
    clauses = sum(1 for i in path if tokens.pos[i] in ("VERB", "AUX"))
    key = (
        name,
        role,
        kind,
        min(len(path), 4),
        tokens.pos[root],
        passive,
        min(clauses, 2),
        tokens.dep[root],
        tokens.lemma[t],
        tokens.lemma[root],
    )
    return _Side(key, role, kind, len(path), abs(root - t), root)


def _features(key: _Key) -> list[str]:
    """The feature strings of a side's, a comparison's or a pair's key (``_Key``)."""
    what = key[0]
    if what == "pair":
        _, rule, position, s_role, t_role, s_kind, t_kind, first, gap = key
        f = [
            f"rule={rule:g}",
            f"position={position}",
            f"roles={s_role}|{t_role}",
            f"kinds={s_kind}|{t_kind}",
            f"rule_kinds={rule:g}|{s_kind}|{t_kind}",
        ]
        if first is not None:
            f += [f"source_first={first}", f"gap={gap}"]
        return f
    if what in ("s_over", "t_over"):
        side = str(what)[0]
        return [f"{side}_steps_over={key[1]}", f"{side}_far_over={key[2]}"]
    name, role, kind, steps, pos, passive, clauses, dep, trigger, lemma = key
    return [
        f"{name}_role={role}",
        f"{name}_kind={kind}",
        f"{name}_steps={steps}",
        f"{name}_pos={pos}",
        f"{name}_role_voice={role}|{passive}",
        f"{name}_clauses={clauses}",
        f"{name}_shape={kind}|{role}|{steps}",
        f"{name}_root_role={dep}|{role}",
        f"{name}_trigger_role={trigger}|{role}",
        f"{name}_lemma={lemma}",
        f"{name}_act={lemma in _acts()}",
    ]


@lru_cache(maxsize=1)
def _acts() -> frozenset[str]:
    """Nouns that name an act ("the attack", "the declaration"): the trigger list's."""
    return frozenset(event_nouns())


def _role(tokens: TokenTable, path: list[int]) -> str:
    """A side's relation to the trigger: the label of the last step of its path up, with the
    preposition's word for a prepositional phrase ("prep:with"), "self" for none."""
    if not path:
        return "self"
    top = path[-1]
    dep = tokens.dep[top]
    if dep in ("prep", "agent"):
        return f"{dep}:{tokens.lower[top]}"
    return dep
