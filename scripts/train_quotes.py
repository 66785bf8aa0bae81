"""Rebuild the two models of ``newsgraph_quotes`` from the PolNeAR train split (never dev):
``resources/quote_cue_model.json`` (is this verb a cue?) and ``resources/quote_content_model.json``
(which candidate span is its statement?).

    uv run python scripts/train_quotes.py --cache /tmp/polnear_train.spacy   # parse once
    uv run python scripts/train_quotes.py --cache /tmp/polnear_train.spacy --holdout 100

``--cache PATH`` keeps the parsed train split in a spaCy DocBin (outside the repository), so a
second run skips the parse (the bulk of its ~12 minutes). ``--holdout N`` fits both models on
all but the first N train articles (or N from ``--holdout-from K``), prints the bench's
figures on those N (the cue model's own on the held-out verbs, then the bench's: rules alone,
then with the content model) and writes nothing: choose features and thresholds with it.
``--lemmas N`` adds, for the N cue lemmas that lose most held-out gold cue verbs, how many the
cue model rejects, how many get no statement, a wrong one or a right one.

Every annotator's file counts: the first by name of each article (as the bench reads them),
and the other annotators' files of PolNeAR's 16 agreement articles as more examples of the
same texts (``polnear.other_annotators``; with ``--holdout``, not those of held-out articles).

Cue model: every candidate verb of the train split is one example (``cues.candidate_features``),
positive when a gold attribution has its cue on that verb; a logistic regression (scikit-learn).
Content model: every cue the cue model accepts is one choice among its candidate spans
(``content_model.candidates``, ``span_features``) and a "no statement" option
(``none_features``); a candidate is right when each of its fragments matches a fragment of the
gold attribution cued there as the bench scores (character Jaccard >= 0.5) and no candidate
matches more of them, "no statement" when no candidate is; a conditional logit (softmax over
the options, fitted with scipy). The weights of both are written out and scored at run time with
dot products.
``scripts/quote_cue_seeds.txt`` lists hand-checked speech verbs (a feature, so verbs rare in
the train split still count).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy.optimize import minimize
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from newsgraph import nlp as nlp_loader  # noqa: E402
from newsgraph.extract import attribution  # noqa: E402
from newsgraph.extract import cues as cues_module  # noqa: E402
from newsgraph.extract.attribution import (  # noqa: E402
    Options,
    headline_term,
    model_decides,
    statement_options,
)
from newsgraph.extract.content_model import (  # noqa: E402
    THRESHOLD,
    Candidate,
    ContentModel,
    Site,
    chars,
    none_features,
    span_features,
)
from newsgraph.extract.cue_model import THRESHOLD as CUE_THRESHOLD  # noqa: E402
from newsgraph.extract.cue_model import CueModel  # noqa: E402
from newsgraph.extract.cues import (  # noqa: E402
    candidate_features,
    find_cues,
    is_cue_candidate,
    verb_cue,
)
from newsgraph.extract.quote_marks import quotations  # noqa: E402
from newsgraph.extract.quotes import find_quotes  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from polnear import Gold, Range, load, other_annotators  # noqa: E402
from quotes import Counts, _trim, jaccard, overlaps, score  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "resources" / "quote_cue_model.json"
CONTENT_OUT = ROOT / "src" / "newsgraph" / "resources" / "quote_content_model.json"
SEEDS = ROOT / "scripts" / "quote_cue_seeds.txt"
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.01


def _cued(cue: Range, gold: list[Gold]) -> bool:
    """True when a gold attribution has its cue on the characters ``cue``."""
    return any(overlaps(cue, c) for g in gold for c in g.cue)


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


def cue_examples(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], seeds: frozenset[str]
) -> tuple[list[dict[str, float]], list[int]]:
    """One example per candidate cue verb: positive when a gold attribution has its cue there."""
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    for (_, text, gold), doc in zip(items, docs, strict=True):
        quoted = [(q.start, q.end) for q in quotations(text)]
        for sent in doc.sents:
            for tok in sent:
                if not is_cue_candidate(tok):
                    continue
                cue = verb_cue(sent, tok, find_channel=False)
                feats = candidate_features(sent, tok, cue, quoted, seeds)
                examples.append(dict.fromkeys(feats, 1.0))
                labels.append(int(_cued((tok.idx, tok.idx + len(tok.text)), gold)))
    return examples, labels


def _fit(
    examples: list[dict[str, float]], labels: list[int], c: float
) -> tuple[dict[str, float], float, float]:
    """Logistic weights (features seen at least twice), bias and training accuracy."""
    counts: dict[str, int] = {}
    for ex in examples:
        for f in ex:
            counts[f] = counts.get(f, 0) + 1
    examples = [{f: v for f, v in ex.items() if counts[f] >= MIN_FEATURE_COUNT} for ex in examples]
    vec = DictVectorizer()
    x = vec.fit_transform(examples)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    bias = round(float(model.intercept_[0]), 4)
    return dict(sorted(weights.items())), bias, float(model.score(x, labels))


def _matched(cue: Range, content: tuple[Range, ...], gold: list[Gold]) -> tuple[int, int]:
    """(matched, unmatched) fragments of ``content`` against the best gold attribution cued at
    ``cue`` (character Jaccard >= 0.5, as the bench scores)."""
    best = (0, len(content))
    for g in gold:
        if any(overlaps(cue, c) for c in g.cue):
            m = sum(1 for r in content if any(jaccard(r, f) >= 0.5 for f in g.content))
            if m - (len(content) - m) > best[0] - best[1]:
                best = (m, len(content) - m)
    return best


Group = tuple[list[list[str]], list[int]]


class Decision(NamedTuple):
    """A cue whose statement the content model chooses, with its article's text, Doc and gold
    attributions."""

    text: str
    doc: Doc
    gold: list[Gold]
    options: Options
    site: Site
    candidates: list[Candidate]


def decisions(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], model: CueModel
) -> Iterator[Decision]:
    """Each cue ``model`` accepts whose statement the content model chooses, in the order and
    with the state (quotations already used) the pipeline has there."""
    for (_, text, gold), doc in zip(items, docs, strict=True):
        quoted = [q for q in quotations(text) if not headline_term(text, q)]
        ranges = [(q.start, q.end) for q in quoted]
        used: set[Range] = set()
        for sent in doc.sents:
            cues = list(find_cues(sent, ranges, model))
            for cue in cues:
                others = tuple(chars(doc, *c.cue) for c in cues if c is not cue)
                opts = statement_options(doc, text, sent, cue, quoted, used, others)
                if opts is None:
                    continue
                used.update(r for r in ranges for a, b in opts.rule if r[0] < b and a < r[1])
                if opts.site is None or not model_decides(opts, quoted):
                    continue
                yield Decision(text, doc, gold, opts, opts.site, opts.candidates(sent))


def content_groups(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], model: CueModel
) -> list[Group]:
    """One group per cue ``model`` accepts whose statement the content model chooses: the
    features of its candidate statements, then of its "no statement" option, and their labels
    (a candidate is right when all its fragments match a fragment of the gold attribution
    cued there and no candidate matches more; "no statement" is right when no candidate is)."""
    groups: list[Group] = []
    for d in decisions(items, docs, model):
        feats = [span_features(d.site, cand) for cand in d.candidates]
        matched = [_matched(d.options.cue, cand.content, d.gold) for cand in d.candidates]
        # right: no fragment unmatched, and as many matched as any candidate has
        most = max((m for m, u in matched if u == 0), default=0)
        labels = [int(m > 0 and u == 0 and m == most) for m, u in matched]
        feats.append(none_features(d.site))
        labels.append(int(not any(labels)))
        groups.append((feats, labels))
    return groups


def _fit_softmax(groups: list[Group], c: float) -> tuple[dict[str, float], float]:
    """Conditional-logit weights (features seen at least twice, L2 penalty ``1/c``): each
    group's options compete, the likelihood of a group being that of its right options.
    Returns the weights and the share of groups whose best-scored option is right."""
    counts: dict[str, int] = {}
    for feats, _ in groups:
        for f in {f for fs in feats for f in fs}:
            counts[f] = counts.get(f, 0) + 1
    rows = [dict.fromkeys((f for f in fs if counts[f] >= MIN_FEATURE_COUNT), 1.0)
            for feats, _ in groups for fs in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).tocsr()
    y = np.array([lab for _, labels in groups for lab in labels], dtype=float)
    sizes = np.array([len(labels) for _, labels in groups])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    seg = np.repeat(np.arange(len(groups)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[seg])
        z_all = np.add.reduceat(e, starts)
        z_pos = np.add.reduceat(e * y, starts)
        value = float(np.sum(np.log(z_all) - np.log(z_pos)) + 0.5 / c * (w @ w))
        grad = x.T @ (e / z_all[seg] - e * y / z_pos[seg]) + w / c
        return value, grad

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B",
                 options={"maxiter": 1000}).x
    s = x @ w
    right = np.mean([y[a + int(np.argmax(s[a : a + n]))] for a, n in zip(starts, sizes,
                                                                          strict=True)])
    weights = {name: round(float(v), 4)
               for name, v in zip(vec.get_feature_names_out(), w, strict=True)
               if abs(v) >= MIN_WEIGHT}
    return dict(sorted(weights.items())), float(right)


def cue_scores(model: CueModel, examples: list[dict[str, float]], labels: list[int]) -> str:
    """The cue model's own figures on held-out candidate verbs: log loss, and precision, recall
    and F1 of its decisions at its threshold."""
    probs = np.array([model.probability(ex) for ex in examples])
    y = np.asarray(labels)
    p = np.clip(probs, 1e-9, 1 - 1e-9)
    loss = -float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    kept = probs >= model.threshold
    tp = int((kept & (y == 1)).sum())
    prec, rec = tp / max(1, int(kept.sum())), tp / max(1, int(y.sum()))
    return (f"held-out cue verbs: log loss {loss:.4f}  P {prec:.3f}  R {rec:.3f}  "
            f"F1 {2 * prec * rec / max(1e-9, prec + rec):.3f}")


def lemma_view(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], model: CueModel, top: int
) -> str:
    """What becomes of the gold cue verbs of ``items``, by lemma (the ``top`` with most lost):
    rejected by the cue ``model``, accepted but given no statement (the content model's "no
    statement", or a rule), given a statement that matches no gold fragment of that cue
    (character Jaccard < 0.5), or one that does. Run with the models under test installed."""
    rows: dict[str, Counter[str]] = {}
    for (_, text, gold), doc in zip(items, docs, strict=True):
        quoted = [q for q in quotations(text) if not headline_term(text, q)]
        ranges = [(q.start, q.end) for q in quoted]
        found = find_quotes(doc, ())
        for sent in doc.sents:
            accepted = {i for c in find_cues(sent, ranges, model) for i in range(*c.cue)}
            for tok in sent:
                cue = (tok.idx, tok.idx + len(tok.text))
                cued = [g for g in gold if any(overlaps(cue, c) for c in g.cue)]
                if not cued or not is_cue_candidate(tok):
                    continue
                said = [_trim(text, (q.span.start, q.span.end)) for q in found
                        if q.cue is not None and overlaps(cue, (q.cue.start, q.cue.end))]
                frags = [_trim(text, f) for g in cued for f in g.content]
                if tok.i not in accepted:
                    fate = "rejected"
                elif not said:
                    fate = "no statement"
                elif any(jaccard(p, f) >= 0.5 for p in said for f in frags):
                    fate = "right"
                else:
                    fate = "wrong"
                rows.setdefault(tok.lemma_.lower(), Counter())[fate] += 1
    fates = ("rejected", "no statement", "wrong", "right")
    total: Counter[str] = sum(rows.values(), Counter())
    lines = [f"{'lemma':14} {'gold':>5} " + " ".join(f"{f:>12}" for f in fates),
             f"{'(all)':14} {total.total():5} " + " ".join(f"{total[f]:12}" for f in fates)]
    lost = sorted(rows.items(), key=lambda kv: (-(kv[1].total() - kv[1]["right"]), kv[0]))
    lines += [f"{lemma:14} {c.total():5} " + " ".join(f"{c[f]:12}" for f in fates)
              for lemma, c in lost[:top]]
    return "\n".join(lines)


def holdout_scores(items: list[tuple[str, str, list[Gold]]], docs: list[Doc]) -> str:
    """The bench's content overlap and attribution F1 of the current models on ``items``."""
    counts = Counts()
    shown: list[str] = []
    for (_, text, gold), doc in zip(items, docs, strict=True):
        score(text, gold, find_quotes(doc, ()), counts, shown)
    _, _, attribution = counts.scores(counts.source_ok)
    return (f"overlap {counts.prf(counts.matched)}  attribution F1 {attribution:.3f}  "
            f"({counts.gold} gold, {counts.pred} predicted)")


def _write(path: Path, about: str, payload: dict[str, object]) -> None:
    path.write_text(
        json.dumps({"about": about, **payload}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8",
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed train split (not in the repo)")
    ap.add_argument("--holdout", type=int, default=0,
                    help="fit on all but the first N articles, score on them, write nothing")
    ap.add_argument("--holdout-from", type=int, default=0,
                    help="the held-out articles start at this train article")
    ap.add_argument("--threshold", type=float, nargs="+", default=[THRESHOLD],
                    help="least probability for a content candidate (with --holdout, each "
                    "value given is scored; else the first is written)")
    ap.add_argument("--c", type=float, default=0.2, help="content model: inverse L2 penalty")
    ap.add_argument("--lemmas", type=int, default=0,
                    help="with --holdout: what becomes of the held-out gold cue verbs, for the "
                    "N lemmas with most lost (content model at the last --threshold)")
    ap.add_argument("--cue-threshold", type=float, default=CUE_THRESHOLD,
                    help="least probability for a cue")
    args = ap.parse_args()
    seeds = frozenset(
        ln.strip()
        for ln in SEEDS.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    )
    items = load("train")
    docs = parsed([text for _, text, _ in items], args.cache)
    a, b = args.holdout_from, args.holdout_from + args.holdout
    held, held_docs = items[a:b], docs[a:b]
    # the 16 agreement articles' other annotators (79 files) are more examples of their texts;
    # never of a held-out article
    others = [(k, gold) for k, gold in other_annotators("train") if not a <= k < b]
    items = items[:a] + items[b:] + [(items[k][0], items[k][1], gold) for k, gold in others]
    docs = docs[:a] + docs[b:] + [docs[k] for k, _ in others]
    examples, labels = cue_examples(items, docs, seeds)
    weights, bias, accuracy = _fit(examples, labels, 0.5)
    print(f"cue model: {len(labels)} candidates ({sum(labels)} cues), "
          f"{len(weights)} weights, train accuracy {accuracy:.3f}")
    cues = CueModel(weights, bias, seeds, args.cue_threshold)
    groups = content_groups(items, docs, cues)
    c_weights, c_accuracy = _fit_softmax(groups, args.c)
    print(f"content model: {len(groups)} cues, "
          f"{sum(len(labels) for _, labels in groups)} options, "
          f"{len(c_weights)} weights, right option ranked first {c_accuracy:.3f}")
    if args.holdout:
        print(cue_scores(cues, *cue_examples(held, held_docs, seeds)))
        # score the models fitted here, not the shipped ones
        cues_module.cue_model = lambda: cues  # type: ignore[assignment]
        attribution.content_model = lambda: None  # type: ignore[assignment]
        print(f"held out {len(held)}, rules:  {holdout_scores(held, held_docs)}")
        for threshold in args.threshold:
            contents = ContentModel(c_weights, threshold)
            attribution.content_model = lambda m=contents: m  # type: ignore[assignment]
            print(f"held out {len(held)}, model at {threshold}:  "
                  f"{holdout_scores(held, held_docs)}")
        if args.lemmas:
            print(lemma_view(held, held_docs, cues, args.lemmas))
        return 0
    _write(OUT, "newsgraph quote cue model: logistic weights over parse features, trained on "
           "the PolNeAR train split by scripts/train_quotes.py",
           {"examples": len(labels), "positives": sum(labels), "bias": bias,
            "speech_verbs": sorted(seeds), "weights": weights})
    _write(CONTENT_OUT, "newsgraph quote content model: conditional-logit weights over a "
           "cue's candidate statement spans and its no-statement option, trained on the PolNeAR "
           "train split by scripts/train_quotes.py",
           {"threshold": args.threshold[0], "weights": c_weights})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
