"""The Spark engine: the per-article function in ``mapPartitions``, Parquet tables out.

    spark-submit --master yarn src/newsgraph/engines/spark.py INPUT OUTPUT [--partitions N]

or ``newsgraph spark INPUT OUTPUT`` (a local session unless ``--master`` says otherwise).
INPUT is a file or directory on any Hadoop-compatible file system (local, ``hdfs://``,
``s3a://``) holding text, HTML, feed, WARC or JSONL files: each file is read by newsgraph's own
readers on an executor, so a record's source is ``PATH#N`` as in a local run. Each Python
worker loads the spaCy pipeline once (``newsgraph.nlp.load`` is cached per process and Spark
reuses its Python workers) and analyses its partition in batches through
``newsgraph.pipeline.analyze_articles``. OUTPUT gets the tables of ``newsgraph.engines.tables``,
partitioned by ``part``; ``newsgraph load OUTPUT`` puts them into a store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.engines.local import Failure, analyze_parallel
from newsgraph.engines.tables import PART, SCHEMAS, Row, document_rows, error_row
from newsgraph.errors import InputError
from newsgraph.model import Article
from newsgraph.read import iter_articles
from newsgraph.settings import DEFAULT_MODEL, DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@dataclass(frozen=True, slots=True)
class SparkRun:
    """What a run wrote: rows per table, and the inputs it could not read or analyse."""

    counts: dict[str, int]
    errors: list[Failure]


def session(master: str | None = None, app_name: str = "newsgraph") -> SparkSession:
    """A Spark session. With a ``local`` master the Python workers run this interpreter; on a
    cluster they run ``PYSPARK_PYTHON`` (see docs/scale.md for shipping the environment)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        builder = builder.config("spark.pyspark.python", sys.executable)
    return builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()


def run(
    spark: SparkSession,
    input_path: str,
    output: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    partitions: int | None = None,
) -> SparkRun:
    """Analyse every article under ``input_path`` and write the tables under ``output``.

    Existing tables in ``output`` are replaced. The analysed rows are persisted (memory, then
    disk) so the NLP runs once for the five tables.
    """
    from pyspark import StorageLevel
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import IntegerType

    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    files = sc.binaryFiles(input_path, minPartitions=partitions or sc.defaultParallelism)
    rows = files.mapPartitionsWithIndex(
        lambda index, part: analyze_partition(index, part, settings)
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = rows.map(lambda row: row[0]).countByValue()
        for table, schema in SCHEMAS.items():
            spark_schema = from_arrow_schema(schema).add(PART, IntegerType(), nullable=False)
            subset = rows.filter(partial(_in_table, table)).map(lambda row: row[1])
            frame = spark.createDataFrame(subset, spark_schema)
            frame.write.mode("overwrite").partitionBy(PART).parquet(f"{output}/{table}")
        errors = [
            Failure(row["source"], row["problem"])
            for _table, row in rows.filter(partial(_in_table, "errors")).collect()
        ]
    finally:
        rows.unpersist()
    return SparkRun({table: counts.get(table, 0) for table in SCHEMAS}, errors)


def _in_table(table: str, row: Row) -> bool:
    return row[0] == table


def analyze_partition(
    index: int, files: Iterable[tuple[str, bytes]], settings: Settings
) -> Iterator[Row]:
    """Table rows for the (path, content) pairs of one partition, read and analysed here."""
    failures: list[Failure] = []

    def articles() -> Iterator[Article]:
        for path, data in files:
            for item in read_bytes(path, data):
                if isinstance(item, InputError):
                    failures.append(Failure.of(item))
                else:
                    yield item

    for result in analyze_parallel(articles(), settings):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            yield from document_rows(result, index)
        while failures:
            failure = failures.pop(0)
            yield error_row(failure.source, failure.problem, index)
    for failure in failures:
        yield error_row(failure.source, failure.problem, index)


def read_bytes(path: str, data: bytes) -> Iterator[Article | InputError]:
    """The articles (or errors) of a file given as its path and content, sources naming ``path``.

    newsgraph's readers work on local files, so the content goes to a temporary file of the
    same name first.
    """
    folder = tempfile.mkdtemp(prefix="newsgraph-")
    try:
        local = Path(folder) / (path.rstrip("/").rsplit("/", 1)[-1] or "input")
        local.write_bytes(data)
        prefix = str(local)
        for item in iter_articles([local]):
            if isinstance(item, InputError):
                item = type(item)(_rename(item.source, prefix, path), item.problem)
            elif item.source:
                item = replace(item, source=_rename(item.source, prefix, path))
            yield item
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _rename(source: str, prefix: str, path: str) -> str:
    return path + source[len(prefix) :] if source.startswith(prefix) else source


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``spark-submit .../newsgraph/engines/spark.py INPUT OUTPUT``."""
    parser = argparse.ArgumentParser(prog="newsgraph-spark", description=__doc__.split("\n")[0])
    parser.add_argument("input", help="file or directory (local, hdfs://, s3a://, ...)")
    parser.add_argument("output", help="directory for the Parquet tables")
    parser.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline to use")
    args = parser.parse_args(argv)
    from newsgraph.engines import spark as engine  # functions pickled by module, not __main__

    spark = engine.session()
    try:
        result = engine.run(
            spark, args.input, args.output, Settings(model=args.model), partitions=args.partitions
        )
    finally:
        spark.stop()
    for failure in result.errors:
        print(f"newsgraph: error: {failure}", file=sys.stderr)
    print(" ".join(f"{table}={n}" for table, n in result.counts.items()))
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
