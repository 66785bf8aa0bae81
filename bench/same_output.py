"""Byte-for-byte output check: does the pipeline still write exactly the same Documents?

    uv run python bench/same_output.py --write     # record the baseline (before a change)
    uv run python bench/same_output.py             # compare against it (after the change)

Runs the default pipeline over a fixed set of articles: the repository's ``examples/``, the seed
article (``../shared/samples``), the first ``--polnear`` PolNeAR texts (dev then train, with
their publication dates from ``metadata.tsv``) and ``--plover`` PLV_train sentences grouped ten
to an article (dated 2020-01-01); data are read in place from ``../shared/data``, never copied.
Each Document's schema-1 JSON (keys sorted) is one line of the baseline file (default under
/tmp). The comparison prints the first differing articles and their first differing fields,
and exits 1 if anything differs, so a speed change can be shown to change no output.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
PLV = SHARED / "data" / "plover" / "PLV_train.tsv"
SEED = SHARED / "samples" / "kazakhstan-2022-01-08.txt"
DEFAULT_BASELINE = Path("/tmp/newsgraph_same_output.jsonl")


def articles(n_polnear: int, n_plover: int) -> Iterator[object]:
    """The fixed input set, always in the same order."""
    from newsgraph.errors import InputError
    from newsgraph.model import Article
    from newsgraph.read import iter_articles

    for item in iter_articles([ROOT / "examples", SEED]):
        if not isinstance(item, InputError):
            yield item
    dates: dict[str, str] = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    files = sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    files += sorted((POLNEAR / "train" / "text").glob("*.txt"))
    for path in files[:n_polnear]:
        text = path.read_text(encoding="utf-8")
        yield Article(text=text, published=dates.get(path.stem), source=f"polnear/{path.name}")
    with PLV.open(encoding="utf-8") as f:
        sentences = [row["sentence"] for row in csv.DictReader(f, delimiter="\t")][:n_plover]
    for start in range(0, len(sentences), 10):
        yield Article(
            text="\n\n".join(sentences[start : start + 10]),
            published="2020-01-01",
            source=f"PLV_train#{start // 10 + 1}",
        )


def outputs(n_polnear: int, n_plover: int) -> list[str]:
    from newsgraph.pipeline import analyze_articles

    return [
        json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False)
        for doc in analyze_articles(articles(n_polnear, n_plover))  # type: ignore[arg-type]
    ]


def first_difference(a: object, b: object, path: str = "") -> str:
    """Where two JSON values first differ, as a path and the two values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items in the baseline, {len(b)} now"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: baseline {json.dumps(a)[:300]}\n    now      {json.dumps(b)[:300]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="record the baseline")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    parser.add_argument("--polnear", type=int, default=60, help="PolNeAR texts")
    parser.add_argument("--plover", type=int, default=300, help="PLV_train sentences")
    parser.add_argument("--show", type=int, default=5, help="differing articles to show")
    args = parser.parse_args()
    start = time.perf_counter()
    lines = outputs(args.polnear, args.plover)
    seconds = time.perf_counter() - start
    n_events = sum(len(json.loads(line)["events"]) for line in lines)
    summary = f"{len(lines)} documents, {n_events} events, {seconds:.1f} s"
    if args.write:
        args.baseline.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"baseline written to {args.baseline}: {summary}")
        return
    if not args.baseline.exists():
        sys.exit(f"{args.baseline}: no baseline; record one first with --write")
    baseline = args.baseline.read_text(encoding="utf-8").splitlines()
    if len(baseline) != len(lines):
        sys.exit(f"{len(lines)} documents now, {len(baseline)} in {args.baseline}")
    differing = [i for i, (a, b) in enumerate(zip(baseline, lines, strict=True)) if a != b]
    for i in differing[: args.show]:
        old, new = json.loads(baseline[i]), json.loads(lines[i])
        print(f"- {old['article'].get('source') or old['article']['id']}")
        print("    " + first_difference(old, new))
    if differing:
        sys.exit(f"{len(differing)} of {len(lines)} documents differ from {args.baseline}")
    print(f"identical to {args.baseline}: {summary}")


if __name__ == "__main__":
    main()
