from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language

from newsgraph import nlp
from newsgraph.resources import path as resource_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Language:
    """The default spaCy pipeline with newsgraph's components, loaded once for the session."""
    return nlp.load()


@pytest.fixture(scope="session")
def schema() -> dict[str, object]:
    return json.loads(resource_path("document.schema.json").read_text(encoding="utf-8"))


# -- stores: the same tests on SQLite and on PostgreSQL ----------------------------------------

POSTGRES_ENV = "NEWSGRAPH_TEST_POSTGRES"
REQUIRE_ENV = "NEWSGRAPH_REQUIRE_SERVICES"


def _unavailable(reason: str) -> None:
    """Skip, or fail when CI requires every service (NEWSGRAPH_REQUIRE_SERVICES=1)."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} (and {REQUIRE_ENV}=1 requires it)")
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL into a fresh, private schema of the test PostgreSQL server, dropped afterwards."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        _unavailable(f"no PostgreSQL server: set {POSTGRES_ENV}=postgresql+psycopg://...")
    assert url is not None
    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        _unavailable(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {exc.orig}")
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """A new, empty store URL: each test using it runs on SQLite and on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))
