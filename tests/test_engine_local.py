from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from newsgraph.engines import local
from newsgraph.engines.local import Failure, Outcome, analyze_parallel, ingest
from newsgraph.errors import EmptyInput, InputError, ModelError
from newsgraph.model import Article, Document
from newsgraph.pipeline import analyze_articles
from newsgraph.settings import Settings

TEXTS = [
    "Prime Minister Rishi Sunak met President Emmanuel Macron in Paris on Friday.",
    "Protesters marched through Nairobi as the Kenyan police fired tear gas at the crowd.",
    "The United Nations asked Russia and Ukraine to reopen the talks in Istanbul.",
    "Chancellor Olaf Scholz said Germany would send more air defence systems to Kyiv.",
    "The European Commission fined Google for abusing its dominance in online search.",
]


class MemoryStore:
    """The Store protocol in a dict, counting the documents actually written."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}
        self.writes = 0
        self.closed = False

    def write(self, doc: Document) -> bool:
        if doc.article.id in self.docs:
            return False
        self.docs[doc.article.id] = doc
        self.writes += 1
        return True

    def has_article(self, article_id: str) -> bool:
        return article_id in self.docs

    def close(self) -> None:
        self.closed = True


def articles(texts: Iterable[str] = TEXTS) -> list[Article]:
    return [Article(text=t, source=f"mem#{i}", language="en") for i, t in enumerate(texts, 1)]


def test_engine_two_workers_give_the_in_process_documents_in_order() -> None:
    expected = list(analyze_articles(articles()))
    got = list(analyze_parallel(articles(), workers=2, chunk_size=2))
    assert got == expected
    assert [d.article.source for d in got] == [f"mem#{i}" for i in range(1, 6)]
    assert any(a.name == "Olaf Scholz" for a in got[3].actors)


def test_engine_reads_input_lazily_with_a_bounded_window() -> None:
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        n = 0
        while True:
            n += 1
            pulled += 1
            yield Article(text=f"Article number {n}: the mayor of Lyon spoke.", language="en")

    results = analyze_parallel(endless(), workers=2, chunk_size=2)
    first = [next(results) for _ in range(3)]
    results.close()
    assert all(isinstance(d, Document) for d in first)
    # 2 workers x 2 chunks in flight (+1 being read) x 2 articles a chunk
    assert pulled <= 2 * 2 * 2 + 2


def test_engine_ingest_stores_each_article_once_and_counts() -> None:
    store = MemoryStore()
    stats = ingest(articles(), store, workers=1)
    assert (stats.stored, stats.skipped, stats.failed) == (5, 0, 0)
    assert stats.words == sum(len(t.split()) for t in TEXTS)
    assert len(store.docs) == 5


def test_engine_ingest_skips_stored_articles_before_any_nlp() -> None:
    store = MemoryStore()
    ingest(articles(), store)
    # A model that cannot load proves no article reached the NLP the second time.
    stats = ingest(articles(), store, Settings(model="no_such_spacy_model"), workers=2)
    assert (stats.stored, stats.skipped, stats.failed) == (0, 5, 0)
    assert store.writes == 5


def test_engine_ingest_resumes_after_an_interruption_without_redoing_work() -> None:
    store = MemoryStore()

    def interrupted() -> Iterator[Article]:
        yield from articles()[:3]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(interrupted(), store, workers=1, chunk_size=1)
    done_before = len(store.docs)
    assert 1 <= done_before <= 3

    stats = ingest(articles(), store, workers=2, chunk_size=1)
    assert stats.skipped == done_before
    assert stats.stored == 5 - done_before
    assert store.writes == 5  # nothing written twice, nothing lost


def test_engine_ingest_reports_bad_inputs_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = local.analyze_articles

    def fragile(batch: list[Article], settings: Settings) -> Iterator[Document]:
        if any("BOOM" in a.text for a in batch):
            raise RuntimeError("parser exploded")
        return real(batch, settings)

    monkeypatch.setattr(local, "analyze_articles", fragile)
    items: list[Article | InputError] = [
        *articles(TEXTS[:2]),
        EmptyInput("empty.txt", "empty file"),
        Article(text="BOOM goes this article about Paris.", source="bad.txt", language="en"),
        *articles(TEXTS[2:]),
    ]
    seen: list[tuple[Outcome, Failure | None]] = []
    stats = ingest(items, MemoryStore(), chunk_size=4, on_outcome=lambda o, f: seen.append((o, f)))
    assert (stats.stored, stats.failed) == (5, 2)
    failures = [str(f) for o, f in seen if o is Outcome.FAILED]
    assert failures == [
        "empty.txt: empty file",
        "bad.txt: analysis failed: RuntimeError: parser exploded",
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_engine_missing_model_aborts_the_run(workers: int) -> None:
    with pytest.raises(ModelError, match="no_such_spacy_model"):
        ingest(articles(), MemoryStore(), Settings(model="no_such_spacy_model"), workers=workers)
