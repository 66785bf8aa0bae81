"""Latency of the web UI's HTML pages on a synthetic corpus, against the JSON API calls that
fetch the same data, in the same process (the ratio is what building the page costs on top).

    uv run python bench/web_pages.py                   # 10,000 documents, 30 requests a page
    uv run python bench/web_pages.py --n 2000 --repeat 20
    uv run python bench/web_pages.py --db /tmp/c.db    # keep the corpus; reuse it next time

Prints, per page: p50 and p95 in milliseconds for the page and for its API calls (one after
the other), and the p95 ratio page/API. The corpus comes from ``newsgraph.store.synthetic``
(no spaCy).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from newsgraph.store import open_store
from newsgraph.store.synthetic import generate
from newsgraph.web.api import create_app


def timings(client: TestClient, paths: list[str], repeat: int) -> list[float]:
    """Milliseconds to fetch all of ``paths``, ``repeat`` times, after one warm-up."""
    for path in paths:
        client.get(path).raise_for_status()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            client.get(path).raise_for_status()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents in the corpus")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    parser.add_argument("--db", type=Path, help="SQLite file to keep the corpus in (reused)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        store = open_store(url)
        if store.counts()["articles"] == 0:
            start = time.perf_counter()
            for doc in generate(args.n, seed=1):
                store.write(doc)
            print(f"corpus: {args.n} documents written in {time.perf_counter() - start:.1f} s")
        print(f"corpus: {store.counts()['articles']} articles in {path}")
        actor = store.actors(limit=1).items[0]
        article = store.articles(limit=1).items[0]
        store.close()

        words = "q=talks+frank"
        pairs = {  # page: the API calls that fetch what it shows
            "home": ("/", ["/api/articles?limit=30", "/api/counts", "/api/actors?limit=12",
                           "/api/timeline?period=day"]),
            "article": (f"/articles/{article.id}", [f"/api/articles/{article.id}"]),
            "actor": (f"/actors/{actor.id}", [f"/api/actors/{actor.id}?limit=30",
                                              f"/api/timeline?period=day&actor={actor.id}"]),
            "timeline": ("/events", ["/api/events?limit=30", "/api/timeline?period=day"]),
            "network": ("/network", ["/api/network?limit=400"]),
            "search": (f"/search?{words}", [f"/api/search?{words}&kind=article&limit=30",
                                           f"/api/search?{words}&kind=quote",
                                           f"/api/actors?{words}&limit=5"]),
        }
        print(f"most mentioned actor: {actor.name} ({actor.articles} articles)")
        print(f"{'page':<10}" + "".join(f"{h:>9}" for h in ("p50 ms", "p95 ms", "api p50",
                                                         "api p95")) + f"{'p95 ratio':>11}")
        with TestClient(create_app(url)) as client:
            for name, (page, api) in pairs.items():
                html = timings(client, [page], args.repeat)
                json = timings(client, api, args.repeat)
                print(f"{name:<10}{statistics.median(html):>9.1f}{p95(html):>9.1f}"
                      f"{statistics.median(json):>9.1f}{p95(json):>9.1f}"
                      f"{p95(html) / p95(json):>10.2f}x")


if __name__ == "__main__":
    main()
