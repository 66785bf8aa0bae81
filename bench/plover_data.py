"""The PLOVER data in ../shared/data, read for training and benchmarking the event classifier.

PLV_train.tsv gives a fixed dev split (20 %, stratified by gold_root, seed 13) that training never
sees. Only the sentence, marked_sentence, source, target and gold_* columns are read.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph import nlp
from newsgraph.extract.cameo import cameo_lexicon
from newsgraph.extract.event_features import NO_EVENT, Candidate, features, pair_trigger
from newsgraph.extract.event_vectors import candidate_vector, doc_vectors
from newsgraph.model import Event
from newsgraph.model import Span as TextSpan
from newsgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PLV = DATA / "plover" / "PLV_train.tsv"
AW = DATA / "plover" / "AW_train.tsv"
GSR = DATA / "plover" / "PLOVER_GSR_CAMEO.txt"
DEV_FRACTION = 0.2
SEED = 13
#: Older PLOVER names in the gold standard records, and CONCEDE/RETREAT as PLV's YIELD.
_GSR_TYPES = {
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "CONCEDE": "YIELD",
    "RETREAT": "YIELD",
}
_TAG = re.compile(r"</?[st]>")
_AS_PLV = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


@dataclass(frozen=True, slots=True)
class Row:
    """One marked sentence: clean text, source and target character spans, gold label."""

    text: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    label: str


@dataclass(frozen=True, slots=True)
class Example:
    features: list[str]
    label: str
    vector: npt.NDArray[np.float32]


def unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text without <s></s>/<t></t> tags, and the character span each tag pair enclosed."""
    out: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    pos = 0
    for m in _TAG.finditer(marked):
        out.append(marked[pos : m.start()])
        offset = sum(map(len, out))
        name = m.group()[-2]
        if m.group().startswith("</"):
            if name in opened:
                start = opened.pop(name)
                text = "".join(out)
                # trim the spaces a tag pair may enclose
                while start < offset and text[start].isspace():
                    start += 1
                end = offset
                while end > start and text[end - 1].isspace():
                    end -= 1
                spans[name] = (start, end)
        else:
            opened[name] = offset
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def plv_rows(path: Path = PLV) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            text, spans = unmark(rec["marked_sentence"])
            rows.append(Row(text, spans.get("s"), spans.get("t"), rec["gold_root"]))
    return rows


def dev_train_split(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(train, dev): a seeded split stratified by label; always the same dev rows."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_label[row.label].append(i)
    rng = random.Random(SEED)
    dev: set[int] = set()
    for label in sorted(by_label):
        idx = by_label[label]
        rng.shuffle(idx)
        dev.update(idx[: max(1, round(len(idx) * DEV_FRACTION))])
    return [r for i, r in enumerate(rows) if i not in dev], [
        r for i, r in enumerate(rows) if i in dev
    ]


def aw_no_event_rows(path: Path = AW) -> list[Row]:
    """AW_train.tsv sentences marked as no political event, labelled NONE."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            if rec["gold_binary"] == "0":
                text, spans = unmark(rec["marked_sentence"])
                rows.append(Row(text, spans.get("s"), spans.get("t"), NO_EVENT))
    return rows


def aw_no_event(path: Path = AW) -> list[Example]:
    """The training examples of ``aw_no_event_rows``."""
    return parse_examples(aw_no_event_rows(path))


def gsr_examples(path: Path = GSR) -> list[Example]:
    """PLOVER gold standard records whose actors can be found in their text."""
    rows = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        label = _GSR_TYPES.get(rec["event"], rec["event"])
        if label == "DOCUMENT" or not rec.get("text"):
            continue
        text = rec["text"]
        src = _find(text, rec.get("source"))
        tgt = _find(text, rec.get("target"))
        if src or tgt:
            rows.append(Row(text, src, tgt, label))
    return parse_examples(rows)


def _find(text: str, actors: object) -> tuple[int, int] | None:
    if not isinstance(actors, list):
        return None
    for actor in actors:
        name = actor.get("actorText") if isinstance(actor, dict) else None
        if name and (i := text.find(name)) >= 0:
            return i, i + len(name)
    return None


def _names(
    doc: Doc, actor_id: str | None, words: TextSpan | None, gold: tuple[int, int] | None
) -> bool:
    """Whether an event's side (its actor, or the words naming it here) is the marked ``gold``
    span; a side that is absent matches an unmarked one."""
    if gold is None:
        return actor_id is None and words is None
    if words is not None and words.start < gold[1] and gold[0] < words.end:
        return True
    actor = next((a for a in doc._.actors if a.id == actor_id), None)
    return actor is not None and any(m.start < gold[1] and gold[0] < m.end for m in actor.mentions)


def end_to_end(row: Row, doc: Doc) -> tuple[str, bool]:
    """The type the pipeline gives the marked pair (or its surest event), and whether it found
    an event between the marked source and target."""
    events: list[Event] = doc._.events or []
    pair = [
        e
        for e in events
        if _names(doc, e.source, e.source_span, row.source)
        and _names(doc, e.target, e.target_span, row.target)
    ]
    pool = pair or events
    if not pool:
        return "NONE", False
    best = max(pool, key=lambda e: e.confidence)
    return _AS_PLV.get(best.type, best.type), bool(pair)


@lru_cache(maxsize=1)
def bare_parser() -> Language:
    """The spaCy pipeline without newsgraph's components (what training features are read from)."""
    return nlp.load(Settings(components=()))


def mention(doc: Doc, span: tuple[int, int] | None) -> Span | None:
    if span is None:
        return None
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def parse_examples(rows: Iterable[Row]) -> list[Example]:
    return [e for e in examples_by_row(rows) if e is not None]


def examples_by_row(rows: Iterable[Row]) -> list[Example | None]:
    """One example per row, None where the marked mentions give no trigger."""
    rows = list(rows)
    lexicon = cameo_lexicon()
    examples: list[Example | None] = []
    for row, doc in zip(rows, bare_parser().pipe(r.text for r in rows), strict=True):
        src, tgt = mention(doc, row.source), mention(doc, row.target)
        trigger = pair_trigger(src, tgt)
        if trigger is None:
            examples.append(None)
            continue
        cand = Candidate(trigger, src, tgt)
        vector = candidate_vector(cand, doc_vectors(doc))
        examples.append(Example(features(cand, lexicon), row.label, vector))
    return examples
