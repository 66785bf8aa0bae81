"""Our stages' CPU time on the PLV dev sentences, this code against another checkout's, taking
turns round by round: the comparison to judge a speed change by on a shared, noisy machine.

    git worktree add ../base <commit> && (cd ../base && uv sync --all-extras)
    uv run python bench/stages_ab.py --base ../base --rounds 40

Two long-lived workers (this file run with ``--worker``, each in its own checkout's
environment, both pinned to one core with ``taskset`` where there is one) parse the 210 PLV dev
sentences once, untimed, then on each request run newsgraph's components over fresh copies of
the parsed Docs and report each stage's CPU seconds. The workers take turns (the order flips
every round), so both see the same load; printed are each side's best and median of the three
stages together, and the median of the per-round ratios new/base (all stages, then each).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker() -> None:
    """Parse once, then answer each line on stdin with one round's CPU seconds by stage."""
    sys.path.insert(0, str(ROOT / "bench"))
    from spacy.tokens import Doc

    from newsgraph import nlp as nlp_loader
    from newsgraph.model import Article
    from newsgraph.settings import DEFAULT_SETTINGS
    from plover_data import dev_train_split, plv_rows

    texts = [r.text for r in dev_train_split(plv_rows())[1]]
    nlp = nlp_loader.load(DEFAULT_SETTINGS)
    ours = [(name, c) for name, c in nlp.pipeline if name in DEFAULT_SETTINGS.components]
    with nlp.select_pipes(disable=[name for name, _ in ours]):
        parsed = [d.to_bytes(exclude=["user_data"]) for d in nlp.pipe(texts)]

    def one_round() -> dict[str, float]:
        docs = [Doc(nlp.vocab).from_bytes(b) for b in parsed]
        for doc, text in zip(docs, texts, strict=True):
            doc._.article = Article(text=text)
        seconds = {}
        for name, component in ours:
            start = time.process_time()
            for doc in docs:
                component(doc)
            seconds[name] = time.process_time() - start
        return seconds

    one_round()
    one_round()  # resources load and caches fill: not what is measured
    print("ready", flush=True)
    for _line in sys.stdin:
        print(json.dumps(one_round()), flush=True)


def _script(checkout: Path) -> Path:
    """The checkout's own copy of this script (its bench helpers match its package), else this."""
    own = checkout / "bench" / Path(__file__).name
    return own if own.exists() else Path(__file__).resolve()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, help="the other checkout (with its own .venv)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cpu", default="1", help="the core both workers are pinned to")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    if args.base is None:
        parser.error("--base is required")
    pin = ["taskset", "-c", args.cpu] if shutil.which("taskset") else []
    sides = {"base": args.base.resolve(), "new": ROOT}
    workers = {
        side: subprocess.Popen(
            [*pin, "uv", "run", "python", str(_script(checkout)), "--worker"],
            cwd=checkout,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},  # each its own
        )
        for side, checkout in sides.items()
    }
    for side, proc in workers.items():
        assert proc.stdin is not None and proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            sys.exit(f"the {side} worker ({sides[side]}) did not start")
    rounds: dict[str, list[dict[str, float]]] = {side: [] for side in workers}
    order = list(workers)
    for k in range(args.rounds):
        for side in order if k % 2 == 0 else order[::-1]:
            proc = workers[side]
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            rounds[side].append(json.loads(proc.stdout.readline()))
    for proc in workers.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    stages = list(rounds["base"][0])
    for side in workers:
        totals = [sum(r.values()) for r in rounds[side]]
        best = " ".join(f"{s} {min(r[s] for r in rounds[side]):.4f}" for s in stages)
        print(
            f"{side}: our stages best {min(totals):.4f} s, median {statistics.median(totals):.4f}"
            f" s CPU ({best}; best of {args.rounds})"
        )
    pairs = list(zip(rounds["base"], rounds["new"], strict=True))
    ratios = [sum(n.values()) / sum(b.values()) for b, n in pairs]
    each = ", ".join(f"{s} {statistics.median(n[s] / b[s] for b, n in pairs):.3f}" for s in stages)
    print(f"new/base, median of the rounds: {statistics.median(ratios):.3f} ({each})")


if __name__ == "__main__":
    main()
