"""Event extraction on the PLV_train dev split (never trained on), and its cost in speed.

Prints: end-to-end macro-F1 and accuracy of the root type between the marked source and target
(the pipeline finds the event and its actors itself, from the bare sentence); how often it found
the marked pair; the classifier alone on the gold pair; and the speed of the whole pipeline as a
ratio of the bare spaCy parse, both timed in this run on the same sentences.

With ``--accurate``, the same figures for the accurate mode (``Settings.event_classifier =
"accurate"``: the fine-tuned transformer types the candidates, and the gold pair).

Run: ``uv run python bench/events.py [--accurate]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
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
from newsgraph.extract.event_model import event_model  # noqa: E402
from newsgraph.extract.event_transformer import blend, event_transformer  # noqa: E402
from newsgraph.model import Event  # noqa: E402
from newsgraph.settings import DEFAULT_COMPONENTS, Settings  # noqa: E402
from plover_data import (  # noqa: E402
    DATA,
    Row,
    bare_parser,
    dev_train_split,
    mention,
    plv_rows,
)

_AS_PLV = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
_NAME = "newsgraph_events"
ARTICLES = DATA / "polnear" / "dev" / "text"


def _overlaps(doc: Doc, actor_id: str | None, span: tuple[int, int] | None) -> bool:
    if actor_id is None or span is None:
        return actor_id is None and span is None
    actor = next(a for a in doc._.actors if a.id == actor_id)
    return any(m.start < span[1] and span[0] < m.end for m in actor.mentions)


def end_to_end(row: Row, doc: Doc) -> tuple[str, bool]:
    """The type the pipeline gives the marked pair (or its surest event), and whether it found
    an event between the marked source and target."""
    events: list[Event] = doc._.events or []
    pair = [
        e
        for e in events
        if _overlaps(doc, e.source, row.source) and _overlaps(doc, e.target, row.target)
    ]
    pool = pair or events
    if not pool:
        return "NONE", False
    best = max(pool, key=lambda e: e.confidence)
    return _AS_PLV.get(best.type, best.type), bool(pair)


def gold_pair(row: Row, doc: Doc) -> str:
    src, tgt = mention(doc, row.source), mention(doc, row.target)
    trigger = pair_trigger(src, tgt)
    if trigger is None:
        return "NONE"
    prior = lexicon_type(trigger, cameo_lexicon(), trigger_types())
    return event_model().predict(features(Candidate(trigger, src, tgt), cameo_lexicon()), prior)[0]


def gold_pair_accurate(row: Row, doc: Doc, blended: bool) -> str:
    """The accurate mode's type for the gold pair: where the linear model sees an event, the
    transformer's and its probabilities averaged (``blended``); or the transformer's alone."""
    probs = event_transformer().probabilities_many([(row.text, row.source, row.target)])[0]
    if blended:
        src, tgt = mention(doc, row.source), mention(doc, row.target)
        if gold_pair(row, doc) == "NONE":
            return "NONE"
        trigger = pair_trigger(src, tgt)
        assert trigger is not None
        fast = event_model().probabilities(features(Candidate(trigger, src, tgt), cameo_lexicon()))
        probs = blend(probs, fast)
        probs.pop("NONE", None)
    return max(probs, key=probs.__getitem__)


def _timed(pipelines: list[Language], texts: list[str], rounds: int = 3) -> list[float]:
    """Best-of-``rounds`` seconds for each pipeline, the pipelines taking turns each round."""
    best = [float("inf")] * len(pipelines)
    for _ in range(rounds):
        for i, pipeline in enumerate(pipelines):
            start = time.perf_counter()
            for _doc in pipeline.pipe(texts):
                pass
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accurate", action="store_true", help="the transformer classifier")
    accurate = parser.parse_args().accurate
    _, dev = dev_train_split(plv_rows())
    texts = [r.text for r in dev]
    full = nlp.load(Settings(event_classifier="accurate" if accurate else "fast"))
    bare = bare_parser()
    others = nlp.load(Settings(components=tuple(c for c in DEFAULT_COMPONENTS if c != _NAME)))
    docs, bare_docs = list(full.pipe(texts)), list(bare.pipe(texts))
    t_bare, t_others, t_full = _timed([bare, others, full], texts)
    gold = [r.label for r in dev]
    labels = sorted(set(gold))
    e2e = [end_to_end(r, d) for r, d in zip(dev, docs, strict=True)]
    pred = [p for p, _ in e2e]
    if accurate:
        alone = [gold_pair_accurate(r, d, True) for r, d in zip(dev, bare_docs, strict=True)]
        only = [gold_pair_accurate(r, d, False) for r, d in zip(dev, bare_docs, strict=True)]
    else:
        alone = [gold_pair(r, d) for r, d in zip(dev, bare_docs, strict=True)]
    acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    mode = "accurate (transformer)" if accurate else "fast (linear)"
    print(f"dev split: {len(dev)} PLV_train sentences, {len(labels)} types; {mode} classifier")
    print(
        f"end to end: macro-F1 {f1_score(gold, pred, average='macro', labels=labels):.3f}, "
        f"accuracy {acc:.3f}"
    )
    print(f"found the marked source-target pair: {sum(f for _, f in e2e) / len(dev):.3f}")
    print(f"no event found: {Counter(pred)['NONE'] / len(dev):.3f}")
    acc_alone = sum(p == g for p, g in zip(alone, gold, strict=True)) / len(gold)
    print(
        f"classifier alone on the gold pair: macro-F1 "
        f"{f1_score(gold, alone, average='macro', labels=labels):.3f}, accuracy {acc_alone:.3f}"
    )
    if accurate:
        print(
            f"transformer alone on the gold pair (no linear model): macro-F1 "
            f"{f1_score(gold, only, average='macro', labels=labels):.3f}"
        )
    _speed("PLV dev sentences", texts, t_bare, t_others, t_full)
    articles = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))[:30]]
    _speed("30 PolNeAR dev articles", articles, *_timed([bare, others, full], articles, rounds=2))


def _speed(what: str, texts: list[str], t_bare: float, t_others: float, t_full: float) -> None:
    print(
        f"speed on {what}: bare parse {len(texts) / t_bare:.1f} texts/s, full pipeline "
        f"{len(texts) / t_full:.1f} texts/s: ratio {t_bare / t_full:.2f} "
        f"(without {_NAME}: {t_bare / t_others:.2f}; {_NAME} takes "
        f"{(t_full - t_others) / t_full:.0%} of the full pipeline's time)"
    )


if __name__ == "__main__":
    main()
