"""The raw page that started the project (read from ../shared; skipped when it is absent)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.model import Article
from newsgraph.read import iter_articles

SEED = (
    Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "kazakhstan-2022-01-08.txt"
)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/samples is not present")
def test_read_seed_article() -> None:
    [article] = list(iter_articles([SEED]))
    assert isinstance(article, Article)
    assert article.title == (
        "Fugitive banker Ablyazov lays claim to filling opposition vacuum in Kazakhstan as "
        "president says forces will shoot-to-kill"
    )
    assert article.outlet == "bne IntelliNews"
    assert article.published == "2022-01-08"
    assert article.language == "en"
    assert article.text.startswith("Kazakhstan’s authoritarian President Kassym-Jomart Tokayev")
    for junk in ("Dismiss", "http", "Mukhtar Ablyazov.", "By bne", "Restored Soviet Union'\n"):
        assert junk not in article.text
    assert article.text.endswith('very disturbing to many within Kazakhstan."')
    kinds = {(r.kind, r.text) for r in article.removed}
    assert ("caption", "Mukhtar Ablyazov.") in kinds
    assert ("url", "https://www.ablyazov.org/ru/galereya/") in kinds
    assert ("subhead", "No evidence") in kinds
    assert ("furniture", "Dismiss") in kinds
    words = Counter(re.findall(r"\w+", article.text))
    for removed in article.removed:
        words += Counter(re.findall(r"\w+", removed.text))
    assert words == Counter(re.findall(r"\w+", SEED.read_text(encoding="utf-8")))
