from __future__ import annotations

import multiprocessing as mp
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from newsgraph.errors import StoreError
from newsgraph.model import Document, Place, Span
from newsgraph.store import open_store
from newsgraph.store.filters import Filters
from newsgraph.store.schema import include_object, metadata
from newsgraph.store.synthetic import actor, document, event, generate, quote

TEXT = (
    "President Kassym-Jomart Tokayev said troops from the Collective Security Treaty "
    "Organization (CSTO) would leave Almaty within days. \"The mission is over,\" Tokayev said."
)


def tokayev_doc(text: str = TEXT, source: str = "a.txt") -> Document:
    return document(
        text, title="Troops to leave", outlet="Steppe News", published="2022-01-11",
        source=source,
        actors=(
            actor(text, "a1", "Kassym-Jomart Tokayev", country="KAZ", sector="GOV",
                  roles=("President",), aliases=("Tokayev",)),
            actor(text, "a2", "Collective Security Treaty Organization", "ORG", sector="IGO",
                  aliases=("CSTO",)),
        ),
        quotes=(quote(text, "q1", "The mission is over,", "a1", cue="said"),),
        events=(event(text, "e1", "RETREAT", "would leave", source="a2", date="2022-01-11",
                      place=Place("Almaty", "KAZ")),),
    )


def test_store_write_is_idempotent_on_article_id(store_url: str) -> None:
    with open_store(store_url) as store:
        doc = tokayev_doc()
        assert not store.has_article(doc.article.id)
        assert store.write(doc) is True
        assert store.write(doc) is False
        assert store.has_article(doc.article.id)
        assert store.counts()["articles"] == 1
        assert store.counts()["quotes"] == 1


def test_store_returns_the_schema_1_document(store_url: str, schema: dict[str, object]) -> None:
    import jsonschema

    with open_store(store_url) as store:
        doc = tokayev_doc()
        store.write(doc)
        back = store.document(doc.article.id)
    assert back == doc
    assert store.document("nope") is None
    jsonschema.validate(doc.to_dict(), schema)


def test_store_same_article_from_two_sources_is_stored_once(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write(tokayev_doc(source="feed.xml#3"))
        assert store.write(tokayev_doc(source="cc-news.warc.gz#17")) is False
        sources = store.sources(tokayev_doc().article.id)
    assert sorted(s.source for s in sources) == ["cc-news.warc.gz#17", "feed.xml#3"]


def test_store_reopening_keeps_data_and_schema(sqlite_url: str) -> None:
    doc = tokayev_doc()
    with open_store(sqlite_url) as store:
        store.write(doc)
    with open_store(sqlite_url) as store:
        assert store.has_article(doc.article.id)


def test_store_migrations_build_exactly_the_schema(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": include_object}), metadata
        )
    assert diff == []


def test_store_open_plain_path_creates_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with open_store(str(path)) as store:
        store.write(tokayev_doc())
    assert path.exists()


def test_store_bad_url_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nosuchdb"):
        open_store("nosuchdb://x/y")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{tmp_path}/missing/dir/x.db")


def _ingest(url: str, seed_range: tuple[int, int]) -> None:
    with open_store(url) as store:
        for doc in list(generate(30, seed=5))[seed_range[0] : seed_range[1]]:
            store.write(doc)


def test_store_two_processes_writing_at_once_neither_corrupt_nor_duplicate(
    store_url: str,
) -> None:
    open_store(store_url).close()  # migrate once; the race below is over the data
    ctx = mp.get_context("fork")  # each child opens its own store, as an ingest process does
    procs = [ctx.Process(target=_ingest, args=(store_url, r)) for r in ((0, 20), (10, 30))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with open_store(store_url) as store:
        counts = store.counts()
        with store.engine.connect() as conn:
            entity_keys = conn.scalar(sa.text("SELECT count(DISTINCT key) FROM entities"))
            entity_rows = conn.scalar(sa.text("SELECT count(*) FROM entities"))
    assert counts["articles"] == 30
    assert counts["quotes"] == 30
    assert counts["event_reports"] == 30
    assert entity_keys == entity_rows


def test_store_migrates_a_store_made_by_the_first_schema(store_url: str) -> None:
    """A store written at revision 0001 opens at the newest revision with its data."""
    from alembic import command
    from alembic.config import Config

    from newsgraph.store.engine import MIGRATIONS, create_engine, normalize_url

    engine = create_engine(normalize_url(store_url), write=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    doc = tokayev_doc()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            sa.text("INSERT INTO articles (id, title, published_day, document) "
                    "VALUES (:id, :title, :day, :document)"),
            {"id": doc.article.id, "title": doc.article.title, "day": "2022-01-11",
             "document": doc.to_json()},
        )
    engine.dispose()
    with open_store(store_url) as store:
        assert store.document(doc.article.id) == doc
        assert store.articles(Filters(date_from="2022-01-01")).total == 1
        with store.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"include_object": include_object}),
                metadata,
            )
    assert diff == []


def test_store_event_side_that_is_no_actor_keeps_its_words(store_url: str) -> None:
    doc = tokayev_doc()
    left = doc.events[0]
    at = doc.article.text.index("Almaty")
    into_city = replace(left, target_span=Span.of(doc.article.text, at, at + len("Almaty")))
    with open_store(store_url) as store:
        store.write(replace(doc, events=(into_city,)))
        (row,) = store.events().items
    assert row.target_entity is None and row.target_name == "Almaty"
    assert row.source_name == "Collective Security Treaty Organization"
