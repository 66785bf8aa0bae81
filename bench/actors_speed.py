"""How much the actors component adds to the bare spaCy parse.

    uv run python bench/actors_speed.py [--articles 40] [--repeat 3]

Parses the first N PolNeAR dev articles (``../shared/data/polnear/dev/text``) with the bare
pipeline, times ``find_actors`` on the parsed Docs, and prints both times and their ratio.
Then, as a check, times ``nlp.pipe`` with and without the component in the same process.
Each figure is the best of ``--repeat`` runs, the two pipelines interleaved.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsgraph.extract.actors import find_actors
from newsgraph.extract.lexicon import country_of
from newsgraph.nlp import load
from newsgraph.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def best_of(repeat: int, work: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[: args.articles]]
    paragraphs = sum(len([x for x in t.split("\n") if x.strip()]) for t in texts)
    words = sum(len(t.split()) for t in texts)
    bare = load(Settings(components=()))
    full = load(Settings(components=("newsgraph_actors",)))
    country_of("warm-up")  # load the lexicon outside the timings
    docs = list(bare.pipe(texts))
    t_actors = best_of(args.repeat, lambda: [find_actors(d) for d in docs])
    t_parse = t_full = float("inf")
    for _ in range(args.repeat):  # interleaved, so that load on the machine hits both alike
        t_parse = min(t_parse, best_of(1, lambda: list(bare.pipe(texts))))
        t_full = min(t_full, best_of(1, lambda: list(full.pipe(texts))))
    n_actors = sum(len(find_actors(d)) for d in docs)
    print(f"{len(texts)} articles, {paragraphs} paragraphs, {words} words")
    print(f"bare parse (nlp.pipe)        {t_parse:7.2f} s")
    print(f"find_actors on parsed docs   {t_actors:7.2f} s  ({n_actors} actors)")
    print(f"component / parse            {t_actors / t_parse:7.1%}")
    print(f"nlp.pipe with the component  {t_full:7.2f} s  ({t_full / t_parse:.3f}x the bare parse)")


if __name__ == "__main__":
    main()
