"""The accurate mode's transformer as a teacher for the linear event classifier.

News sentences outside the PLV dev split (PLV_train's other rows, every AW_train sentence, the
PLOVER gold standard records' text, PolNeAR's train articles: never its dev or test) go through
the fast pipeline's candidate finding, and the shipped transformer types each candidate from
the text the accurate mode gives it (``event_transformer.item``). ``scripts/train_events.py``
adds them to the linear model's training (``distilled``). The data is read from ../shared/data at
build time; the teacher's answers are cached under ``CACHE`` (keyed by the model file and the
marked text), as typing some ten thousand candidates takes minutes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from newsgraph import nlp  # noqa: E402
from newsgraph.extract.cameo import cameo_lexicon  # noqa: E402
from newsgraph.extract.event_features import Candidate, features  # noqa: E402
from newsgraph.extract.event_transformer import (  # noqa: E402
    RESOURCE,
    EventTransformer,
    event_transformer,
    item,
    marked,
)
from newsgraph.extract.event_vectors import candidate_vector, doc_vectors  # noqa: E402
from newsgraph.extract.events import _mentions, _place_mentions, sentence_candidates  # noqa: E402
from newsgraph.extract.sentences import SentenceIndex  # noqa: E402
from newsgraph.resources import path as resource_path  # noqa: E402
from newsgraph.settings import DEFAULT_COMPONENTS, Settings  # noqa: E402
from plover_data import AW, DATA, GSR, Example, Row, unmark  # noqa: E402

CACHE = Path(os.environ.get("NEWSGRAPH_TEACHER_CACHE", "/tmp/newsgraph_teacher"))
POLNEAR_TRAIN = DATA / "polnear" / "train" / "text"
#: The candidates typed per trigger, in the order the pipeline tries them (most triggers are
#: settled by their first).
PER_TRIGGER = 2


@dataclass(frozen=True, slots=True)
class Taught:
    """A candidate with the teacher's probabilities (``example.label`` is its most probable
    type) and where its text came from: ``plv:N`` for the N-th PLV training row, else ``aw``,
    ``gsr`` or ``polnear``."""

    example: Example
    probs: dict[str, float]
    origin: str


def texts(train_rows: list[Row], articles: int | None = None) -> list[tuple[str, str]]:
    """(origin, text): the PLV training rows, AW_train's sentences, the gold standard records'
    texts and the first ``articles`` PolNeAR train articles (all by default), in that order."""
    out = [(f"plv:{i}", r.text) for i, r in enumerate(train_rows)]
    with AW.open(encoding="utf-8", newline="") as fh:
        out += [
            ("aw", unmark(rec["marked_sentence"])[0]) for rec in csv.DictReader(fh, delimiter="\t")
        ]
    records = json.loads(GSR.read_text(encoding="utf-8"))
    out += [("gsr", t) for t in dict.fromkeys(r["text"] for r in records if r.get("text"))]
    paths = sorted(POLNEAR_TRAIN.glob("*.txt"))[:articles]
    out += [("polnear", p.read_text(encoding="utf-8")) for p in paths]
    return out


def _candidates(doc: Doc) -> Iterator[tuple[Candidate, Span]]:
    """The first ``PER_TRIGGER`` candidates of each trigger with their sentence, as
    ``events.find_events`` reads them."""
    actors = doc._.actors or ()
    mentions, places = _mentions(doc, actors), _place_mentions(doc, actors)
    for sent in SentenceIndex(doc).sentences:
        here = [m for m in mentions if sent.start <= m[0].start < sent.end]
        located = [m for m in places if sent.start <= m[0].start < sent.end]
        found = sentence_candidates(sent, here, located)
        for _, group in groupby(found, key=lambda c: c.trigger.i):
            for cand in islice(group, PER_TRIGGER):
                yield cand, sent


class Teacher:
    """The shipped transformer's probabilities, cached on disk by marked text."""

    def __init__(self, model: EventTransformer | None = None) -> None:
        self.model = model or event_transformer()
        onnx = resource_path(RESOURCE).joinpath("model.onnx").read_bytes()
        self.path = CACHE / f"{hashlib.sha1(onnx).hexdigest()[:12]}.json"
        self.cache: dict[str, list[float]] = (
            json.loads(self.path.read_text()) if self.path.exists() else {}
        )

    def probabilities(
        self, items: list[tuple[str, tuple[int, int] | None, tuple[int, int] | None]]
    ) -> list[dict[str, float]]:
        keys = [hashlib.sha1(marked(*i).encode()).hexdigest() for i in items]
        todo = [
            (k, i) for k, i in dict(zip(keys, items, strict=True)).items() if k not in self.cache
        ]
        start = time.perf_counter()
        for n in range(0, len(todo), 500):
            batch = todo[n : n + 500]
            for (k, _), probs in zip(
                batch, self.model.probabilities_many([i for _, i in batch]), strict=True
            ):
                self.cache[k] = [round(probs[label], 5) for label in self.model.labels]
            self.save()
            print(f"teacher: {n + len(batch)}/{len(todo)} in {time.perf_counter() - start:.0f} s")
        labels = self.model.labels
        return [dict(zip(labels, self.cache[k], strict=True)) for k in keys]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.cache))


def collect(
    sources: list[tuple[str, str]], exclude: set[str], teacher: Teacher | None = None
) -> list[Taught]:
    """Every candidate of ``sources`` (origin, text), parsed by the pipeline without its event
    component, typed by the teacher; a text in ``exclude`` (the dev rows) is skipped, and so is
    one that contains such a text."""
    kept = [(o, t) for o, t in sources if t not in exclude and not any(x in t for x in exclude)]
    without = tuple(c for c in DEFAULT_COMPONENTS if c != "newsgraph_events")
    parser = nlp.load(Settings(components=without))
    lexicon = cameo_lexicon()
    found: list[tuple[str, list[str], npt.NDArray[np.float32], tuple]] = []  # type: ignore[type-arg]
    for (origin, _), doc in zip(kept, parser.pipe(t for _, t in kept), strict=True):
        vectors = doc_vectors(doc)
        cache: dict[int, list[str]] = {}
        for cand, sent in _candidates(doc):
            feats = features(cand, lexicon, cache, sent)
            found.append((origin, feats, candidate_vector(cand, vectors, sent), item(cand, sent)))
    teacher = teacher or Teacher()
    probs = teacher.probabilities([i for *_, i in found])
    return [
        Taught(Example(feats, max(p, key=p.__getitem__), vector), p, origin)
        for (origin, feats, vector, _), p in zip(found, probs, strict=True)
    ]
