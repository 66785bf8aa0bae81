"""The bundled example articles (one per input kind) all read cleanly."""

from __future__ import annotations

from pathlib import Path

from newsgraph.model import Article
from newsgraph.read import iter_articles

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_read_examples_every_kind_reads_without_errors() -> None:
    items = list(iter_articles([EXAMPLES]))
    assert all(isinstance(item, Article) for item in items), items
    articles = [item for item in items if isinstance(item, Article)]
    suffixes = {Path((a.source or "").split("#")[0]).suffix for a in articles}
    assert {".txt", ".html", ".jsonl", ".rss"} <= suffixes
    for article in articles:
        assert article.title and article.published and article.language == "en"
        assert "Share" not in article.text.split("\n\n")
        assert "http" not in article.text
