"""Store benchmark: ingest generated documents into SQLite, then time the main API queries.

    uv run python bench/store.py                # 10,000 documents (4-8 min on a busy 2-core box)
    uv run python bench/store.py --docs 2000    # quicker
    uv run python bench/store.py --db /tmp/s.db # keep the store; a second run only times queries

Prints the insert rate (documents/s, one transaction each) next to a baseline run in the same
process: the same documents written as bare JSON rows into one SQLite table, one transaction
each, with the same journal settings. Then p50/p95 latencies of the actor page, search and
event list, through the JSON API (FastAPI's test client: routing, query, serialisation).
Target: p95 <= 100 ms on 10,000 articles. No spaCy: documents come from
``newsgraph.store.synthetic.generate``.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from newsgraph.model import Document
from newsgraph.store import open_store
from newsgraph.store.synthetic import generate
from newsgraph.web.api import create_app

SEARCH_WORDS = ("talks", "violence", "budget", "fuel", "pension", "jobs", "dialogue",
                "curfew", "statement", "reporters", "border", "grain", "wages", "farmers")
EVENT_TYPES = ("ACCUSE", "CONSULT", "PROTEST", "AGREE", "THREATEN", "REQUEST", "AID")


def baseline_rate(docs: list[Document], path: Path) -> float:
    """Documents/s writing each document's JSON as one row, one transaction each."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    start = time.perf_counter()
    for doc in docs:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR IGNORE INTO docs VALUES (?, ?)", (doc.article.id, doc.to_json()))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return len(docs) / elapsed


def store_rate(docs: list[Document], url: str) -> float:
    with open_store(url) as store:
        start = time.perf_counter()
        for doc in docs:
            store.write(doc)
        return len(docs) / (time.perf_counter() - start)


def latencies(call: Callable[[], object], n: int) -> tuple[float, float, float]:
    """Wall-clock p50 and p95, and CPU-time p95 (this process), in milliseconds over ``n``
    calls after two warm-up calls. On a shared machine wall time includes waiting for a core;
    CPU time does not."""
    call(), call()
    wall, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return (statistics.median(wall), statistics.quantiles(wall, n=20)[18],
            statistics.quantiles(cpu, n=20)[18])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200, help="timed calls per query")
    parser.add_argument("--db", type=Path, help="SQLite file to keep (reused if it exists)")
    args = parser.parse_args()
    rng = random.Random(1)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        url = f"sqlite:///{db}"
        if not db.exists():
            docs = list(generate(args.docs, seed=1))
            base = baseline_rate(docs, Path(tmp) / "baseline.db")
            rate = store_rate(docs, url)
            print(f"documents: {len(docs):,} (synthetic: 3 actors, 1 quote, 1 event each)")
            print(f"insert rate: {rate:,.0f} docs/s, one transaction each; baseline (bare JSON "
                  f"rows): {base:,.0f} docs/s; ratio {rate / base:.3f}")

        with TestClient(create_app(url)) as client:
            counts = client.get("/api/counts").json()
            print("store:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
            actor_ids = [a["id"] for a in
                         client.get("/api/actors", params={"limit": 500}).json()["items"]]

            def get(path: Callable[[], str], params: Callable[[], dict[str, object]] = dict
                    ) -> Callable[[], object]:
                def call() -> object:
                    reply = client.get(path(), params=params())
                    assert reply.status_code == 200, reply.text
                    return reply
                return call

            def actor_page() -> str:
                return f"/api/actors/{rng.choice(actor_ids)}"

            queries: dict[str, Callable[[], object]] = {
                "actor page": get(actor_page),
                "search": get(lambda: "/api/search",
                              lambda: {"q": " ".join(rng.sample(SEARCH_WORDS, 2))}),
                "search + filter": get(lambda: "/api/search", lambda: {
                    "q": rng.choice(SEARCH_WORDS), "since": f"{rng.randint(2020, 2023)}-01-01"}),
                "event list": get(lambda: "/api/events"),
                "event list + filters": get(lambda: "/api/events", lambda: {
                    "type": rng.choice(EVENT_TYPES), "since": f"{rng.randint(2020, 2023)}-06-01",
                    "offset": rng.choice((0, 50, 100))}),
                "events of an actor": get(lambda: "/api/events",
                                          lambda: {"actor": rng.choice(actor_ids)}),
            }
            print(f"latency over {args.queries} calls each (ms; load average "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
            worst = 0.0
            for name, call in queries.items():
                p50, p95, cpu95 = latencies(call, args.queries)
                worst = max(worst, p95)
                print(f"  {name:<22} p50 {p50:7.1f}   p95 {p95:7.1f}   (CPU p95 {cpu95:6.1f})")
            verdict = "met" if worst <= 100 else "MISSED"
            print(f"target p95 <= 100 ms on {counts['articles']:,} articles: {verdict} "
                  f"(worst wall-clock p95 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
