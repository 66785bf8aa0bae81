"""The shipped linear event classifier (``resources/events_model.npz``), scored with numpy.

Trained by ``scripts/train_events.py`` (scikit-learn logistic regression over binary features);
only the weights ship, so loading needs no pickle and scoring one candidate is a sum of columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from newsgraph.extract.event_features import NO_EVENT
from newsgraph.resources import path as resource_path

__all__ = ["EventModel", "event_model"]

RESOURCE = "events_model.npz"
#: Share of the probability the trigger lexicon's type gets (see ``EventModel.predict``).
PRIOR_WEIGHT = 0.4
UNSURE = 0.4


@dataclass(frozen=True, slots=True)
class EventModel:
    classes: tuple[str, ...]
    index: dict[str, int]
    coef: npt.NDArray[np.float32]  # (features, classes)
    intercept: npt.NDArray[np.float32]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Class -> probability for one candidate's binary features."""
        cols = sorted({self.index[f] for f in features if f in self.index})
        scores = self.intercept + self.coef[cols].sum(axis=0)
        exp = np.exp(scores - scores.max())
        probs = exp / exp.sum()
        return dict(zip(self.classes, probs.tolist(), strict=True))

    def predict(
        self, features: Iterable[str], prior: str | None = None, weight: float = PRIOR_WEIGHT
    ) -> tuple[str, float]:
        """The most probable class and its probability.

        ``prior`` is the type a trigger lexicon gives, if any. It is a back-off: when the
        classifier sees no event or is unsure (below ``UNSURE``), the prior takes ``weight`` of the
        probability mass, so rare types the training data barely shows still come out.
        """
        probs = self.probabilities(features)
        best = max(probs, key=probs.__getitem__)
        if prior in probs and (best == NO_EVENT or probs[best] < UNSURE):
            probs = {
                k: (1 - weight) * p + (weight if k == prior else 0.0) for k, p in probs.items()
            }
            best = max(probs, key=probs.__getitem__)
        return best, probs[best]


@lru_cache(maxsize=1)
def event_model() -> EventModel:
    with resource_path(RESOURCE).open("rb") as fh, np.load(fh) as data:
        features = [str(f) for f in data["features"]]
        return EventModel(
            classes=tuple(str(c) for c in data["classes"]),
            index={f: i for i, f in enumerate(features)},
            coef=np.ascontiguousarray(data["coef"].T),
            intercept=data["intercept"],
        )
