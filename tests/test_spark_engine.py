from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.engines.spark import read_bytes
from newsgraph.engines.tables import load_documents, load_errors
from newsgraph.errors import BadRecord, EmptyInput
from newsgraph.model import Article
from newsgraph.pipeline import analyze_articles
from test_engine_local import TEXTS

pytestmark = pytest.mark.spark


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java is not installed"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("NEWSGRAPH_REQUIRE_SERVICES") == "1":
            pytest.fail(f"Spark tests must run: {reason}")
        pytest.skip(reason)
    from newsgraph.engines.spark import session

    spark = session("local[2]", app_name="newsgraph-test")
    yield spark
    spark.stop()


def test_spark_read_bytes_names_the_original_path() -> None:
    [article] = read_bytes("hdfs://nn/news/a.txt", TEXTS[0].encode())
    assert isinstance(article, Article)
    assert article.source == "hdfs://nn/news/a.txt"
    assert article.text == TEXTS[0]
    [error] = read_bytes("hdfs://nn/news/b.txt", b"   \n")
    assert isinstance(error, EmptyInput)
    assert str(error) == "hdfs://nn/news/b.txt: empty file"


def test_spark_read_bytes_keeps_record_numbers_of_a_jsonl_file() -> None:
    lines = [
        json.dumps({"text": TEXTS[1], "title": "Nairobi protest"}),
        "{not json",
        json.dumps({"text": TEXTS[2]}),
    ]
    items = list(read_bytes("s3a://bucket/day/news.jsonl", "\n".join(lines).encode()))
    assert [i.source for i in items] == [f"s3a://bucket/day/news.jsonl#{n}" for n in (1, 2, 3)]
    first, bad, third = items
    assert isinstance(first, Article) and first.title == "Nairobi protest"
    assert isinstance(bad, BadRecord) and str(bad).startswith("s3a://bucket/day/news.jsonl#2: ")
    assert isinstance(third, Article) and third.text == TEXTS[2]


def test_spark_local2_writes_tables_that_load_back_as_the_local_documents(
    spark: Any, tmp_path: Path
) -> None:
    from newsgraph.engines.spark import run

    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    for i, text in enumerate(TEXTS[:3], 1):
        (corpus / f"s{i}.txt").write_text(text, encoding="utf-8")
    (corpus / "sub" / "s4.txt").write_text(TEXTS[3], encoding="utf-8")
    (corpus / "blank.txt").write_text("\n", encoding="utf-8")
    out = tmp_path / "out"

    result = run(spark, str(corpus), str(out), partitions=2)

    assert result.counts["articles"] == 4
    assert result.counts["errors"] == 1
    assert [str(e) for e in result.errors] == [f"file:{corpus}/blank.txt: empty file"]
    assert sorted(p.name for p in out.iterdir()) == [
        "actors",
        "articles",
        "errors",
        "events",
        "quotes",
    ]
    loaded = {d.article.id: d for d in load_documents(out)}
    expected = analyze_articles(Article(text=t, language="en") for t in TEXTS[:4])
    for doc in expected:
        got = loaded.pop(doc.article.id)
        assert got.actors == doc.actors
        assert got.quotes == doc.quotes and got.events == doc.events
        assert got.article.source is not None and got.article.source.startswith(f"file:{corpus}")
    assert not loaded
    assert list(load_errors(out)) == [(f"file:{corpus}/blank.txt", "empty file")]


def test_spark_command_reports_bad_inputs_and_exits_1(spark: Any, tmp_path: Path) -> None:
    # Last in the module: the command reuses the running session (getOrCreate) and stops it.
    from typer.testing import CliRunner

    from newsgraph import cli

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXTS[4], encoding="utf-8")
    (tmp_path / "in" / "b.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.app, ["spark", str(tmp_path / "in"), str(out)])
    assert result.exit_code == 1
    assert f"newsgraph: error: file:{tmp_path}/in/b.pdf: unknown file type '.pdf'" in result.stderr
    assert "wrote 1 articles" in result.stderr
    [doc] = load_documents(out)
    assert any(a.name == "Google" for a in doc.actors)
