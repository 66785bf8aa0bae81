"""Rebuild ``src/newsgraph/resources/quote_cues.tsv``, the cue table of ``newsgraph_quotes``.

    uv run python scripts/train_quotes.py            # PolNeAR train split only, never dev

For every candidate verb of the train split, ``cues.verb_cue`` gives its statement frame
("clause", "object-clause", "object", "prep", "none") and content. A (lemma, frame) pair is
counted a hit when a gold attribution has its cue on that verb and a content whose extent has
character Jaccard >= 0.5 with ours (for "none": the verb is a gold cue). The table keeps each
pair's precision. Hand-checked speech verbs (``scripts/quote_cue_seeds.txt``) get precision 1.0
in the "clause" and "none" frames when the train split has fewer than 5 examples of them.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from polnear import Gold, Range, load  # noqa: E402

from newsgraph import nlp as nlp_loader  # noqa: E402
from newsgraph.extract.cues import FRAMES, is_cue_candidate, verb_cue  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "resources" / "quote_cues.tsv"
SEEDS = ROOT / "scripts" / "quote_cue_seeds.txt"
MIN_COUNT = 3
MIN_KEPT_PRECISION = 0.2
SEED_TRUSTED_BELOW = 5


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
        if frame == "none" or content is None:
            return True
        if _jaccard(content, _hull(g.content)) >= 0.5:
            return True
    return False


def main() -> int:
    items = load("train")
    nlp = nlp_loader.load(Settings(components=()))
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    texts = (text for _, text, _ in items)
    for n, ((_, _, gold), doc) in enumerate(zip(items, nlp.pipe(texts), strict=True), 1):
        for sent in doc.sents:
            for tok in sent:
                if not is_cue_candidate(tok):
                    continue
                cue = verb_cue(sent, tok)
                content = None
                if cue.content:
                    a, b = _hull(list(cue.content))
                    content = (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
                key = (tok.lemma_.lower(), cue.frame)
                seen[key] += 1
                verb = (tok.idx, tok.idx + len(tok.text))
                hits[key] += _hit(verb, cue.frame, content, gold)
        if n % 100 == 0:
            print(f"{n}/{len(items)} articles", file=sys.stderr)
    seeds = [
        ln.strip()
        for ln in SEEDS.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    rows: dict[tuple[str, str], tuple[float, int]] = {}
    for key, count in seen.items():
        precision = hits[key] / count
        if count >= MIN_COUNT and precision >= MIN_KEPT_PRECISION:
            rows[key] = (precision, count)
    for lemma in seeds:
        for frame in ("clause", "none"):
            if seen[lemma, frame] < SEED_TRUSTED_BELOW:
                rows[lemma, frame] = (1.0, seen[lemma, frame])
    lines = [
        "# lemma\tframe\tprecision\tcount  (PolNeAR train; rebuilt by scripts/train_quotes.py)"
    ]
    for (lemma, frame), (precision, count) in sorted(
        rows.items(), key=lambda kv: (kv[0][0], FRAMES.index(kv[0][1]))
    ):
        lines.append(f"{lemma}\t{frame}\t{precision:.3f}\t{count}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = sum(1 for p, _ in rows.values() if p >= 0.5)
    print(f"{OUT.name}: {len(rows)} (lemma, frame) rows, {kept} with precision >= 0.5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
