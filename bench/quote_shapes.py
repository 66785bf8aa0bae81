"""Content recall of ``newsgraph_quotes`` by the shape of PolNeAR's gold contents: which
multi-fragment shapes the annotators mark and how many of their fragments the bench matches.

    uv run python bench/quote_shapes.py --cache /tmp/polnear_train.spacy --split train --limit 450
    uv run python bench/quote_shapes.py --show 5          # dev, with missed examples per shape

A fragment counts as found when a predicted content has character Jaccard >= 0.5 with it (as in
``bench/quotes.py``, without the one-to-one matching). Shapes, each split into quoted (``|q``, a
fragment opens with a quote mark) and unquoted (``|u``):

* ``one``: a single fragment;
* ``multi_sent``: fragments in several sentences;
* ``ci_rel``: the cue inside, the first fragment a relative pronoun ("which || was ...");
* ``ci_comma``: the cue's clause between commas ("X, he said, Y");
* ``ci_comma_left``: a comma after the first fragment only;
* ``ci_src``: the source between the fragments (no commas around);
* ``ci_about``: the cue inside otherwise (the subject of a passive cue: "X || is expected || to");
* ``after_cue`` / ``before_cue``: all fragments on one side of the cue, split by other words;
* ``paren``: split by brackets or dashes; ``other``: the rest.

``--cache`` reads (or writes) the parsed split as ``scripts/train_quotes.py`` does.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.extract.quotes import find_quotes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from train_quotes import parsed  # noqa: E402

from polnear import Gold, Range, load  # noqa: E402
from quotes import _trim, jaccard  # noqa: E402

_RELATIVE = frozenset({"which", "who", "that", "what", "whom"})
_COMMAS = re.compile(r"^[\s\"”’']*,.*,[\s\"“‘']*$", re.S)
_COMMA_LEFT = re.compile(r"^[\s\"”’']*,")


def shape(text: str, doc: Doc, g: Gold, frags: list[Range]) -> str:
    """The shape of one gold content (its fragments trimmed and in order)."""
    if len(frags) == 1:
        return "one"
    sents = {doc.char_span(a, b, alignment_mode="expand")[0].sent.start for a, b in frags}
    if len(sents) > 1:
        return "multi_sent"
    cue = g.cue[0] if g.cue else None
    if cue is not None and frags[0][1] <= cue[0] and frags[-1][0] >= cue[1]:
        i = max(k for k, f in enumerate(frags) if f[1] <= cue[0])
        between = text[frags[i][1] : frags[i + 1][0]]
        if text[slice(*frags[0])].lower() in _RELATIVE:
            return "ci_rel"
        if _COMMAS.match(between):
            return "ci_comma"
        if _COMMA_LEFT.match(between):
            return "ci_comma_left"
        if g.source and frags[0][1] <= g.source[0][0]:
            return "ci_src"
        return "ci_about"
    gaps = [text[a[1] : b[0]] for a, b in zip(frags, frags[1:], strict=False)]
    if any("(" in s or "—" in s or "--" in s for s in gaps):
        return "paren"
    if cue is not None and all(f[0] >= cue[1] for f in frags):
        return "after_cue"
    if cue is not None and all(f[1] <= cue[0] for f in frags):
        return "before_cue"
    return "other"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0, help="the first N articles (0: all)")
    ap.add_argument("--cache", type=Path,
                    help="DocBin of the whole parsed split (outside the repo; as train_quotes.py)")
    ap.add_argument("--show", type=int, default=0, help="missed examples per shape")
    args = ap.parse_args()
    items = load(args.split)
    if args.cache is not None:  # the cache holds the whole split
        docs = parsed([text for _, text, _ in items], args.cache)
    if args.limit:
        items = items[: args.limit]
    if args.cache is None:
        docs = parsed([text for _, text, _ in items], None)
    docs = docs[: len(items)]
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: dict[str, list[str]] = {}
    for (_, text, gold), doc in zip(items, docs, strict=True):
        preds = [_trim(text, (q.span.start, q.span.end)) for q in find_quotes(doc, ())]
        for g in gold:
            frags = sorted(_trim(text, f) for f in g.content)
            frags = [f for f in frags if f[0] < f[1]]
            if not frags:
                continue
            kind = shape(text, doc, g, frags)
            quoted = any(text[a] in "\"“'‘" for a, _ in frags)
            for key in (kind, f"{kind}|{'q' if quoted else 'u'}"):
                for f in frags:
                    total[key] += 1
                    found[key] += any(jaccard(f, p) >= 0.5 for p in preds)
            hit = all(any(jaccard(f, p) >= 0.5 for p in preds) for f in frags)
            shown = missed.setdefault(kind, [])
            if not hit and len(shown) < args.show:
                cue = text[slice(*g.cue[0])] if g.cue else "-"
                shown.append(" || ".join(text[a:b][:80] for a, b in frags) + f"  [cue {cue!r}]")
    print(f"{'shape':18} {'fragments':>9} {'recall':>6} {'missed':>6}")
    for key in sorted(total):
        print(f"{key:18} {total[key]:9} {found[key] / total[key]:6.2f} "
              f"{total[key] - found[key]:6}")
    for kind, shown in sorted(missed.items()):
        if shown:
            print(f"== {kind}")
            print("\n".join(f"   {s}" for s in shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
