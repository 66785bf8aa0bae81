"""``newsgraph ingest`` killed with SIGKILL part-way, then run again: nothing lost, nothing redone.

Runs the real command in a subprocess against a real SQLite store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsgraph import store as store_module
from newsgraph.model import Article
from newsgraph.pipeline import analyze_articles
from newsgraph.read import iter_articles
from newsgraph.settings import DEFAULT_SETTINGS

CITIES = ["Lagos", "Manila", "Bogota", "Tbilisi", "Dhaka", "Tunis", "Yerevan", "Harare"]


def write_corpus(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    for i in range(n):
        city = CITIES[i % len(CITIES)]
        (folder / f"{i:02d}.txt").write_text(
            f"Teachers strike in {city} for the {i + 1}th day\n\n"
            f"Thousands of teachers marched in {city} on Monday, the {i + 1}th day of the "
            f"strike. The education minister of the country said the government would meet "
            f"the union in {city} next week. Police said {i + 2} people were arrested.\n",
            encoding="utf-8",
        )
    ids = [item.id for item in iter_articles([folder]) if isinstance(item, Article)]
    assert len(ids) == n
    return ids


def stored(url: str, ids: list[str]) -> int:
    db = store_module.open_store(url)
    try:
        return sum(db.has_article(i) for i in ids)
    finally:
        db.close()


def ingest(folder: Path, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", url, "-w", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # SIGKILL below reaches the workers too
    )


def test_ingest_resumes_after_sigkill_without_losing_or_redoing(tmp_path: Path) -> None:
    ids = write_corpus(tmp_path / "news", 64)  # 8 chunks of 8: killed well before the end
    url = f"sqlite:///{tmp_path / 'news.db'}"
    stored(url, ids)  # create the database before the first run polls it

    first = ingest(tmp_path / "news", url)
    deadline = time.monotonic() + 240
    while (done := stored(url, ids)) < 2 and first.poll() is None:
        assert time.monotonic() < deadline, "no article stored in time"
        time.sleep(0.2)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    before = stored(url, ids)
    assert done <= before
    assert before < len(ids), "the first run finished before it could be killed"

    second = ingest(tmp_path / "news", url)
    _out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert f"{len(ids) - before} stored, {before} already stored, 0 failed" in err
    assert stored(url, ids) == len(ids)
    assert_whole(url, tmp_path / "news")


def assert_whole(url: str, folder: Path) -> None:
    """Each article stored once, and stored whole: its document is the one a fresh analysis
    gives, actors, quotes and events included."""
    articles = [a for a in iter_articles([folder]) if isinstance(a, Article)]
    fresh = {d.article.id: d for d in analyze_articles(articles, DEFAULT_SETTINGS)}
    with store_module.open_store(url) as db:
        counts = db.counts()
        assert counts["articles"] + counts.get("duplicates", 0) == len(articles)
        documents = {i: db.document(i) for i in fresh}
    for article_id, document in documents.items():
        assert document is not None
        want = fresh[article_id]
        assert document.article.text == want.article.text
        assert [a.id for a in document.actors] == [a.id for a in want.actors]
        assert [q.to_dict() for q in document.quotes] == [q.to_dict() for q in want.quotes]
        assert [e.to_dict() for e in document.events] == [e.to_dict() for e in want.events]
