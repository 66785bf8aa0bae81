"""The first schema: articles, sources, near-duplicate bands, actors and entities, quotes,
events and happenings, merges, and the full-text search index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("published_day", sa.String(10)),
        sa.Column("language", sa.String(16)),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("duplicate_of", ID),
        sa.Column("similarity", sa.Float),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column(
            "ingested_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
        ),
    )
    op.create_index("ix_articles_published_day", "articles", ["published_day"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])

    op.create_table(
        "article_sources",
        sa.Column("article_id", ID, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("variant_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "source", "url", name="pk_article_sources"),
    )
    op.create_table(
        "article_bands",
        sa.Column("band", sa.SmallInteger, nullable=False),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("article_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("band", "hash", "article_id", name="pk_article_bands"),
    )

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(400), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(3)),
        sa.Column("merged_into", sa.Integer),
    )
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_table(
        "entity_names",
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("norm", sa.String(400), nullable=False),
        sa.Column("last", sa.String(200), nullable=False),
        sa.Column("acronym", sa.String(40), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "norm", name="pk_entity_names"),
    )
    op.create_index("ix_entity_names_norm", "entity_names", ["norm"])
    op.create_index("ix_entity_names_last", "entity_names", ["last"])
    op.create_index("ix_entity_names_acronym", "entity_names", ["acronym"])

    op.create_table(
        "article_actors",
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
    )
    op.create_index("ix_article_actors_entity", "article_actors", ["entity_id"])

    op.create_table(
        "quotes",
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
    )
    op.create_index("ix_quotes_speaker_entity", "quotes", ["speaker_entity"])

    op.create_table(
        "events",
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
        sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_events"),
    )
    op.create_index("ix_events_type_day", "events", ["type", "day"])
    op.create_index("ix_events_day", "events", ["day"])
    op.create_index("ix_events_source_entity", "events", ["source_entity"])
    op.create_index("ix_events_target_entity", "events", ["target_entity"])
    op.create_index("ix_events_happening", "events", ["happening_id"])
    op.create_table(
        "happenings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(400), nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("source_entity", sa.Integer),
        sa.Column("target_entity", sa.Integer),
        sa.Column("date", sa.String(10)),
        sa.Column("place", sa.Text),
    )

    op.create_table(
        "merges",
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
    )
    op.create_index("ix_merges_into", "merges", ["into_entity"])

    _create_search_index()


def _create_search_index() -> None:
    """FTS5 on SQLite; a table with a generated tsvector and a GIN index on PostgreSQL."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "body, kind UNINDEXED, article_id UNINDEXED, ref UNINDEXED, "
            "start UNINDEXED, \"end\" UNINDEXED, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        return
    op.execute(
        "CREATE TABLE search_index ("
        "id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, kind VARCHAR(8) NOT NULL, "
        "article_id VARCHAR(64) NOT NULL, ref VARCHAR(64), start INTEGER, \"end\" INTEGER, "
        "tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)"
    )
    op.execute("CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)")
    op.execute("CREATE INDEX ix_search_index_article ON search_index (article_id)")


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
    for table in (
        "merges", "happenings", "events", "quotes", "article_actors", "entity_names",
        "entities", "article_bands", "article_sources", "articles",
    ):
        op.drop_table(table)
