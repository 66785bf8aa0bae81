"""The PLOVER data in ../shared/data, read for training and benchmarking the event classifier.

PLV_train.tsv gives a fixed dev split (20 %, stratified by gold_root, seed 13) that training never
sees. Only the sentence, marked_sentence, source, target and gold_* columns are read.
"""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph import nlp
from newsgraph.extract.cameo import cameo_lexicon
from newsgraph.extract.event_features import (
    NO_EVENT,
    SPEECH_VERBS,
    Candidate,
    features,
    pair_trigger,
)
from newsgraph.extract.event_vectors import candidate_vector, doc_vectors
from newsgraph.extract.events import _mentions, _place_mentions, sentence_candidates
from newsgraph.extract.sentences import SentenceIndex
from newsgraph.extract.token_table import table as token_table
from newsgraph.model import Event
from newsgraph.model import Span as TextSpan
from newsgraph.settings import DEFAULT_COMPONENTS, Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PLV = DATA / "plover" / "PLV_train.tsv"
AW = DATA / "plover" / "AW_train.tsv"
GSR = DATA / "plover" / "PLOVER_GSR_CAMEO.txt"
CAMEO_MANUAL = DATA / "plover" / "CAMEO.Manual.1.1b3.pdf"
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
#: The lines of the CAMEO manual's verb codebook that start an entry's field (or a page header).
_MANUAL_FIELD = re.compile(r"^(CAMEO \d+|Name |Description |Usage Notes|Example|CHAPTER \d)")
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


def gsr_rows(path: Path = GSR) -> list[Row]:
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
    return rows


def gsr_examples(path: Path = GSR) -> list[Example]:
    """The training examples of ``gsr_rows``."""
    return parse_examples(gsr_rows(path))


def manual_sentences(
    table: Mapping[str, tuple[str, str | None]], path: Path = CAMEO_MANUAL
) -> list[tuple[str, str]]:
    """(sentence, PLV type) for every example sentence of the CAMEO manual's verb codebook, typed
    by its code through ``table`` (CAMEO code -> PLOVER type, mode; by the longest known
    prefix): 338 of them. Codes PLOVER does not map (01, 02) give none."""
    from pypdf import PdfReader  # a build-time need only (the dev dependency group)

    pages = PdfReader(path).pages
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pages))
    out: list[tuple[str, str]] = []
    code: str | None = None
    lines: list[str] | None = None

    def flush() -> None:
        if lines is None or code is None:
            return
        sentence = re.sub(r"\s+", " ", " ".join(lines)).strip()
        prefixes = (code[:n] for n in range(len(code), 1, -1))
        found = next((table[p][0] for p in prefixes if p in table), None)
        if sentence and found is not None:
            out.append((sentence, _AS_PLV.get(found, found)))

    for line in text.splitlines():
        if line.startswith("CHAPTER 3"):  # the actor codebook: no more event examples
            break
        if _MANUAL_FIELD.match(line):
            flush()
            lines = None
            if m := re.fullmatch(r"CAMEO (\d+)", line.strip()):
                code = m[1]
            elif line.startswith("Example") and not line.startswith("Example Note"):
                lines = [line.removeprefix("Example").strip()]
        elif lines is not None:
            if lines[-1].endswith("-") and line[:1].islower():  # a word broken at the line's end
                lines[-1] = lines[-1][:-1] + line.strip()
            else:
                lines.append(line.strip())
    flush()
    return out


def manual_rows() -> list[Row]:
    """The CAMEO manual's example sentences (``manual_sentences``) as marked rows. The manual
    marks no source or target, so the pipeline's own candidates give the pair: the one told by
    the verb nearest the root of the parse that is no reporting verb, with both sides where it
    can (``_main_candidate``)."""
    sentences = manual_sentences(cameo_lexicon().table)
    without = tuple(c for c in DEFAULT_COMPONENTS if c != "newsgraph_events")
    rows = []
    docs = nlp.load(Settings(components=without)).pipe(s for s, _ in sentences)
    for (text, label), doc in zip(sentences, docs, strict=True):
        if found := doc_candidates(doc):
            best = _main_candidate(found)
            rows.append(Row(text, _chars(best.source), _chars(best.target), label))
    return rows


def doc_candidates(doc: Doc) -> list[Candidate]:
    """Every candidate event of a Doc parsed without ``newsgraph_events``, sentence by sentence
    (``events.sentence_candidates`` over the mentions of its actors and places)."""
    actors = doc._.actors or ()
    mentions, places = _mentions(doc, actors), _place_mentions(doc, actors)

    def inside(sent: Span, found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        return [(s, a) for s, a in found if sent.start <= s.start < sent.end]

    return [
        c
        for sent in SentenceIndex(doc).sentences
        for c in sentence_candidates(sent, inside(sent, mentions), inside(sent, places))
    ]


def manual_examples() -> list[Example]:
    """The training examples of ``manual_rows``."""
    return parse_examples(manual_rows())


def _chars(span: Span | None) -> tuple[int, int] | None:
    return (span.start_char, span.end_char) if span is not None else None


def _main_candidate(found: list[Candidate]) -> Candidate:
    """The candidate told by the verb nearest the root that is no reporting verb, both sides
    before one, then the first (best-formed) one."""
    tokens = token_table(found[0].trigger.doc)

    def rank(order: int) -> tuple[bool, int, bool, int]:
        c = found[order]
        speech = tokens.lemma[c.trigger.i] in SPEECH_VERBS
        one_side = c.source is None or c.target is None
        return speech, len(tokens.ancestors(c.trigger.i)), one_side, order

    return found[min(range(len(found)), key=rank)]


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
