"""What the content model can choose and what it chooses, on held-out PolNeAR train articles.

    uv run python bench/quote_candidates.py --cache /tmp/polnear_train.spacy --holdout 100
    uv run python bench/quote_candidates.py --cache /tmp/polnear_train.spacy --holdout 150 \\
        --holdout-from 300 --show 2

Fits the cue and content models on the other train articles (as ``scripts/train_quotes.py
--holdout`` does; never dev) and, for every cue whose statement the content model chooses on
the held-out ones, prints:

* outcomes: the right candidate chosen; a right one (every fragment matching a gold fragment
  cued there, character Jaccard >= 0.5) there but another or "no statement" chosen; none right
  and a candidate kept (split into cues with and without a gold attribution) or dropped;
* kind pairs: for a wrong choice, the chosen kind against the kinds that were right;
* no right candidate, cue with a gold attribution: where the gold content lies against the cue
  verb (after, before, around; its fragment count) and how its root(s) hang from the verb
  (``child:dobj``: an object of the cue; ``desc:pobj``: a prepositional object below it;
  ``ancestor:ROOT``: a clause the cue's clause modifies, "As X reported, ...").
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc, Token

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import train_quotes as tq  # noqa: E402

from newsgraph.extract.content_model import (  # noqa: E402
    ContentModel,
    none_features,
    span_features,
)
from newsgraph.extract.cue_model import CueModel  # noqa: E402
from polnear import Gold, Range, load  # noqa: E402
from quotes import _trim, overlaps  # noqa: E402


def _relation(tok: Token, verb: Token) -> str:
    """How ``tok`` (a root of the gold content) hangs from the cue ``verb``."""
    if tok.i == verb.i:
        return "verb"
    if tok.head.i == verb.i:
        return f"child:{tok.dep_}"
    if verb.i in {a.i for a in tok.ancestors}:
        return f"desc:{tok.dep_}"
    if tok.i in {a.i for a in verb.ancestors}:
        return f"ancestor:{tok.dep_}"
    return f"other:{tok.dep_}"


def _gold_shape(doc: Doc, frags: list[Range], cue: Range, verb: Token) -> str:
    where = ("after" if frags[0][0] >= cue[1] else "before" if frags[-1][1] <= cue[0]
             else "around")
    ids: set[int] = set()
    for a, b in frags:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            ids |= set(range(span.start, span.end))
    roots = sorted(i for i in ids if doc[i].head.i not in ids or doc[i].head.i == i)
    rel = ",".join(sorted({_relation(doc[i], verb) for i in roots})) if len(roots) <= 2 else (
        f"{len(roots)} roots")
    return f"{len(frags)} fragment(s), {where}, {rel}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cache", type=Path, help="DocBin of the parsed train split")
    ap.add_argument("--holdout", type=int, default=100)
    ap.add_argument("--holdout-from", type=int, default=0)
    ap.add_argument("--top", type=int, default=15, help="groups printed per table")
    ap.add_argument("--show", type=int, default=0, help="examples printed per group")
    args = ap.parse_args()
    seeds = frozenset(ln.strip() for ln in tq.SEEDS.read_text(encoding="utf-8").splitlines()
                      if ln.strip() and not ln.startswith("#"))
    items = load("train")
    docs = tq.parsed([text for _, text, _ in items], args.cache)
    a, b = args.holdout_from, args.holdout_from + args.holdout
    held, held_docs = items[a:b], docs[a:b]
    rest, rest_docs = items[:a] + items[b:], docs[:a] + docs[b:]
    rows = tq.cue_examples(rest, rest_docs, seeds)
    weights, bias, _ = tq._fit(rows.examples(), rows.labels, 0.5)
    cue_model = CueModel(weights, bias, seeds, tq.CUE_THRESHOLD)
    content_weights, _ = tq._fit_softmax(tq.content_groups(rest, rest_docs, cue_model), 0.2)
    cue_model = replace(cue_model, stack=tq.fit_stack(rows, 0.5, tq.TREES))
    model = ContentModel(content_weights)
    outcomes: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    for text, doc, gold, opts, site, cands in tq.decisions(held, held_docs, cue_model):
        if not cands:
            continue
        matched = [tq._matched(opts.cue, c.content, gold) for c in cands]
        right = {i for i, (m, u) in enumerate(matched) if m > 0 and u == 0}
        scores = [model.score(span_features(site, c)) for c in cands]
        none = model.score(none_features(site))
        top = max(*scores, none)
        total = sum(math.exp(s - top) for s in scores) + math.exp(none - top)
        k = max(range(len(scores)), key=scores.__getitem__)
        kept = math.exp(scores[k] - top) / total >= model.threshold
        cued: list[Gold] = [g for g in gold if any(overlaps(opts.cue, c) for c in g.cue)]
        said = [text[x:y][:80] for x, y in cands[k].content]
        if right and kept and k in right:
            outcomes["right candidate chosen"] += 1
            continue
        if right:
            outcomes["a right candidate, " + ("another chosen" if kept else
                                              "no statement chosen")] += 1
            kinds = ",".join(sorted({cands[i].kind.split(":")[0] for i in right}))
            group = f"{cands[k].kind.split(':')[0] if kept else 'NONE'} over {kinds}"
            pairs[group] += 1
        elif not cued:
            outcomes["no gold there, " + ("a candidate kept" if kept else
                                           "dropped")] += 1
            continue
        else:
            outcomes["gold there, no right candidate, " + (
                "one kept" if kept else "dropped")] += 1
            frags = sorted(_trim(text, f) for f in cued[0].content)
            group = _gold_shape(doc, frags, opts.cue, site.verb)
            missing[group] += 1
        gold_words = [text[x:y][:80] for x, y in cued[0].content] if cued else []
        shown.setdefault(group, []).append(
            f"{text[opts.cue[0]:opts.cue[1]]!r}: chose {said} gold {gold_words}")
    print(f"held out {len(held)} train articles from {a}: "
          f"{sum(outcomes.values())} cues the content model decides")
    for name, n in outcomes.most_common():
        print(f"  {n:5}  {name}")
    for title, table in (("wrong choice: chosen over right kinds", pairs),
                         ("no right candidate: where the gold content is", missing)):
        print(title)
        for group, n in table.most_common(args.top):
            print(f"  {n:5}  {group}")
            for line in shown[group][: args.show]:
                print(f"           {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
