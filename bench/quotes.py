"""Attribution accuracy of ``newsgraph_quotes`` on PolNeAR, and the stage's cost.

    uv run python bench/quotes.py                 # dev split (the figures we report)
    uv run python bench/quotes.py --show 20       # also print 20 missed and 20 spurious contents

Reads ``../shared/data/polnear/<split>`` (one annotator file per article: the first by name).
Units are content fragments: a gold content with several fragments counts each, and so does each
``Quote`` (a split quote is two). Printed:

* content exact-match P/R/F1 (equal after trimming white space and . , ; : at the edges);
* content overlap P/R/F1: one-to-one matches of character Jaccard >= 0.5;
* source accuracy on overlap-matched contents: the predicted ``speaker_span`` overlaps a gold
  Source fragment (or both are absent);
* full-attribution P/R/F1: overlap-matched content with a correct source;
* speed: the quote stage's time as a ratio of the bare spaCy parse, measured in this run.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from newsgraph import nlp as nlp_loader
from newsgraph.extract.actors import find_actors
from newsgraph.extract.quotes import find_quotes
from newsgraph.model import Quote
from newsgraph.settings import Settings
from polnear import DATA, Gold, Range, load

_EDGE = " \t\n\r\xa0.,;:"


def _trim(text: str, r: Range) -> Range:
    a, b = r
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def jaccard(a: Range, b: Range) -> float:
    """Character Jaccard of two ranges (the overlap test scores with it)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    matched: int = 0
    source_ok: int = 0

    def scores(self, tp: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for ``tp`` true positives."""
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, tp: int) -> str:
        p, r, f = self.scores(tp)
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def score(
    text: str, gold: list[Gold], quotes: list[Quote], counts: Counts, show: list[str]
) -> None:
    units = [(_trim(text, frag), g) for g in gold for frag in g.content]
    preds = [(_trim(text, (q.span.start, q.span.end)), q) for q in quotes]
    counts.gold += len(units)
    counts.pred += len(preds)
    gold_exact = {u for u, _ in units}
    counts.exact += sum(1 for p, _ in preds if p in gold_exact)
    pairs = sorted(
        (
            (jaccard(u, p), i, j)
            for i, (u, _) in enumerate(units)
            for j, (p, _) in enumerate(preds)
            if overlaps(u, p)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for jac, i, j in pairs:
        if jac < 0.5 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        counts.matched += 1
        g, q = units[i][1], preds[j][1]
        if _source_ok(g, q):
            counts.source_ok += 1
    show.extend(f"MISS  {text[slice(*u)][:150]!r}" for i, (u, _) in enumerate(units)
                if i not in used_g)
    show.extend(f"EXTRA {text[slice(*p)][:150]!r}" for j, (p, _) in enumerate(preds)
                if j not in used_p)


def _source_ok(g: Gold, q: Quote) -> bool:
    if q.speaker_span is None:
        return not g.source
    s = (q.speaker_span.start, q.speaker_span.end)
    return any(overlaps(s, f) for f in g.source)


@dataclass
class Run:
    """One benchmark run: the counts, the misses and extras, and the two timings."""

    counts: Counts
    shown: list[str]
    parse_s: float
    quote_s: float


def evaluate(items: list[tuple[str, str, list[Gold]]]) -> Run:
    """Parse ``items`` (name, text, gold), find their quotes and score them."""
    nlp = nlp_loader.load(Settings(components=()))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(text for _, text, _ in items))
    parse_s = time.perf_counter() - t0
    actors = [find_actors(doc) for doc in docs]
    t0 = time.perf_counter()
    predicted = [find_quotes(doc, a) for doc, a in zip(docs, actors, strict=True)]
    quote_s = time.perf_counter() - t0
    counts = Counts()
    shown: list[str] = []
    for (_, text, gold), quotes in zip(items, predicted, strict=True):
        score(text, gold, quotes, counts, shown)
    return Run(counts, shown, parse_s, quote_s)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--show", type=int, default=0, help="print N missed and N spurious")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"{DATA}: PolNeAR not found", file=sys.stderr)
        return 2
    items = load(args.split)
    if args.limit:
        items = items[: args.limit]
    run = evaluate(items)
    counts, shown, parse_s, quote_s = run.counts, run.shown, run.parse_s, run.quote_s
    print(f"PolNeAR {args.split}: {len(items)} articles, {counts.gold} gold content fragments, "
          f"{counts.pred} predicted")
    print(f"content exact match   {counts.prf(counts.exact)}")
    print(f"content overlap       {counts.prf(counts.matched)}   (char Jaccard >= 0.5)")
    acc = counts.source_ok / counts.matched if counts.matched else 0.0
    print(f"source accuracy       {acc:.3f}   on {counts.matched} matched contents")
    print(f"full attribution      {counts.prf(counts.source_ok)}")
    print(f"speed                 quote stage {quote_s:.2f}s = {quote_s / parse_s:.1%} of the "
          f"bare spaCy parse ({parse_s:.2f}s, same run)")
    if args.show:
        misses = [s for s in shown if s.startswith("MISS")][: args.show]
        extras = [s for s in shown if s.startswith("EXTRA")][: args.show]
        print("\n".join(misses + extras))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
