"""Where newsgraph's own time goes, the spaCy parse left out: CPU time per component, and
cProfile's view of the functions under them.

    uv run python bench/profile_components.py --articles 60 --repeat 3        # CPU per stage
    uv run python bench/profile_components.py --articles 40 --profile --top 40
    uv run python bench/profile_components.py --sentences --repeat 5   # PLV dev sentences

Parses the first ``--articles`` PolNeAR texts (``../shared/data/polnear``, read in place) with
the model's own components, untimed, then runs language detection and newsgraph's components
(``settings.components``) over copies of the parsed Docs: ``--repeat`` times, each on fresh
copies (nothing a component keeps per Doc carries over), printing each stage's best CPU time;
or once under cProfile (``--profile``, after one untimed round), printing the top functions
(the profiler's per-call cost inflates small, frequent calls such as spaCy's ``Token`` creation
several times over).
``--sentences`` takes the 210 one-sentence texts of the PLV dev split instead (``bench/events.py``
measures its speed on them), where per-document costs weigh most.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
SEED = ROOT.parent / "shared" / "samples" / "kazakhstan-2022-01-08.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds; best kept")
    parser.add_argument("--profile", action="store_true", help="one round under cProfile")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative,tottime", help="pstats sort keys, by comma")
    parser.add_argument("--callers", default="", help="print the callers of these functions")
    parser.add_argument("--callees", default="", help="print what these functions call")
    parser.add_argument(
        "--sentences", action="store_true", help="the PLV dev sentences instead of articles"
    )
    args = parser.parse_args()

    from newsgraph import nlp as nlp_loader
    from newsgraph.model import Article
    from newsgraph.read.language import detect_language
    from newsgraph.settings import DEFAULT_SETTINGS

    if args.sentences:
        sys.path.insert(0, str(ROOT / "bench"))
        from plover_data import dev_train_split, plv_rows

        texts = [r.text for r in dev_train_split(plv_rows())[1]]
    else:
        files = sorted(POLNEAR.glob("*/text/*.txt"))[: args.articles]
        texts = [f.read_text(encoding="utf-8") for f in files]
    if not texts:
        sys.exit(f"no texts under {POLNEAR}")
    nlp = nlp_loader.load(DEFAULT_SETTINGS)
    ours = [(name, c) for name, c in nlp.pipeline if name in DEFAULT_SETTINGS.components]
    with nlp.select_pipes(disable=[name for name, _ in ours]):
        warm = list(nlp.pipe([SEED.read_text(encoding="utf-8"), *texts[:2]]))
        parsed = [d.to_bytes(exclude=["user_data"]) for d in nlp.pipe(texts)]
    for doc in warm:  # resources load on the first documents: not what is measured
        detect_language(doc.text)
        doc._.article = Article(text=doc.text, published="2022-01-08")
        for _, component in ours:
            component(doc)

    def fresh() -> list[Doc]:
        docs = [Doc(nlp.vocab).from_bytes(b) for b in parsed]
        for doc, text in zip(docs, texts, strict=True):
            doc._.article = Article(text=text)
        return docs

    stages: list[tuple[str, Callable[[Doc], object]]] = [
        ("language detection", lambda doc: detect_language(doc._.article.text)),
        *ours,
    ]

    def one_round(docs: list[Doc]) -> dict[str, float]:
        seconds = dict.fromkeys((name for name, _ in stages), 0.0)
        for doc in docs:
            for name, stage in stages:
                start = time.process_time()
                stage(doc)
                seconds[name] += time.process_time() - start
        return seconds

    if args.profile:
        one_round(fresh())  # as the timed rounds after the first: word caches warm
        docs = fresh()
        profiler = cProfile.Profile()
        profiler.enable()
        best = one_round(docs)
        profiler.disable()
        stats = pstats.Stats(profiler)
        for key in args.sort.split(","):
            print(f"\n## top {args.top} by {key}")
            stats.sort_stats(key).print_stats(args.top)
        for name in filter(None, args.callers.split(",")):
            stats.print_callers(name)
        for name in filter(None, args.callees.split(",")):
            stats.print_callees(name)
        print(f"## CPU seconds under the profiler, {len(docs)} texts")
    else:
        rounds = [one_round(fresh()) for _ in range(args.repeat)]
        best = {name: min(r[name] for r in rounds) for name, _ in stages}
        print(f"## CPU seconds per stage, {len(texts)} texts, best of {args.repeat}")
    for name, s in best.items():
        print(f"{name:24} {s:7.3f} s")
    print(f"{'total':24} {sum(best.values()):7.3f} s")


if __name__ == "__main__":
    main()
