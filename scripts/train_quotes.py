"""Rebuild ``src/newsgraph/resources/quote_cue_model.json``, the cue model of
``newsgraph_quotes``, from the PolNeAR train split (never dev).

    uv run python scripts/train_quotes.py

Every candidate verb of the train split is one example: ``cues.verb_cue`` gives its statement
frame and content, ``cues.candidate_features`` its features. It is a positive example when a
gold attribution has its cue on that verb and, unless the frame is "none", a content whose
extent has character Jaccard >= 0.5 with ours. A logistic regression (scikit-learn) is fitted
and its weights written out; ``cue_model.py`` scores them with a dot product.
``scripts/quote_cue_seeds.txt`` lists hand-checked speech verbs (a feature, so verbs rare in
the train split still count).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

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


def _hit(verb: Range, frame: str, content: Range | None, gold: list[Gold]) -> bool:
    for g in gold:
        if not any(a < verb[1] and verb[0] < b for a, b in g.cue):
            continue
        if frame == "none" or content is None or _jaccard(content, _hull(g.content)) >= 0.5:
            return True
    return False


def main() -> int:
    seeds = frozenset(
        ln.strip()
        for ln in SEEDS.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    )
    items = load("train")
    nlp = nlp_loader.load(Settings(components=()))
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    texts = (text for _, text, _ in items)
    for n, ((_, text, gold), doc) in enumerate(zip(items, nlp.pipe(texts), strict=True), 1):
        quoted = [(q.start, q.end) for q in quotations(text)]
        for sent in doc.sents:
            for tok in sent:
                if not is_cue_candidate(tok):
                    continue
                cue = verb_cue(sent, tok)
                content = None
                if cue.content:
                    a, b = _hull(list(cue.content))
                    content = (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
                feats = candidate_features(sent, tok, cue, quoted, seeds)
                examples.append(dict.fromkeys(feats, 1.0))
                verb = (tok.idx, tok.idx + len(tok.text))
                labels.append(int(_hit(verb, cue.frame, content, gold)))
        if n % 100 == 0:
            print(f"{n}/{len(items)} articles", file=sys.stderr)
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
    OUT.write_text(
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
    print(f"{OUT.name}: {len(labels)} candidates ({sum(labels)} cues), {len(weights)} weights, "
          f"train accuracy {accuracy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
