"""The store's tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

    articles ──  article_documents      the schema-1 JSON, and the MinHash signature
        │    ──< article_sources        every place an article was found (exact or near copies)
        │    ──< article_bands          MinHash LSH bands, to find near-duplicates
        ├──< article_actors >── entities ──< entity_names
        ├──< quotes                      (speaker_entity → entities)
        └──< events >── happenings       (one happening, many reports)
    merges                               actor-identity decisions, inspectable and undoable

Per-article rows keep the ids of the schema-1 document (``actor_id``, ``quote_id``,
``event_id``); corpus ids (``entity_id``, ``happening_id``) are integers. ``events.day`` is
the event's own date, else its article's publication day: the date lists and charts use.
The full schema-1 JSON of each article is kept in ``article_documents`` (apart, so that
``articles`` rows stay small for the joins and filters) and the API returns it unchanged.
Full-text search lives in a dialect-specific table created by the migrations (see ``search.py``).
The migrations in ``migrations/versions`` build exactly these tables (a test checks it).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ID = sa.String(64)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("published_day", sa.String(10)),
    sa.Column("language", sa.String(16)),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("duplicate_of", ID),
    sa.Column("similarity", sa.Float),
    sa.Column(
        "ingested_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Index("ix_articles_published_day", "published_day", "id"),
    sa.Index("ix_articles_outlet", "outlet", "id"),
    sa.Index("ix_articles_duplicate_of", "duplicate_of"),
)

article_documents = sa.Table(
    "article_documents",
    metadata,
    sa.Column("article_id", ID, primary_key=True),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("minhash", sa.LargeBinary),
)

article_sources = sa.Table(
    "article_sources",
    metadata,
    sa.Column("article_id", ID, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("variant_id", ID, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "source", "url", name="pk_article_sources"),
)

article_bands = sa.Table(
    "article_bands",
    metadata,
    sa.Column("band", sa.SmallInteger, nullable=False),
    sa.Column("hash", sa.BigInteger, nullable=False),
    sa.Column("article_id", ID, nullable=False),
    sa.PrimaryKeyConstraint("band", "hash", "article_id", name="pk_article_bands"),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(400), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(3)),
    sa.Column("merged_into", sa.Integer),
    sa.Index("ix_entities_name", "name"),
)

entity_names = sa.Table(
    "entity_names",
    metadata,
    sa.Column("entity_id", sa.Integer, nullable=False),
    sa.Column("norm", sa.String(400), nullable=False),
    sa.Column("last", sa.String(200), nullable=False),
    sa.Column("acronym", sa.String(40), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("entity_id", "norm", name="pk_entity_names"),
    sa.Index("ix_entity_names_norm", "norm"),
    sa.Index("ix_entity_names_last", "last"),
    sa.Index("ix_entity_names_acronym", "acronym"),
)

article_actors = sa.Table(
    "article_actors",
    metadata,
    sa.Column("article_id", ID, nullable=False),
    sa.Column("actor_id", ID, nullable=False),
    sa.Column("entity_id", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("sector", sa.String(3)),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("link_reason", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "actor_id", name="pk_article_actors"),
    sa.Index("ix_article_actors_entity", "entity_id", "article_id"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("article_id", ID, nullable=False),
    sa.Column("quote_id", ID, nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("speaker", ID),
    sa.Column("speaker_entity", sa.Integer),
    sa.Column("cue", sa.Text),
    sa.Column("channel", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "quote_id", name="pk_quotes"),
    sa.Index("ix_quotes_speaker_entity", "speaker_entity"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("article_id", ID, nullable=False),
    sa.Column("event_id", ID, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.Text),
    sa.Column("cameo", sa.String(8)),
    sa.Column("source", ID),
    sa.Column("target", ID),
    sa.Column("source_entity", sa.Integer),
    sa.Column("target_entity", sa.Integer),
    sa.Column("date", sa.String(10)),
    sa.Column("day", sa.String(10)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("place_name", sa.Text),
    sa.Column("place_country", sa.String(3)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("quote_id", ID),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("happening_id", sa.Integer, nullable=False),
    # The words naming each side in the report: the only name of a place or thing side.
    sa.Column("source_words", sa.Text),
    sa.Column("target_words", sa.Text),
    sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_events"),
    sa.Index("ix_events_type_day", "type", "day"),
    sa.Index("ix_events_day", "day"),
    sa.Index("ix_events_source_entity", "source_entity"),
    sa.Index("ix_events_target_entity", "target_entity"),
    sa.Index("ix_events_happening", "happening_id"),
)

happenings = sa.Table(
    "happenings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(400), nullable=False, unique=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("source_entity", sa.Integer),
    sa.Column("target_entity", sa.Integer),
    sa.Column("date", sa.String(10)),
    sa.Column("place", sa.Text),
)

merges = sa.Table(
    "merges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("into_entity", sa.Integer, nullable=False),
    sa.Column("from_entity", sa.Integer),
    sa.Column("members", sa.JSON, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("automatic", sa.Boolean, nullable=False),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.Column("undone_at", sa.DateTime),
    sa.Index("ix_merges_into", "into_entity"),
)


def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """For Alembic's autogenerate: the search tables (FTS5 and its shadows, or the tsvector
    table) are written by hand in the migrations, so comparisons leave them out."""
    return not (type_ == "table" and (name or "").startswith("search_index"))
