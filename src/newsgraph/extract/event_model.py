"""The shipped linear event classifier (``resources/events_model.npz``), scored with numpy.

Trained by ``scripts/train_events.py`` (scikit-learn logistic regression over binary features
and the dense vector of ``event_vectors.candidate_vector``); only the weights ship, so loading
needs no pickle and scoring one candidate is a sum of columns and one small matrix product.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from newsgraph.extract.event_features import NO_EVENT
from newsgraph.extract.event_vectors import sum_rows
from newsgraph.resources import path as resource_path

__all__ = ["EventModel", "event_model"]

RESOURCE = "events_model.npz"
#: Share of the probability the trigger lexicon's type gets (see ``EventModel.predict``), and
#: below which probability the classifier counts as unsure. ``scripts/train_events.py --cv``
#: finds 0.2 and 0.4 within 0.005 of each other; 0.2 loses the lexicon's THREATEN for the seed
#: article's order to use lethal force without warning.
PRIOR_WEIGHT = 0.4
UNSURE = 0.4


@dataclass(frozen=True, slots=True)
class EventModel:
    classes: tuple[str, ...]
    index: dict[str, int]
    coef: npt.NDArray[np.float32]  # (features, classes)
    intercept: npt.NDArray[np.float32]
    #: (dense dimensions, classes), the training's standardisation folded in, and the offset that
    #: goes with it; a candidate without a vector (or of another width) is scored as the mean one.
    dense: npt.NDArray[np.float32] | None = None
    dense_offset: npt.NDArray[np.float32] | None = None
    unsure: float = UNSURE

    def columns(self, features: Iterable[str]) -> set[int]:
        """The rows of ``coef`` of the known ``features`` (the others are ignored)."""
        found: set[int | None] = set(map(self.index.get, features))  # one look-up a feature
        found.discard(None)
        return cast(set[int], found)

    def probabilities(
        self,
        features: Iterable[str],
        vector: npt.NDArray[np.float32] | None = None,
        columns: Set[int] = frozenset(),
    ) -> dict[str, float]:
        """Class -> probability for one candidate's binary features and dense vector.

        ``columns`` are more of its features, already looked up (``columns``): those of its
        sentence, shared by every candidate there.
        """
        probs = self._probabilities(features, vector, columns)
        return dict(zip(self.classes, probs.tolist(), strict=True))

    def _probabilities(
        self,
        features: Iterable[str],
        vector: npt.NDArray[np.float32] | None,
        columns: Set[int],
    ) -> npt.NDArray[np.float32]:
        """``probabilities`` as an array, in the order of ``classes``."""
        cols = sorted(self.columns(features) | columns)
        scores = self.intercept + sum_rows(self.coef, cols)
        if (
            self.dense is not None
            and self.dense_offset is not None
            and vector is not None
            and vector.shape[0] == self.dense.shape[0]
        ):
            scores += vector @ self.dense  # in place: the same additions, fewer new arrays
            scores += self.dense_offset
        scores -= scores.max()
        np.exp(scores, out=scores)
        scores /= scores.sum()
        return scores  # type: ignore[no-any-return]

    def predict(
        self,
        features: Iterable[str],
        prior: str | None = None,
        weight: float = PRIOR_WEIGHT,
        vector: npt.NDArray[np.float32] | None = None,
        columns: Set[int] = frozenset(),
    ) -> tuple[str, float]:
        """The most probable class and its probability.

        ``prior`` is the type a trigger lexicon gives, if any. It is a back-off: when the
        classifier sees no event or is unsure (below ``self.unsure``), the prior takes
        ``weight`` of the probability mass, so rare types the training data barely shows still
        come out.
        ``vector`` is the candidate's ``event_vectors.candidate_vector``; ``columns`` as in
        ``probabilities``.
        """
        array = self._probabilities(features, vector, columns)
        k = int(array.argmax())  # the first of equals, as ``max`` over the classes gives
        best, p = self.classes[k], float(array[k])
        if prior in self.classes and (best == NO_EVENT or p < self.unsure):
            probs = {
                c: (1 - weight) * q + (weight if c == prior else 0.0)
                for c, q in zip(self.classes, array.tolist(), strict=True)
            }
            best = max(probs, key=probs.__getitem__)
            p = probs[best]
        return best, p

    @classmethod
    def from_arrays(cls, data: Mapping[str, npt.NDArray[Any]]) -> EventModel:
        """From the arrays ``scripts/train_events.py`` saves."""
        features = [str(f) for f in data["features"]]
        return cls(
            classes=tuple(str(c) for c in data["classes"]),
            index={f: i for i, f in enumerate(features)},
            coef=np.ascontiguousarray(data["coef"].T),
            intercept=data["intercept"],
            dense=np.ascontiguousarray(data["dense"].T) if "dense" in data else None,
            dense_offset=data.get("dense_offset"),
        )


@lru_cache(maxsize=1)
def event_model() -> EventModel:
    with resource_path(RESOURCE).open("rb") as fh, np.load(fh) as data:
        return EventModel.from_arrays(data)
