"""Rebuild the two models of ``newsgraph_quotes`` from the PolNeAR train split (never dev):
``resources/quote_cue_model.json`` (is this verb a cue?) and ``resources/quote_content_model.json``
(which candidate span is its statement?).

    uv run python scripts/train_quotes.py --cache /tmp/polnear_train.spacy   # parse once
    uv run python scripts/train_quotes.py --cache /tmp/polnear_train.spacy --holdout 100

``--cache PATH`` keeps the parsed train split in a spaCy DocBin (outside the repository), so a
second run skips the parse (the bulk of its ~12 minutes). ``--holdout N`` fits both models on
all but the first N train articles (or N from ``--holdout-from K``), prints the bench's
figures on those N (rules alone, then with the content model) and writes nothing: choose
features and thresholds with it.

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
from pathlib import Path

import numpy as np
from scipy import sparse
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
    headline_term,
    model_decides,
    statement_options,
)
from newsgraph.extract.content_model import (  # noqa: E402
    THRESHOLD,
    ContentModel,
    chars,
    none_features,
    none_vector,
    span_features,
    span_vector,
)
from newsgraph.extract.cue_model import DENSE_PARTS, CueModel, cue_vector  # noqa: E402
from newsgraph.extract.cue_model import THRESHOLD as CUE_THRESHOLD  # noqa: E402
from newsgraph.extract.cues import (  # noqa: E402
    candidate_features,
    find_cues,
    is_cue_candidate,
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


def with_tensors(docs: list[Doc], cache: Path | None) -> None:
    """Give the Docs read from a DocBin (which keeps no ``doc.tensor``) their contextual
    vectors again: the tok2vec output, a function of the tokens alone; kept beside ``cache``."""
    if all(len(d) == 0 or d.tensor.shape[:1] == (len(d),) for d in docs):
        return
    path = cache.with_name(cache.name + ".tensor.npy") if cache is not None else None
    lengths = [len(d) for d in docs]
    if path is not None and path.exists():
        stacked = np.load(path)
        if stacked.shape[0] == sum(lengths):
            for doc, part in zip(docs, np.split(stacked, np.cumsum(lengths)[:-1]), strict=True):
                doc.tensor = part
            return
    tok2vec = nlp_loader.load(Settings(components=())).get_pipe("tok2vec")
    for _ in tok2vec.pipe(docs):
        pass
    if path is not None:
        np.save(path, np.concatenate([d.tensor for d in docs]).astype(np.float32))


def cue_examples(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], seeds: frozenset[str]
) -> tuple[list[dict[str, float]], list[int], np.ndarray]:
    """One example per candidate cue verb: positive when a gold attribution has its cue there;
    the binary features, the labels and the dense vectors (``cue_vector``), one row each."""
    examples: list[dict[str, float]] = []
    labels: list[int] = []
    vectors: list[np.ndarray] = []
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
                vector = cue_vector(tok, cue.source_head)
                assert vector is not None, "the Docs have no contextual vectors"
                vectors.append(vector)
    return examples, labels, np.vstack(vectors)


def _dense_block(dense: np.ndarray, parts: frozenset[str]) -> np.ndarray:
    """A mask over ``cue_vector``'s columns: the blocks of ``DENSE_PARTS`` named in ``parts``."""
    mask = np.zeros(dense.shape[1], bool)
    start = 0
    for name, width in DENSE_PARTS:
        if name in parts or name.split(":")[0] in parts:
            mask[start : start + width] = True
        start += width
    return mask


def _fit(
    examples: list[dict[str, float]],
    labels: list[int],
    c: float,
    dense: np.ndarray | None = None,
    scale: float = 1.0,
) -> tuple[dict[str, float], float, float, list[float], float]:
    """Logistic weights (features seen at least twice), bias and training accuracy, and the
    weights of the ``dense`` columns (standardised in training, times ``scale``: a weaker
    penalty on them; the scaling folded into the weights) with their offset."""
    counts: dict[str, int] = {}
    for ex in examples:
        for f in ex:
            counts[f] = counts.get(f, 0) + 1
    examples = [{f: v for f, v in ex.items() if counts[f] >= MIN_FEATURE_COUNT} for ex in examples]
    vec = DictVectorizer()
    x = vec.fit_transform(examples)
    names = len(vec.get_feature_names_out())
    if dense is not None:
        mean, sd = dense.mean(axis=0), dense.std(axis=0)
        sd[sd == 0] = 1.0
        x = sparse.hstack([x, sparse.csr_matrix((dense - mean) / sd * scale)]).tocsr()
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, labels)
    coef = model.coef_[0]
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), coef[:names], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    bias = round(float(model.intercept_[0]), 4)
    folded: list[float] = []
    offset = 0.0
    if dense is not None:
        w = coef[names:] * scale / sd
        folded = [round(float(v), 5) for v in w]
        offset = round(float(-np.dot(np.asarray(folded), mean)), 5)
    return dict(sorted(weights.items())), bias, float(model.score(x, labels)), folded, offset


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


