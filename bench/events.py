"""Event extraction on the PLV_train dev split (never trained on), and its cost in speed.

Prints: end-to-end macro-F1 and accuracy of the root type between the marked source and target
(the pipeline finds the event and its actors itself, from the bare sentence); how often it found
the marked pair; how often AW_train's sentences with no political event get one; the classifier
alone on the gold pair; and the speed of the whole pipeline as a ratio of the bare spaCy parse,
both timed in this run on the same sentences.

Run: ``uv run python bench/events.py``. ``--split train`` scores the training rows instead (to
study misses: never tune on dev); ``--misses N`` prints why the marked pair was missed on N rows.
``--cv`` scores the training rows end to end with 5-fold models that never saw the scored
rows (the honest way to judge pair finding without dev), with F1 per type and accuracy where
the marked pair was found and where it was not; ``--cv --repeat N`` averages N shuffles of the
folds (one shuffle's macro-F1 moves by about 0.01 from the next one's). ``--accurate`` gives
the same figures for the accurate mode (``Settings.event_classifier = "accurate"``: the
transformer and the linear model type what the linear model finds).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import astuple, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.metrics import f1_score  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from newsgraph import nlp  # noqa: E402
from newsgraph.extract.cameo import cameo_lexicon, trigger_types  # noqa: E402
from newsgraph.extract.event_features import (  # noqa: E402
    Candidate,
    features,
    lexicon_type,
    pair_trigger,
)
from newsgraph.extract.event_model import EventModel, event_model  # noqa: E402
from newsgraph.extract.event_transformer import blend, event_transformer  # noqa: E402
from newsgraph.extract.event_vectors import candidate_vector, doc_vectors  # noqa: E402
from newsgraph.extract.events import find_events  # noqa: E402
from newsgraph.settings import DEFAULT_COMPONENTS, Settings  # noqa: E402
from plover_data import (  # noqa: E402
    DATA,
    Row,
    aw_no_event_rows,
    bare_parser,
    dev_train_split,
    doc_candidates,
    end_to_end,
    examples_by_row,
    mention,
    plv_rows,
)

_NAME = "newsgraph_events"
ARTICLES = DATA / "polnear" / "dev" / "text"


def gold_pair(row: Row, doc: Doc) -> str:
    src, tgt = mention(doc, row.source), mention(doc, row.target)
    trigger = pair_trigger(src, tgt)
    if trigger is None:
        return "NONE"
    prior = lexicon_type(trigger, cameo_lexicon(), trigger_types())
    cand = Candidate(trigger, src, tgt)
    vector = candidate_vector(cand, doc_vectors(doc))
    return event_model().predict(features(cand, cameo_lexicon()), prior, vector=vector)[0]


def gold_pair_accurate(row: Row, doc: Doc, blended: bool) -> str:
    """The accurate mode's type for the gold pair: where the linear model sees an event, the
    transformer's and its probabilities averaged (``blended``); or the transformer's alone."""
    probs = event_transformer().probabilities_many([(row.text, row.source, row.target)])[0]
    if blended:
        if gold_pair(row, doc) == "NONE":
            return "NONE"
        src, tgt = mention(doc, row.source), mention(doc, row.target)
        trigger = pair_trigger(src, tgt)
        assert trigger is not None
        cand = Candidate(trigger, src, tgt)
        vector = candidate_vector(cand, doc_vectors(doc))
        probs = blend(probs, event_model().probabilities(features(cand, cameo_lexicon()), vector))
        probs.pop("NONE", None)
    return max(probs, key=probs.__getitem__)


def _timed(
    pipelines: list[Language], texts: list[str], rounds: int = 3
) -> tuple[list[float], list[float]]:
    """Best-of-``rounds`` seconds for each pipeline, the pipelines taking turns each round: wall
    clock, and CPU time of this process (steadier on a shared machine)."""
    wall = [float("inf")] * len(pipelines)
    cpu = [float("inf")] * len(pipelines)
    for _ in range(rounds):
        for i, pipeline in enumerate(pipelines):
            start, start_cpu = time.perf_counter(), time.process_time()
            for _doc in pipeline.pipe(texts):
                pass
            wall[i] = min(wall[i], time.perf_counter() - start)
            cpu[i] = min(cpu[i], time.process_time() - start_cpu)
    return wall, cpu


@dataclass(frozen=True, slots=True)
class Scores:
    """End-to-end figures on a list of rows."""

    macro_f1: float
    accuracy: float
    pair_found: float
    no_event: float


def score(rows: list[Row], docs: list[Doc]) -> Scores:
    """End-to-end macro-F1 over the gold types, accuracy, share of rows whose marked pair was
    found, and share with no event at all."""
    gold = [r.label for r in rows]
    e2e = [end_to_end(r, d) for r, d in zip(rows, docs, strict=True)]
    pred = [p for p, _ in e2e]
    return Scores(
        macro_f1=float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)))),
        accuracy=sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold),
        pair_found=sum(f for _, f in e2e) / len(rows),
        no_event=Counter(pred)["NONE"] / len(rows),
    )


def dev_scores() -> Scores:
    """The end-to-end scores on the dev split with the default pipeline (the accuracy gate)."""
    _, dev = dev_train_split(plv_rows())
    return score(dev, list(nlp.load().pipe(r.text for r in dev)))


def cross_validated(rows: list[Row], seed: int = 0, docs: list[Doc] | None = None) -> list[Doc]:
    """``rows`` (the training rows) run through the pipeline, each fifth's events found by a
    model trained without it (``scripts/train_events.py``'s training, shipped settings; folds
    shuffled by ``seed``): how pair finding does with a classifier that never saw the sentence,
    without reading dev. ``docs``, the rows already parsed by this function, are reused."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_events
    from sklearn.model_selection import StratifiedKFold

    examples = examples_by_row(rows)
    extra = train_events.extra_examples()
    if docs is None:
        others = nlp.load(Settings(components=tuple(c for c in DEFAULT_COMPONENTS if c != _NAME)))
        docs = list(others.pipe(r.text for r in rows))
    labels = [r.label for r in rows]
    unsure = event_model().unsure
    for fit, held in StratifiedKFold(5, shuffle=True, random_state=seed).split(rows, labels):
        trained = train_events.train(
            [e for i in fit if (e := examples[i]) is not None],
            extra,
            train_events.C,
            train_events.DENSE_SCALE,
        )
        model = replace(EventModel.from_arrays(train_events.arrays(trained)), unsure=unsure)
        for i in held:
            doc = docs[i]
            doc._.events = find_events(doc, doc._.actors or (), doc._.quotes, model=model)
    return docs


