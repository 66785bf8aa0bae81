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

Cue model: every candidate verb of the train split is one example (``cues.candidate_features``),
positive when a gold attribution has its cue on that verb; a logistic regression (scikit-learn),
with ``--trees`` gradient-boosted trees (scikit-learn's HistGradientBoosting) stacked on it: they
see each verb's dense ``StackView`` row (the logit cross-fitted on other articles, its share by
feature family, cue rates of its lemma and subject, its place in the text) and a verb is kept
when the mean of their probability and the logistic one reaches ``--stack-threshold``. The trees
are written as flat node arrays. ``--trees 0`` gives the logistic model alone.
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
import math
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy.optimize import minimize
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin
from threadpoolctl import threadpool_limits

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
from newsgraph.extract.cue_model import (  # noqa: E402
    CONTEXT,
    CueModel,
    Forest,
    Rates,
    Stack,
    StackView,
)
from newsgraph.extract.cue_model import THRESHOLD as CUE_THRESHOLD  # noqa: E402
from newsgraph.extract.cues import (  # noqa: E402
    STACK_FLOOR,
    candidate_features,
    context_features,
    find_cues,
    is_cue_candidate,
    stack_keys,
    verb_cue,
)
from newsgraph.extract.quote_marks import quotations  # noqa: E402
from newsgraph.extract.quotes import find_quotes  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from polnear import Gold, Range, load  # noqa: E402
from quotes import Counts, _trim, jaccard, overlaps, score  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "resources" / "quote_cue_model.json"
CONTENT_OUT = ROOT / "src" / "newsgraph" / "resources" / "quote_content_model.json"
SEEDS = ROOT / "scripts" / "quote_cue_seeds.txt"
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.01
TREES = 200


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


class CueRows(NamedTuple):
    """One row per candidate cue verb: its features, label (a gold attribution has its cue
    there), article (its index in the items), rate keys and context (``cues.stack_keys``,
    ``cues.context_features``)."""

    feats: list[list[str]]
    labels: list[int]
    articles: list[int]
    keys: list[tuple[str, str]]
    context: list[list[float]]

    def examples(self, which: np.ndarray | None = None) -> list[dict[str, float]]:
        rows = range(len(self.feats)) if which is None else np.flatnonzero(which)
        return [dict.fromkeys(self.feats[i], 1.0) for i in rows]


def cue_examples(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], seeds: frozenset[str]
) -> CueRows:
    """One row per candidate cue verb: positive when a gold attribution has its cue there."""
    rows = CueRows([], [], [], [], [])
    for n, ((_, text, gold), doc) in enumerate(zip(items, docs, strict=True)):
        quoted = [(q.start, q.end) for q in quotations(text)]
        for sent in doc.sents:
            for tok in sent:
                if not is_cue_candidate(tok):
                    continue
                cue = verb_cue(sent, tok, find_channel=False)
                rows.feats.append(candidate_features(sent, tok, cue, quoted, seeds))
                rows.labels.append(int(_cued((tok.idx, tok.idx + len(tok.text)), gold)))
                rows.articles.append(n)
                rows.keys.append(stack_keys(tok, cue))
                rows.context.append(context_features(sent, tok, quoted))
    return rows


FOLDS = 5
#: A feature becomes a 0/1 column of the trees when this many candidates have it (and it names
#: no lemma: the lemma's cue rate and the logit's families carry those).
COLUMN_MIN = 400
#: Candidates (or cues) a rate key needs to be kept.
RATE_MIN = 2


def _rates(rows: CueRows, which: np.ndarray, part: int) -> Rates:
    """Cue rates of the rows ``which`` by their key number ``part`` (lemma, subject)."""
    counts: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    for i in np.flatnonzero(which):
        counts[rows.keys[i][part]] += 1
        cues[rows.keys[i][part]] += rows.labels[i]
    prior = round(sum(cues.values()) / max(1, counts.total()), 4)
    return Rates({k: (n, cues[k]) for k, n in sorted(counts.items()) if n >= RATE_MIN}, prior)


def fit_stack(rows: CueRows, c: float, trees: int, **params: float) -> Stack:
    """Trees stacked on the logistic model: each row's dense view is made with a logistic model
    and rates fitted on the other folds of articles (so the trees learn how far to trust
    them on unseen text), then the view is remade with rates from all rows."""
    x, view = stack_matrix(rows, c)
    return Stack(view, fit_trees(x, np.asarray(rows.labels), trees, **params))


