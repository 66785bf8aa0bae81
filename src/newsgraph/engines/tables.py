"""Documents as Parquet tables (articles, actors, quotes, events, errors), and back.

Each table mirrors a schema-1 record, one row per article, actor, quote or event, nested
spans kept as structs; actors, quotes and events carry their ``article_id``. The Spark engine
writes every table partitioned by ``part`` (the Spark partition that analysed the article), so
``load_documents`` can rebuild the documents one partition at a time, in bounded memory.
Needs pyarrow only, not Spark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.model import Document

PART = "part"

_STR = pa.string()
_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", _STR)])
_PLACE = pa.struct(
    [
        ("name", _STR),
        ("country", _STR),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonames_id", pa.int64()),
    ]
)

#: Table name -> columns, in the order of ``Document.to_dict``; ``part`` is the partition key.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _STR),
            ("source", _STR),
            ("url", _STR),
            ("title", _STR),
            ("authors", pa.list_(_STR)),
            ("outlet", _STR),
            ("published", _STR),
            ("language", _STR),
            ("text", _STR),
            ("removed", pa.list_(pa.struct([("text", _STR), ("kind", _STR)]))),
            ("schema_version", _STR),
        ]
    ),
    "actors": pa.schema(
        [
            ("article_id", _STR),
            ("id", _STR),
            ("name", _STR),
            ("kind", _STR),
            ("country", _STR),
            ("sector", _STR),
            ("roles", pa.list_(_STR)),
            ("aliases", pa.list_(_STR)),
            ("mentions", pa.list_(_SPAN)),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _STR),
            ("id", _STR),
            ("kind", _STR),
            ("text", _STR),
            ("span", _SPAN),
            ("speaker", _STR),
            ("speaker_span", _SPAN),
            ("cue", _SPAN),
            ("channel", _STR),
            ("confidence", pa.float64()),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", _STR),
            ("id", _STR),
            ("type", _STR),
            ("mode", _STR),
            ("cameo", _STR),
            ("source", _STR),
            ("target", _STR),
            ("source_span", _SPAN),
            ("target_span", _SPAN),
            ("date", _STR),
            ("date_precision", _STR),
            ("place", _PLACE),
            ("negated", pa.bool_()),
            ("hypothetical", pa.bool_()),
            ("quote", _STR),
            ("span", _SPAN),
            ("confidence", pa.float64()),
        ]
    ),
    "errors": pa.schema([("source", _STR), ("problem", _STR)]),
}

_RECORDS = ("actors", "quotes", "events")

Row = tuple[str, dict[str, Any]]  # (table name, row)


def document_rows(doc: Document, part: int) -> Iterator[Row]:
    """The rows ``doc`` adds to each table."""
    d = doc.to_dict()
    article_id = d["article"]["id"]
    yield "articles", {PART: part, **d["article"], "schema_version": d["schema_version"]}
    for table in _RECORDS:
        for record in d[table]:
            yield table, {PART: part, "article_id": article_id, **record}


def error_row(source: str, problem: str, part: int) -> Row:
    return "errors", {PART: part, "source": source, "problem": problem}


def load_documents(directory: str | Path) -> Iterator[Document]:
    """Every document stored in the tables under ``directory``, one partition at a time."""
    root = Path(directory)
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        raise FileNotFoundError(f"{root}: no articles table (expected {articles_dir})")
    parts = sorted(p.name for p in articles_dir.iterdir() if p.name.startswith(f"{PART}="))
    if not parts:  # not partitioned: one group
        yield from _documents(root, "")
    for name in parts:
        yield from _documents(root, name)


def load_errors(directory: str | Path) -> Iterator[tuple[str, str]]:
    """(source, problem) of every input the run could not read or analyse."""
    for row in _rows(Path(directory) / "errors"):
        yield row["source"], row["problem"]


def _documents(root: Path, part: str) -> Iterator[Document]:
    records: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for table in _RECORDS:
        for row in _rows(root / table / part):
            records[row.pop("article_id")][table].append(row)
    for row in _rows(root / "articles" / part):
        version = row.pop("schema_version")
        found = records.get(row["id"], {})
        yield Document.from_dict(
            {"schema_version": version, "article": row, **{t: found.get(t, []) for t in _RECORDS}}
        )


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    table = pq.read_table(path, partitioning=None)
    for row in table.to_pylist():
        row.pop(PART, None)
        yield row