def print_breakdown(rows: list[Row], docs: list[Doc]) -> None:
    """End-to-end F1 per type, and accuracy where the marked pair was found and where it was not
    (the surest event of the sentence then stands for it)."""
    gold = [r.label for r in rows]
    e2e = [end_to_end(r, d) for r, d in zip(rows, docs, strict=True)]
    pred = [p for p, _ in e2e]
    labels = sorted(set(gold))
    per_type = f1_score(gold, pred, average=None, labels=labels)
    shown = (f"{k} {f:.2f}" for k, f in zip(labels, per_type, strict=True))
    print("F1 per type: " + ", ".join(shown))
    for found in (True, False):
        hits = [p == g for p, g, (_, f) in zip(pred, gold, e2e, strict=True) if f == found]
        print(
            f"marked pair {'found' if found else 'not found'}: {len(hits)} rows, "
            f"accuracy {sum(hits) / max(len(hits), 1):.3f}"
        )


def _within(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and start < span[1] and span[0] < end


def _joins(c: Candidate, source: tuple[int, int] | None, target: tuple[int, int] | None) -> bool:
    """Whether candidate ``c`` pairs the marked ``source`` and ``target`` character spans: each
    side absent where the mark is, else overlapping it."""
    return all(
        (side is None) == (gold is None)
        and (side is None or gold is None or _within(gold, side.start_char, side.end_char))
        for side, gold in ((c.source, source), (c.target, target))
    )


def miss_reason(row: Row, doc: Doc) -> str:
    """Why the pipeline gave no event between the marked source and target: the pair's candidate
    losing its trigger to another pair, or typed NONE; the two only paired the other way round;
    else a side that is no actor (nor a place or thing a candidate takes), or the parse's
    candidates never pairing the two."""
    cands = doc_candidates(doc)
    pair = [c for c in cands if _joins(c, row.source, row.target)]
    if pair:
        first: dict[int, Candidate] = {}
        for c in cands:
            first.setdefault(c.trigger.i, c)
        if all(first[c.trigger.i] is not c for c in pair):
            return "candidate shadowed by another pair on its trigger"
        return "pair typed NONE or dropped"
    if any(_joins(c, row.target, row.source) for c in cands):
        return "candidate reversed"
    spans = [(m.start, m.end) for a in doc._.actors or () for m in a.mentions]
    source_ok = row.source is None or any(_within(row.source, *m) for m in spans)
    target_ok = row.target is None or any(_within(row.target, *m) for m in spans)
    if not (source_ok or target_ok):
        return "neither side an actor"
    if not source_ok or not target_ok:
        return "source not an actor" if not source_ok else "target neither an actor nor a thing"
    return "no candidate pairs them"


def _marked(row: Row) -> str:
    text = row.text
    for (a, b), tag in sorted(
        ((s, t) for s, t in ((row.source, "s"), (row.target, "t")) if s is not None),
        reverse=True,
    ):
        text = f"{text[:a]}<{tag}>{text[a:b]}</{tag}>{text[b:]}"
    return text


def print_misses(rows: list[Row], docs: list[Doc]) -> None:
    """Each missed row with its reason and the events found, then the reasons counted."""
    reasons: Counter[str] = Counter()
    for row, doc in zip(rows, docs, strict=True):
        if end_to_end(row, doc)[1]:
            continue
        reason = miss_reason(row, doc)
        reasons[reason] += 1
        names = {a.id: a.name for a in doc._.actors or ()}
        found = [
            (e.type, names.get(e.source or ""), names.get(e.target or "")) for e in doc._.events
        ]
        print(f"[{reason}] {row.label}: {_marked(row)}\n    found: {found}")
    print(f"misses in {len(rows)} rows:")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--misses", type=int, default=0, help="explain the misses on N rows")
    parser.add_argument("--accurate", action="store_true", help="the transformer classifier")
    parser.add_argument(
        "--cv", action="store_true", help="5-fold cross-validation on the training rows"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="with --cv: average over N shuffles of the folds"
    )
    args = parser.parse_args()
    train, dev = dev_train_split(plv_rows())
    if args.cv:
        runs: list[Scores] = []
        docs: list[Doc] | None = None
        for seed in range(args.repeat):
            docs = cross_validated(train, seed, docs)
            runs.append(score(train, docs))
        s = Scores(*(sum(x) / len(runs) for x in zip(*map(astuple, runs), strict=True)))
        if len(runs) > 1:
            shown = ", ".join(f"{r.macro_f1:.3f}" for r in runs)
            print(f"macro-F1 per shuffle of the folds: {shown}")
        print(
            f"5-fold CV on {len(train)} training rows, end to end (mean of {len(runs)} "
            f"shuffles): macro-F1 {s.macro_f1:.3f}, accuracy {s.accuracy:.3f}, marked pair found "
            f"{s.pair_found:.3f}, no event {s.no_event:.3f}"
        )
        print_breakdown(train, docs or [])  # the last shuffle's
        return
    rows = dev if args.split == "dev" else train
    if args.misses:
        rows = rows[: args.misses]
    texts = [r.text for r in rows]
    full = nlp.load(Settings(event_classifier="accurate" if args.accurate else "fast"))
    bare = bare_parser()
    docs = list(full.pipe(texts))
    if args.misses:
        print_misses(rows, docs)
        return
    gold = [r.label for r in rows]
    labels = sorted(set(gold))
    s = score(rows, docs)
    mode = "accurate (transformer)" if args.accurate else "fast (linear)"
    print(f"{args.split} split: {len(rows)} PLV_train sentences, {len(labels)} types; {mode}")
    print(f"end to end: macro-F1 {s.macro_f1:.3f}, accuracy {s.accuracy:.3f}")
    print(f"found the marked source-target pair: {s.pair_found:.3f}")
    print(f"no event found: {s.no_event:.3f}")
    quiet = aw_no_event_rows()
    fired = sum(bool(d._.events) for d in full.pipe(r.text for r in quiet))
    print(
        f"AW_train sentences with no political event (classifier training rows) given an "
        f"event: {fired / len(quiet):.3f} of {len(quiet)}"
    )
    if args.split == "train":
        return  # the classifier was trained on these rows, and the speed is measured on dev
    bare_docs = list(bare.pipe(texts))
    if args.accurate:
        alone = [gold_pair_accurate(r, d, True) for r, d in zip(rows, bare_docs, strict=True)]
        only = [gold_pair_accurate(r, d, False) for r, d in zip(rows, bare_docs, strict=True)]
        print(
            f"transformer alone on the gold pair (no linear model): macro-F1 "
            f"{f1_score(gold, only, average='macro', labels=labels):.3f}"
        )
    else:
        alone = [gold_pair(r, d) for r, d in zip(rows, bare_docs, strict=True)]
    acc_alone = sum(p == g for p, g in zip(alone, gold, strict=True)) / len(gold)
    print(
        f"classifier alone on the gold pair: macro-F1 "
        f"{f1_score(gold, alone, average='macro', labels=labels):.3f}, accuracy {acc_alone:.3f}"
    )
    others = nlp.load(Settings(components=tuple(c for c in DEFAULT_COMPONENTS if c != _NAME)))
    _speed("PLV dev sentences", texts, *_timed([bare, others, full], texts))
    articles = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))[:30]]
    _speed("30 PolNeAR dev articles", articles, *_timed([bare, others, full], articles, rounds=2))


def _speed(what: str, texts: list[str], wall: list[float], cpu: list[float]) -> None:
    """Speeds of the bare parse, the pipeline without events and the full pipeline (``wall``
    and ``cpu`` seconds, in that order), as ratios of the bare parse's."""
    t_bare, t_others, t_full = wall
    c_bare, c_others, c_full = cpu
    print(
        f"speed on {what}: bare parse {len(texts) / t_bare:.1f} texts/s, full pipeline "
        f"{len(texts) / t_full:.1f} texts/s: ratio {t_bare / t_full:.2f} "
        f"(without {_NAME}: {t_bare / t_others:.2f}; {_NAME} takes "
        f"{(t_full - t_others) / t_full:.0%} of the full pipeline's time); CPU time: ratio "
        f"{c_bare / c_full:.2f} (without {_NAME}: {c_bare / c_others:.2f}; {_NAME} "
        f"{(c_full - c_others) / c_full:.0%})"
    )


if __name__ == "__main__":
    main()
