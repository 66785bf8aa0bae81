from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsgraph import cli
from newsgraph.engines.tables import (
    PART,
    SCHEMAS,
    document_rows,
    error_row,
    load_documents,
    load_errors,
)
from newsgraph.model import Actor, Article, Document, Event, Place, Quote, Removed, Span
from test_engine_local import MemoryStore

TEXT = "Ukraine's president Volodymyr Zelensky said: “We will not give up.” Russia shelled Kharkiv."


def full_document(text: str = TEXT, source: str = "a.jsonl#1") -> Document:
    """A document using every field of every record."""
    zel = Span.of(text, 20, 38)
    return Document(
        article=Article(
            text=text,
            title="Zelensky defiant",
            outlet="Kyiv Independent",
            published="2023-02-24",
            language="en",
            source=source,
            url="https://example.org/z",
            authors=("A. Writer", "B. Writer"),
            removed=(Removed("Share", "furniture"),),
        ),
        actors=(
            Actor("a1", "Volodymyr Zelensky", "PERSON", (zel,), "UKR", "GOV", ("president",)),
            Actor("a2", "Russia", "GPE", (Span.of(text, 68, 74),), "RUS", None, (), ("RF",)),
        ),
        quotes=(
            Quote(
                "q1",
                "direct",
                "We will not give up.",
                Span.of(text, 45, 65),
                "a1",
                zel,
                Span.of(text, 39, 43),
                None,
                0.9,
            ),
        ),
        events=(
            Event(
                "e1",
                "ASSAULT",
                Span.of(text, 68, 91),
                "a2",
                None,
                "shelling",
                "195",
                "2023-02-24",
                "day",
                Place("Kharkiv", "UKR", 49.99, 36.23, 706483),
                False,
                True,
                "q1",
                0.75,
            ),
        ),
    )


def write_like_spark(root: Path, docs_by_part: dict[int, list[Document]]) -> None:
    """Tables as Spark's partitionBy("part") lays them out: TABLE/part=N/FILE.parquet."""
    rows: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for part, docs in docs_by_part.items():
        for doc in docs:
            for table, row in document_rows(doc, part):
                rows[table, row.pop(PART)].append(row)
    table, row = error_row("b.txt", "empty file", 1)
    rows[table, row.pop(PART)].append(row)
    for (table, part), table_rows in rows.items():
        folder = root / table / f"{PART}={part}"
        folder.mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(table_rows, SCHEMAS[table]), folder / "p.parquet")


def test_engine_tables_round_trip_every_field(tmp_path: Path) -> None:
    docs = {0: [full_document()], 1: [full_document(TEXT + " More.", "a.jsonl#2")]}
    write_like_spark(tmp_path, docs)
    assert list(load_documents(tmp_path)) == docs[0] + docs[1]
    assert list(load_errors(tmp_path)) == [("b.txt", "empty file")]


def test_engine_tables_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no articles table"):
        list(load_documents(tmp_path))


def test_engine_load_command_puts_tables_into_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_like_spark(tmp_path, {0: [full_document()]})
    store = MemoryStore()
    monkeypatch.setattr(cli, "open_store", lambda url: store)
    runner = CliRunner()
    first = runner.invoke(cli.app, ["load", str(tmp_path)])
    again = runner.invoke(cli.app, ["load", str(tmp_path)])
    assert first.exit_code == 0 and again.exit_code == 0
    assert "1 stored, 0 already stored" in first.stderr
    assert "0 stored, 1 already stored" in again.stderr
    assert list(store.docs.values()) == [full_document()]
    missing = runner.invoke(cli.app, ["load", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no articles table" in missing.stderr
