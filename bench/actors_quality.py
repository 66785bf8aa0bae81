"""Actor quality on the seed article and the hand-written articles of ``bench/actors_gold.json``.

    uv run python bench/actors_quality.py [-v]

For each article, and in total, prints:
- actor recall: gold actors found as exactly one actor (by name or alias);
- named precision: system PERSON/ORG actors with a proper name that are gold actors;
- kind, country and sector accuracy, and role recall, over the gold actors found;
- link accuracy: pronouns and noun phrases ("he", "its", "the ministry") mapped through
  ``actor_at`` to the right actor.
Articles marked ``heldout`` were written after the rules were tuned on the others and are
totalled apart. ``-v`` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import newsgraph
from newsgraph.extract.actors import actor_at
from newsgraph.model import Actor, Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).with_name("actors_gold.json")


@dataclass
class Score:
    counts: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, metric: str, ok: bool, miss: str) -> None:
        hit_total = self.counts.setdefault(metric, [0, 0])
        hit_total[0] += ok
        hit_total[1] += 1
        if not ok:
            self.misses.append(f"{metric}: {miss}")

    def line(self) -> str:
        return "  ".join(f"{m} {h / t:.2f} ({h}/{t})" for m, (h, t) in self.counts.items() if t)


def analyse(entry: dict[str, Any]) -> Document:
    if "source" in entry:
        articles = newsgraph.iter_articles([str(ROOT / entry["source"])])
        return next(newsgraph.analyze_articles(articles))
    return newsgraph.analyze(entry["text"], language="en")


def find(doc: Document, name: str) -> list[Actor]:
    return [a for a in doc.actors if a.name.lower() == name.lower() or name in a.aliases]


def score_article(entry: dict[str, Any], doc: Document, score: Score) -> None:
    gold_names = set()
    for gold in entry["actors"]:
        found = find(doc, gold["name"])
        gold_names.update(x.lower() for x in [gold["name"]])
        score.add("recall", len(found) == 1, f"{gold['name']} -> {[a.name for a in found]}")
        if len(found) != 1:
            continue
        actor = found[0]
        gold_names.update(x.lower() for x in (actor.name, *actor.aliases))
        for attr in ("kind", "country", "sector"):
            want, got = gold[attr], getattr(actor, attr)
            score.add(attr, want == got, f"{gold['name']}: {got} (want {want})")
        for role in gold.get("roles", []):
            score.add("roles", role in actor.roles, f"{gold['name']}: {actor.roles} (want {role})")
    for actor in doc.actors:
        if actor.kind in {"PERSON", "ORG"} and actor.name.split()[-1][:1].isupper():
            ok = actor.name.lower() in gold_names
            score.add("precision", ok, f"{actor.name} ({actor.kind}) is not a gold actor")
    text = doc.article.text
    for fragment, word, want in entry.get("links", []):
        at = text.find(fragment)
        if at < 0:
            score.add("links", False, f"fragment not in text: {fragment!r}")
            continue
        start = at + re.search(rf"\b{re.escape(word)}\b", fragment).start()  # type: ignore[union-attr]
        got = actor_at(doc.actors, start, start + len(word))
        names = (got.name, *got.aliases) if got else ()
        miss = f"{fragment!r}: {got.name if got else None} (want {want})"
        score.add("links", want in names, miss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    entries = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    totals = {False: Score(), True: Score()}
    for entry in entries:
        total = totals[bool(entry.get("heldout"))]
        doc = analyse(entry)
        score = Score()
        score_article(entry, doc, score)
        print(f"{entry['id']:<14} {score.line()}")
        if args.verbose:
            for miss in score.misses:
                print(f"    - {miss}")
        for metric, (h, t) in score.counts.items():
            agg = total.counts.setdefault(metric, [0, 0])
            agg[0] += h
            agg[1] += t
    print(f"{'TUNED ON':<14} {totals[False].line()}")
    print(f"{'HELD OUT':<14} {totals[True].line()}")


if __name__ == "__main__":
    main()