#: One cue's options: their binary features, labels and dense vectors (the candidates'
#: ``span_vector``, then "no statement"'s ``none_vector``).
Group = tuple[list[list[str]], list[int], list[np.ndarray]]


def content_groups(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], model: CueModel
) -> list[Group]:
    """One group per cue ``model`` accepts whose statement the content model chooses: the
    features of its candidate statements, then of its "no statement" option, and their labels
    (a candidate is right when all its fragments match a fragment of the gold attribution
    cued there and no candidate matches more; "no statement" is right when no candidate is)."""
    groups: list[Group] = []
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
                cands = opts.candidates(sent)
                feats = [span_features(opts.site, cand) for cand in cands]
                matched = [_matched(opts.cue, cand.content, gold) for cand in cands]
                # right: no fragment unmatched, and as many matched as any candidate has
                most = max((m for m, u in matched if u == 0), default=0)
                labels = [int(m > 0 and u == 0 and m == most) for m, u in matched]
                feats.append(none_features(opts.site))
                labels.append(int(not any(labels)))
                vectors = [span_vector(opts.site, cand) for cand in cands]
                vectors.append(none_vector(opts.site))
                assert all(v is not None for v in vectors), "the Docs have no contextual vectors"
                groups.append((feats, labels, vectors))  # type: ignore[arg-type]
    return groups


def _standardised(rows: np.ndarray, on: np.ndarray, scale: float) -> tuple[np.ndarray, ...]:
    """``rows`` standardised over the rows ``on`` (times ``scale``), zero elsewhere; with the
    mean and standard deviation used."""
    mean, sd = rows[on].mean(axis=0), rows[on].std(axis=0)
    sd[sd == 0] = 1.0
    out = (rows - mean) / sd * scale
    out[~on] = 0.0
    return out, mean, sd


def _folded(w: np.ndarray, mean: np.ndarray, sd: np.ndarray, scale: float) -> tuple[list[float],
                                                                                    float]:
    """Weights over standardised columns as weights over the raw ones, and their offset."""
    folded = [round(float(v), 5) for v in w * scale / sd]
    return folded, round(float(-np.dot(np.asarray(folded), mean)), 5)


def _fit_softmax(
    groups: list[Group], c: float, dense: frozenset[str] = frozenset(), scale: float = 1.0
) -> tuple[dict[str, float], float, dict[str, object]]:
    """Conditional-logit weights (features seen at least twice, L2 penalty ``1/c``): each
    group's options compete, the likelihood of a group being that of its right options.
    Returns the weights, the share of groups whose best-scored option is right, and the dense
    weights and offsets of the blocks in ``dense`` ("span", "none")."""
    counts: dict[str, int] = {}
    for feats, _, _ in groups:
        for f in {f for fs in feats for f in fs}:
            counts[f] = counts.get(f, 0) + 1
    rows = [dict.fromkeys((f for f in fs if counts[f] >= MIN_FEATURE_COUNT), 1.0)
            for feats, _, _ in groups for fs in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).tocsr()
    names = x.shape[1]
    is_none = np.array([k == len(labels) - 1 for _, labels, _ in groups
                        for k in range(len(labels))])
    blocks: list[tuple[str, np.ndarray, np.ndarray]] = []
    for name, on in (("span", ~is_none), ("none", is_none)):
        if name in dense:
            picked = np.vstack([v for _, _, vs in groups for k, v in enumerate(vs)
                                if (k == len(vs) - 1) == (name == "none")])
            raw = np.zeros((len(is_none), picked.shape[1]))
            raw[on] = picked
            std, mean, sd = _standardised(raw, on, scale)
            x = sparse.hstack([x, sparse.csr_matrix(std)]).tocsr()
            blocks.append((name, mean, sd))
    y = np.array([lab for _, labels, _ in groups for lab in labels], dtype=float)
    sizes = np.array([len(labels) for _, labels, _ in groups])
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
               for name, v in zip(vec.get_feature_names_out(), w[:names], strict=True)
               if abs(v) >= MIN_WEIGHT}
    extra: dict[str, object] = {}
    start = names
    for name, mean, sd in blocks:
        folded, offset = _folded(w[start : start + len(mean)], mean, sd, scale)
        extra[f"{name}_dense"], extra[f"{name}_offset"] = folded, offset
        start += len(mean)
    return dict(sorted(weights.items())), float(right), extra


