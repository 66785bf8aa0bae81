"""Documents apart from article metadata; covering indexes for the filters.

The schema-1 JSON and the MinHash signature move from ``articles`` to ``article_documents``,
so the ``articles`` rows that every filter and join reads stay small; the publication-day,
outlet and entity indexes also carry the article id, so filters need not read the rows.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_INDEXES = {  # name: (table, old columns, new columns)
    "ix_articles_published_day": ("articles", ["published_day"], ["published_day", "id"]),
    "ix_articles_outlet": ("articles", ["outlet"], ["outlet", "id"]),
    "ix_article_actors_entity": ("article_actors", ["entity_id"], ["entity_id", "article_id"]),
}


def upgrade() -> None:
    op.create_table(
        "article_documents",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("minhash", sa.LargeBinary),
    )
    op.execute(
        "INSERT INTO article_documents (article_id, document, minhash) "
        "SELECT id, document, minhash FROM articles"
    )
    for name, (table, _, _) in _INDEXES.items():
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("document")
        batch.drop_column("minhash")
    for name, (table, _, new) in _INDEXES.items():
        op.create_index(name, table, new)


def downgrade() -> None:
    for name, (table, _, _) in _INDEXES.items():
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("document", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("minhash", sa.LargeBinary))
    op.execute(
        "UPDATE articles SET "
        "document = (SELECT d.document FROM article_documents d WHERE d.article_id = articles.id), "
        "minhash = (SELECT d.minhash FROM article_documents d WHERE d.article_id = articles.id)"
    )
    op.drop_table("article_documents")
    for name, (table, old, _) in _INDEXES.items():
        op.create_index(name, table, old)