def stack_matrix(rows: CueRows, c: float) -> tuple[np.ndarray, StackView]:
    """The cross-fitted dense rows, and the view with rates from all rows."""
    y = np.asarray(rows.labels)
    fold = np.asarray(rows.articles) % FOLDS
    families = tuple(sorted({f.partition("=")[0] for fs in rows.feats for f in fs}))
    counts = Counter(f for fs in rows.feats for f in fs)
    columns = tuple(sorted(f for f, k in counts.items() if k >= COLUMN_MIN and "lemma" not in f))
    x = np.zeros((len(y), 1 + len(families) + 4 + len(CONTEXT) + len(columns)))
    for k in range(FOLDS):
        train = fold != k
        weights, bias, _ = _fit(rows.examples(train), list(y[train]), c)
        view = StackView(families, columns, _rates(rows, train, 0), _rates(rows, train, 1))
        for i in np.flatnonzero(~train):
            x[i] = view.row(bias, weights, rows.feats[i], *rows.keys[i], rows.context[i])
    every = np.ones(len(y), dtype=bool)
    return x, StackView(families, columns, _rates(rows, every, 0), _rates(rows, every, 1))


def fit_trees(x: np.ndarray, y: np.ndarray, trees: int, **params: float) -> Forest:
    """Boosted trees on the rows the logistic model gives at least ``STACK_FLOOR``."""
    asked = 1.0 / (1.0 + np.exp(-x[:, 0])) >= STACK_FLOOR
    settings: dict[str, float] = {"learning_rate": 0.05, "max_leaf_nodes": 15,
                                  "min_samples_leaf": 40, "l2_regularization": 1.0}
    settings.update(params)
    for k in ("max_leaf_nodes", "min_samples_leaf"):
        settings[k] = int(settings[k])
    model = HistGradientBoostingClassifier(
        max_iter=trees, early_stopping=False, random_state=0, **settings  # type: ignore[arg-type]
    )
    with threadpool_limits(1):  # the same trees on any machine
        model.fit(x[asked], y[asked])
    forest = _forest(model)
    check = x[asked][:2000]
    assert np.allclose(forest.raw(check), model.decision_function(check), atol=1e-3)
    print(f"stack: {int(asked.sum())} of {len(y)} candidates asked ({int(y[asked].sum())} of "
          f"{int(y.sum())} cues), {x.shape[1]} columns, {len(forest.value)} nodes")
    return forest


