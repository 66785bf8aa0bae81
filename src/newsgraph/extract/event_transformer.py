"""The optional accurate event classifier: MiniLM-L6 fine-tuned on PLV_train, run with onnxruntime.

``scripts/train_event_transformer.py`` builds ``resources/event_transformer/`` (an int8 ONNX
model, its ``tokenizer.json`` and ``labels.json``). At run time only ``onnxruntime`` and
``tokenizers`` are needed, no torch. ``classify`` types the event between a marked source and
target in a sentence (the 15 PLV root types, or ``NONE``). With ``Settings.event_classifier ==
"accurate"`` the events component keeps the linear model's choice of which candidates are
events and types each with ``retype``: the transformer's and the linear model's probabilities
averaged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

import numpy as np
from spacy.tokens import Span

from newsgraph.errors import ModelError
from newsgraph.extract.event_features import NO_EVENT, Candidate
from newsgraph.resources import path as resource_path

__all__ = ["MAX_TOKENS", "EventTransformer", "blend", "event_transformer", "load", "marked"]

RESOURCE = "event_transformer"
MAX_TOKENS = 96
CharSpan = tuple[int, int]


def marked(text: str, source: CharSpan | None, target: CharSpan | None) -> str:
    """``text`` with ``[S] ... [/S]`` around the source and ``[T] ... [/T]`` around the target
    (character spans; either may be missing; overlapping spans keep the source's)."""
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker): closers before openers
    if source is not None:
        inserts += [(source[0], 1, "[S] "), (source[1], 0, " [/S]")]
    if target is not None and (
        source is None or target[1] <= source[0] or source[1] <= target[0]
    ):
        inserts += [(target[0], 1, "[T] "), (target[1], 0, " [/T]")]
    out, pos = [], 0
    for offset, _, marker in sorted(inserts):
        out += [text[pos:offset], marker]
        pos = offset
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class EventTransformer:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    labels: tuple[str, ...]

    def probabilities_many(
        self, items: Sequence[tuple[str, CharSpan | None, CharSpan | None]]
    ) -> list[dict[str, float]]:
        """Type -> probability for each (sentence text, source span, target span).

        One text per run, unpadded: the exported graph was traced without padding, so it does
        not mask padded positions (and batching gained only a quarter of the time)."""
        out: list[dict[str, float]] = []
        for enc in self.tokenizer.encode_batch([marked(*item) for item in items]):
            feeds = {
                "input_ids": np.array([enc.ids], dtype=np.int64),
                "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
            }
            logits = self.session.run(None, feeds)[0][0]
            exp = np.exp(logits - logits.max())
            out.append(dict(zip(self.labels, (exp / exp.sum()).tolist(), strict=True)))
        return out

    def classify_many(
        self, items: Sequence[tuple[str, CharSpan | None, CharSpan | None]]
    ) -> list[tuple[str, float]]:
        """(type, probability) for each (sentence text, source span, target span)."""
        return [_best(p) for p in self.probabilities_many(items)]

    def classify(
        self, text: str, source: CharSpan | None, target: CharSpan | None
    ) -> tuple[str, float]:
        """The type of the event between ``source`` and ``target`` in ``text``, and its
        probability."""
        return self.classify_many([(text, source, target)])[0]

    def retype(
        self, candidate: Candidate, sent: Span, fast: Mapping[str, float] | None = None
    ) -> tuple[str, float]:
        """The type of a candidate event (never ``NONE``: the caller has found it an event) read
        from its sentence with its source and target marked, and its probability; with ``fast``
        (the linear model's probabilities for the same candidate), the two are averaged."""

        def chars(span: Span | None) -> CharSpan | None:
            if span is None:
                return None
            return span.start_char - sent.start_char, span.end_char - sent.start_char

        item = (sent.text, chars(candidate.source), chars(candidate.target))
        probs = blend(self.probabilities_many([item])[0], fast)
        probs.pop(NO_EVENT, None)
        return _best(probs)


def blend(accurate: Mapping[str, float], fast: Mapping[str, float] | None) -> dict[str, float]:
    """The transformer's and the linear model's probabilities averaged (the transformer's alone
    without the other), over the transformer's types."""
    if fast is None:
        return dict(accurate)
    return {k: (p + fast.get(k, 0.0)) / 2 for k, p in accurate.items()}


def _best(probs: Mapping[str, float]) -> tuple[str, float]:
    label = max(probs, key=probs.__getitem__)
    return label, probs[label]


@lru_cache(maxsize=1)
def event_transformer() -> EventTransformer:
    """The shipped model, loaded once (1 thread per session: the pipeline runs one per core)."""
    return load(resource_path(RESOURCE))


def load(folder: Traversable) -> EventTransformer:
    """The model in ``folder`` (``model.onnx``, ``tokenizer.json``, ``labels.json``)."""
    import onnxruntime as ort  # here, not at the top: the default (fast) path never loads it
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_str(folder.joinpath("tokenizer.json").read_text("utf-8"))
        labels = tuple(json.loads(folder.joinpath("labels.json").read_text("utf-8")))
        model = folder.joinpath("model.onnx").read_bytes()
    except OSError as exc:
        raise ModelError(
            f"the accurate event classifier is missing ({exc}); "
            "rebuild it with scripts/train_event_transformer.py"
        ) from exc
    tokenizer.enable_truncation(MAX_TOKENS)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    return EventTransformer(session, tokenizer, labels)
