"""The optional accurate event classifier: MiniLM-L6 fine-tuned on PLV_train, run with onnxruntime.

``scripts/train_event_transformer.py`` builds ``resources/event_transformer/`` (an int8 ONNX
model, its ``tokenizer.json`` and ``labels.json``). At run time only ``onnxruntime`` and
``tokenizers`` are needed, no torch. ``classify`` types the event between a marked source and
target in a sentence (the 15 PLV root types, or ``NONE``); the events component calls it instead
of the logistic model when ``Settings.event_classifier == "accurate"``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.tokens import Span

from newsgraph.errors import ModelError
from newsgraph.extract.event_features import Candidate
from newsgraph.resources import path as resource_path

__all__ = ["MAX_TOKENS", "EventTransformer", "event_transformer", "marked"]

RESOURCE = "event_transformer"
MAX_TOKENS = 96
BATCH = 16
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

    def classify_many(
        self, items: Sequence[tuple[str, CharSpan | None, CharSpan | None]]
    ) -> list[tuple[str, float]]:
        """(type, probability) for each (sentence text, source span, target span)."""
        out: list[tuple[str, float]] = []
        for i in range(0, len(items), BATCH):
            texts = [marked(*item) for item in items[i : i + BATCH]]
            encs = self.tokenizer.encode_batch(texts)
            ids = np.array([e.ids for e in encs], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs():
                feeds["token_type_ids"] = np.zeros_like(ids)
            logits = self.session.run(None, feeds)[0]
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            probs = exp / exp.sum(axis=1, keepdims=True)
            best = probs.argmax(axis=1)
            out += [(self.labels[b], float(p[b])) for b, p in zip(best, probs, strict=True)]
        return out

    def classify(
        self, text: str, source: CharSpan | None, target: CharSpan | None
    ) -> tuple[str, float]:
        """The type of the event between ``source`` and ``target`` in ``text``, and its
        probability."""
        return self.classify_many([(text, source, target)])[0]

    def predict(self, candidate: Candidate, sent: Span) -> tuple[str, float]:
        """A candidate's type (``NONE`` for no event) read from its sentence with its source and
        target marked: the accurate mode's stand-in for ``EventModel.predict``."""

        def chars(span: Span | None) -> CharSpan | None:
            if span is None:
                return None
            return span.start_char - sent.start_char, span.end_char - sent.start_char

        return self.classify(sent.text, chars(candidate.source), chars(candidate.target))

    def _inputs(self) -> set[str]:
        return {i.name for i in self.session.get_inputs()}


@lru_cache(maxsize=1)
def event_transformer() -> EventTransformer:
    """The shipped model, loaded once (1 thread per session: the pipeline runs one per core)."""
    import onnxruntime as ort  # here, not at the top: the default (fast) path never loads it
    from tokenizers import Tokenizer

    folder = resource_path(RESOURCE)
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
    tokenizer.enable_padding()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    return EventTransformer(session, tokenizer, labels)
