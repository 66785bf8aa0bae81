"""Rebuild ``src/newsgraph/resources/quote_cue_model.json``, the cue model of
``newsgraph_quotes``, from the PolNeAR train split (never dev).

    uv run python scripts/train_quotes.py
    uv run python scripts/train_quotes.py --cache /tmp/polnear-train.spacy   # parse once

``--cache PATH`` keeps the parsed train split in a spaCy DocBin (outside the repository), so a
second run skips the parse (the bulk of its ~12 minutes). ``--holdout N`` fits on all but the
first N articles and writes the model to ``--out`` instead (for trying features on train only).

Every candidate verb of the train split is one example: ``cues.verb_cue`` gives its statement
frame and content, ``cues.candidate_features`` its features. It is a positive example when a
gold attribution has its cue on that verb and, unless the frame is "none", our content
(stretched to whole quotations, as at run time) matches it as the bench scores: a fragment, or
the whole, with character Jaccard >= 0.5. A logistic regression (scikit-learn) is fitted
and its weights written out; ``cue_model.py`` scores them with a dot product.
``scripts/quote_cue_seeds.txt`` lists hand-checked speech verbs (a feature, so verbs rare in
the train split still count).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from newsgraph import nlp as nlp_loader  # noqa: E402
from newsgraph.extract.cues import candidate_features, is_cue_candidate, verb_cue  # noqa: E402
from newsgraph.extract.quote_marks import quotations  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from polnear import Gold, Range, load  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "resources" / "quote_cue_model.json"
SEEDS = ROOT / "scripts" / "quote_cue_seeds.txt"
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.01


def _hull(ranges: tuple[Range, ...] | list[Range]) -> Range:
    return min(a for a, _ in ranges), max(b for _, b in ranges)


def _jaccard(a: Range, b: Range) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def _hit(verb: Range, frame: str, content: list[Range], gold: list[Gold]) -> bool:
    """True when a gold attribution has its cue on ``verb`` and (unless the frame is "none")
    one of our content fragments matches one of its fragments, or their hulls match, as the
    bench scores them (character Jaccard >= 0.5)."""
    for g in gold:
        if not any(a < verb[1] and verb[0] < b for a, b in g.cue):
            continue
        if frame == "none" or not content:
            return True
        pairs = [(_hull(content), _hull(g.content))]
        pairs += [(c, f) for c in content for f in g.content]
        if any(_jaccard(c, f) >= 0.5 for c, f in pairs):
            return True
    return False


def _snapped(r: Range, quoted: list[Range]) -> Range:
    """``r`` stretched to the whole of every quotation it overlaps, as at run time."""
    start, end = r
    for a, b in quoted:
        if a < end and start < b:
            start, end = min(start, a), max(end, b)
    return start, end


def parsed(texts: list[str], cache: Path | None) -> list[Doc]:
    """The parsed texts, read from (or saved to) the DocBin ``cache`` when given."""
    nlp = nlp_loader.load(Settings(components=()))
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
        print(f"{cache}: another text set, parsing again", file=sys.stderr)
    docs = []
    for n, doc in enumerate(nlp.pipe(texts), 1):
        docs.append(doc)
        if n % 100 == 0:
            print(f"{n}/{len(texts)} articles parsed", file=sys.stderr)
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed train split (not in the repo)")
    ap.add_argument("--holdout", type=int, default=0, help="leave out the first N articles")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    seeds = frozenset(
        ln.strip()
        for ln in SEEDS.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    )
    items = load("train")
    docs = parsed([text for _, text, _ in items], args.cache)
    items, docs = items[args.holdout :], docs[args.holdout :]
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    for (_, text, gold), doc in zip(items, docs, strict=True):
        quoted = [(q.start, q.end) for q in quotations(text)]
        for sent in doc.sents:
            for tok in sent:
                if not is_cue_candidate(tok):
                    continue
                cue = verb_cue(sent, tok)
                content = [
                    _snapped((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)), quoted)
                    for a, b in cue.content
                ]
                feats = candidate_features(sent, tok, cue, quoted, seeds)
                examples.append(dict.fromkeys(feats, 1.0))
                verb = (tok.idx, tok.idx + len(tok.text))
                labels.append(int(_hit(verb, cue.frame, content, gold)))
    counts: dict[str, int] = {}
    for ex in examples:
        for f in ex:
            counts[f] = counts.get(f, 0) + 1
    examples = [{f: v for f, v in ex.items() if counts[f] >= MIN_FEATURE_COUNT} for ex in examples]
    vec = DictVectorizer()
    x = vec.fit_transform(examples)
    model = LogisticRegression(C=0.5, max_iter=2000)
    model.fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    args.out.write_text(
        json.dumps(
            {
                "about": "newsgraph quote cue model: logistic weights over parse features, "
                "trained on the PolNeAR train split by scripts/train_quotes.py",
                "examples": len(labels),
                "positives": sum(labels),
                "bias": round(float(model.intercept_[0]), 4),
                "speech_verbs": sorted(seeds),
                "weights": dict(sorted(weights.items())),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    accuracy = model.score(x, labels)
    print(f"{args.out.name}: {len(labels)} candidates ({sum(labels)} cues), "
          f"{len(weights)} weights, train accuracy {accuracy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
