"""Alembic environment: migrations run on a connection that ``open_store`` hands over.

From the command line:
``alembic -c src/newsgraph/store/migrations/alembic.ini -x url=URL upgrade head``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from newsgraph.store.schema import include_object, metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection, target_metadata=metadata, include_object=include_object
    )
    context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:  # run from the alembic command line
    with sa.create_engine(context.get_x_argument(as_dictionary=True)["url"]).begin() as conn:
        _run(conn)