def cue_scores(
    model: CueModel, examples: list[dict[str, float]], labels: list[int], vectors: np.ndarray
) -> str:
    """The cue model's own figures on held-out candidates: log loss, and precision, recall and
    F1 of its decisions at its threshold."""
    probs = np.array([model.probability(ex, v) for ex, v in zip(examples, vectors, strict=True)])
    y = np.asarray(labels)
    p = np.clip(probs, 1e-9, 1 - 1e-9)
    loss = -float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    kept = probs >= model.threshold
    tp = int((kept & (y == 1)).sum())
    prec, rec = tp / max(1, int(kept.sum())), tp / max(1, int(y.sum()))
    return (f"held-out cues: log loss {loss:.4f}  P {prec:.3f}  R {rec:.3f}  "
            f"F1 {2 * prec * rec / max(1e-9, prec + rec):.3f}")


def lemma_view(
    items: list[tuple[str, str, list[Gold]]], docs: list[Doc], model: CueModel, top: int
) -> str:
    """What becomes of the gold cue verbs of ``items``, by lemma (the ``top`` with most lost):
    rejected by the cue ``model``, accepted but given no statement (the content model's "no
    statement", or a rule), given a statement that matches no gold fragment of that cue
    (character Jaccard < 0.5), or one that does."""
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


def _content_model(
    weights: dict[str, float], threshold: float, dense: dict[str, object]
) -> ContentModel:
    """The content model these weights make, as ``content_model()`` loads it."""
    arrays = {k: np.asarray(v, np.float32) if isinstance(v, list) else v
              for k, v in dense.items()}
    return ContentModel(weights, threshold, **arrays)  # type: ignore[arg-type]


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
    ap.add_argument("--dense", nargs="*", default=[p for p, _ in DENSE_PARTS],
                    help="cue model: the blocks of cue_model.DENSE_PARTS used (tensor, words, "
                    "or one block by name; none: binary features only)")
    ap.add_argument("--content-dense", nargs="*", default=["span", "none"],
                    help="content model: dense blocks used (span: span_vector, none: "
                    "none_vector)")
    ap.add_argument("--dense-scale", type=float, default=1.0,
                    help="cue model: the standardised dense columns are multiplied by this")
    ap.add_argument("--lemmas", type=int, default=0,
                    help="with --holdout: what becomes of the held-out gold cue verbs, for the "
                    "N lemmas with most lost (at the last --threshold)")
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
    with_tensors(docs, args.cache)
    a, b = args.holdout_from, args.holdout_from + args.holdout
    held, held_docs = items[a:b], docs[a:b]
    items, docs = items[:a] + items[b:], docs[:a] + docs[b:]
    examples, labels, vectors = cue_examples(items, docs, seeds)
    mask = _dense_block(vectors, frozenset(args.dense))
    weights, bias, accuracy, dense, offset = _fit(
        examples, labels, 0.5, vectors[:, mask] if mask.any() else None, args.dense_scale
    )
    if dense:
        full = np.zeros(len(mask))
        full[mask] = dense
        dense = [float(v) for v in full]
    print(f"cue model: {len(labels)} candidates ({sum(labels)} cues), "
          f"{len(weights)} weights, {int(mask.sum())} dense, train accuracy {accuracy:.3f}")
    cues = CueModel(weights, bias, seeds, args.cue_threshold,
                    np.asarray(dense, np.float32) if dense else None, offset)
    groups = content_groups(items, docs, cues)
    c_weights, c_accuracy, c_dense = _fit_softmax(
        groups, args.c, frozenset(args.content_dense), args.dense_scale
    )
    print(f"content model: {len(groups)} cues, "
          f"{sum(len(labels) for _, labels, _ in groups)} options, "
          f"{len(c_weights)} weights, right option ranked first {c_accuracy:.3f}")
    if args.holdout:
        print(cue_scores(cues, *cue_examples(held, held_docs, seeds)))
        # score the models fitted here, not the shipped ones
        cues_module.cue_model = lambda: cues  # type: ignore[assignment]
        attribution.content_model = lambda: None  # type: ignore[assignment]
        print(f"held out {len(held)}, rules:  {holdout_scores(held, held_docs)}")
        for threshold in args.threshold:
            contents = _content_model(c_weights, threshold, c_dense)
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
           {"threshold": args.threshold[0], **c_dense, "weights": c_weights})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