def _forest(model: HistGradientBoostingClassifier) -> Forest:
    """The fitted trees as a ``Forest`` (leaf values rounded to 6 decimals)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        at = len(feature)
        roots.append(at)
        depth = max(depth, int(nodes["depth"].max()))
        for j, node in enumerate(nodes):
            if node["is_leaf"]:
                feature.append(0)
                threshold.append(math.inf)
                left.append(at + j)
                right.append(at + j)
                value.append(round(float(node["value"]), 6))
            else:
                feature.append(int(node["feature_idx"]))
                threshold.append(float(node["num_threshold"]))
                left.append(at + int(node["left"]))
                right.append(at + int(node["right"]))
                value.append(0.0)
    return Forest(np.asarray(feature, dtype=np.intp), np.asarray(threshold),
                  np.asarray(left, dtype=np.intp), np.asarray(right, dtype=np.intp),
                  np.asarray(value), np.asarray(roots, dtype=np.intp), depth,
                  round(float(np.ravel(model._baseline_prediction)[0]), 6))


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


def cue_scores(model: CueModel, rows: CueRows) -> str:
    """The cue model's own figures on held-out candidate verbs: log loss, and precision, recall
    and F1 of its decisions at its threshold (the logistic model's, then the stacked one's)."""
    linear = [model.probability(fs) for fs in rows.feats]
    out = [_cue_figures("logistic", np.array(linear), rows.labels, model.threshold)]
    if model.stack is not None:
        view = model.stack.view
        stacked = np.array(linear)
        asked = np.flatnonzero(stacked >= STACK_FLOOR)
        dense = [view.row(model.bias, model.weights, rows.feats[i], *rows.keys[i],
                          rows.context[i]) for i in asked]
        stacked[asked] = model.stacked(dense, stacked[asked].tolist())
        out.append(_cue_figures("stacked", stacked, rows.labels, model.threshold))
    return "\n".join(out)


def _cue_figures(name: str, probs: np.ndarray, labels: list[int], threshold: float) -> str:
    y = np.asarray(labels)
    p = np.clip(probs, 1e-9, 1 - 1e-9)
    loss = -float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    kept = probs >= threshold
    tp = int((kept & (y == 1)).sum())
    prec, rec = tp / max(1, int(kept.sum())), tp / max(1, int(y.sum()))
    return (f"held-out cue verbs, {name}: log loss {loss:.4f}  P {prec:.3f}  R {rec:.3f}  "
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


def _stack_dict(stack: Stack) -> dict[str, object]:
    view = stack.view
    return {"families": list(view.families), "columns": list(view.columns),
            "lemmas": {"prior": view.lemmas.prior, "counts": view.lemmas.counts},
            "subjects": {"prior": view.subjects.prior, "counts": view.subjects.counts},
            "forest": stack.forest.to_dict()}


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
                    help="least logistic probability for a cue the content model learns from "
                    "(and for any cue without --trees)")
    ap.add_argument("--trees", type=int, default=TREES,
                    help="boosted trees stacked on the cue model (0: none)")
    ap.add_argument("--stack-threshold", type=float, nargs="+", default=[CUE_THRESHOLD],
                    help="least stacked probability for a cue (with --holdout, each value given "
                    "is scored; else the first is written)")
    ap.add_argument("--tree-param", action="append", default=[], metavar="KEY=VALUE",
                    help="a setting of the boosted trees (learning_rate, max_leaf_nodes, "
                    "min_samples_leaf, l2_regularization)")
    args = ap.parse_args()
    tree_params = {k: float(v) for k, _, v in (p.partition("=") for p in args.tree_param)}
    seeds = frozenset(
        ln.strip()
        for ln in SEEDS.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    )
    items = load("train")
    docs = parsed([text for _, text, _ in items], args.cache)
    a, b = args.holdout_from, args.holdout_from + args.holdout
    held, held_docs = items[a:b], docs[a:b]
    items, docs = items[:a] + items[b:], docs[:a] + docs[b:]
    rows = cue_examples(items, docs, seeds)
    labels = rows.labels
    weights, bias, accuracy = _fit(rows.examples(), labels, 0.5)
    print(f"cue model: {len(labels)} candidates ({sum(labels)} cues), "
          f"{len(weights)} weights, train accuracy {accuracy:.3f}")
    cues = CueModel(weights, bias, seeds, args.cue_threshold)
    # the content model learns from the logistic model's cues (in-sample trees keep too few)
    groups = content_groups(items, docs, cues)
    if args.trees:
        cues = replace(cues, stack=fit_stack(rows, 0.5, args.trees, **tree_params),
                       threshold=args.stack_threshold[0])
    c_weights, c_accuracy = _fit_softmax(groups, args.c)
    print(f"content model: {len(groups)} cues, "
          f"{sum(len(labels) for _, labels in groups)} options, "
          f"{len(c_weights)} weights, right option ranked first {c_accuracy:.3f}")
    if args.holdout:
        print(cue_scores(cues, cue_examples(held, held_docs, seeds)))
        # score the models fitted here, not the shipped ones
        cues_module.cue_model = lambda: cues  # type: ignore[assignment]
        attribution.content_model = lambda: None  # type: ignore[assignment]
        print(f"held out {len(held)}, rules:  {holdout_scores(held, held_docs)}")
        for stack_threshold in args.stack_threshold if args.trees else [cues.threshold]:
            cues = replace(cues, threshold=stack_threshold)
            for threshold in args.threshold:
                contents = ContentModel(c_weights, threshold)
                attribution.content_model = lambda m=contents: m  # type: ignore[assignment]
                print(f"held out {len(held)}, cue at {stack_threshold}, content model at "
                      f"{threshold}:  {holdout_scores(held, held_docs)}")
        if args.lemmas:
            print(lemma_view(held, held_docs, cues, args.lemmas))
        return 0
    _write(OUT, "newsgraph quote cue model: logistic weights over parse features, trained on "
           "the PolNeAR train split by scripts/train_quotes.py",
           {"examples": len(labels), "positives": sum(labels), "bias": bias,
            "threshold": cues.threshold, "speech_verbs": sorted(seeds), "weights": weights,
            **({"stack": _stack_dict(cues.stack)} if cues.stack is not None else {})})
    _write(CONTENT_OUT, "newsgraph quote content model: conditional-logit weights over a "
           "cue's candidate statement spans and its no-statement option, trained on the PolNeAR "
           "train split by scripts/train_quotes.py",
           {"threshold": args.threshold[0], "weights": c_weights})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
