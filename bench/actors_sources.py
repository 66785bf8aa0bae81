"""How often a PolNeAR attribution source is an actor mention: the speakers quotes need.

    uv run python bench/actors_sources.py [--split dev] [--limit N]

PolNeAR (``../shared/data/polnear``) marks the Source of every attribution ("The New York
Post", "he", "the spokeswoman", "sources"). It has no actor identities, so this measures
coverage, not correctness: the share of sources that ``actor_at`` maps to some actor, by kind
of source (proper name, pronoun, other noun phrase). One annotator's file per article.
"""

from __future__ import annotations

import argparse
from collections import Counter

import newsgraph
from newsgraph.extract.actors import actor_at
from newsgraph.model import Article
from polnear import load

PRONOUNS = frozenset(
    ["he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "we", "i", "you"]
)


def kind_of(text: str) -> str:
    words = text.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if any(w[:1].isupper() for w in words[1:]) or (
        words and words[0][:1].isupper() and words[0].lower() not in {"the", "a", "an"}
    ):
        return "name"
    return "noun phrase"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    items = load(args.split)[: args.limit or None]
    gold = {name: attributions for name, _text, attributions in items}
    articles = [Article(text=text, language="en", source=name) for name, text, _ in items]
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc in newsgraph.analyze_articles(articles):
        text = doc.article.text
        for attribution in gold[doc.article.source or ""]:
            if not attribution.source:
                continue
            start, end = attribution.source[0]  # a fragmented source: its first fragment
            kind = kind_of(text[start:end])
            total[kind] += 1
            hit[kind] += actor_at(doc.actors, start, end) is not None
    print(f"{len(articles)} {args.split} articles, {sum(total.values())} sources")
    for kind in ("name", "pronoun", "noun phrase"):
        print(f"  {kind:<12} {hit[kind] / max(total[kind], 1):.3f} ({hit[kind]}/{total[kind]})")
    print(f"  {'all':<12} {sum(hit.values()) / max(sum(total.values()), 1):.3f}")


if __name__ == "__main__":
    main()
