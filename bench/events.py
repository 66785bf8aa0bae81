"""Event extraction on the PLV_train dev split (never trained on), and its cost in speed.

Prints: end-to-end macro-F1 and accuracy of the root type between the marked source and target
(the pipeline finds the event and its actors itself, from the bare sentence); how often it found
the marked pair; the classifier alone on the gold pair; and the speed of the whole pipeline as a
ratio of the bare spaCy parse, both timed in this run on the same sentences.

Run: ``uv run python bench/events.py``
"""

from __future__ import annotations

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
from newsgraph.extract.event_vectors import candidate_vector, doc_vectors  # noqa: E402
from newsgraph.settings import DEFAULT_COMPONENTS, Settings  # noqa: E402
from plover_data import (  # noqa: E402
    DATA,
    Row,
    bare_parser,
    dev_train_split,
    end_to_end,
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
    _, dev = dev_train_split(plv_rows())
    texts = [r.text for r in dev]
    full, bare = nlp.load(), bare_parser()
    others = nlp.load(Settings(components=tuple(c for c in DEFAULT_COMPONENTS if c != _NAME)))
    docs, bare_docs = list(full.pipe(texts)), list(bare.pipe(texts))
    t_bare, t_others, t_full = _timed([bare, others, full], texts)
    gold = [r.label for r in dev]
    labels = sorted(set(gold))
    e2e = [end_to_end(r, d) for r, d in zip(dev, docs, strict=True)]
    pred = [p for p, _ in e2e]
    alone = [gold_pair(r, d) for r, d in zip(dev, bare_docs, strict=True)]
    acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    print(f"dev split: {len(dev)} PLV_train sentences, {len(labels)} types")
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
