"""The ``newsgraph`` command line."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.model import Article
from newsgraph.pipeline import analyze_articles
from newsgraph.read import iter_articles
from newsgraph.report import render_text
from newsgraph.settings import DEFAULT_MODEL, Settings
from newsgraph.store import Store

if TYPE_CHECKING:
    from newsgraph.store.sql import SQLStore

app = typer.Typer(
    help="Read news articles; record who said what and who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Read news articles; record who said what and who did what to whom, when and where."""


class Format(StrEnum):
    json = "json"
    text = "text"


Paths = Annotated[list[Path], typer.Argument(help="Files or directories of articles.")]
Model = Annotated[str, typer.Option("--model", help="spaCy pipeline to use.")]
AccurateEvents = Annotated[
    bool,
    typer.Option(
        "--accurate-events",
        help="Type events with a small transformer: more accurate, several times slower.",
    ),
]


def _settings(model: str, accurate_events: bool = False) -> Settings:
    return Settings(model=model, event_classifier="accurate" if accurate_events else "fast")


def _error(problem: object) -> None:
    """One line on stderr for one failed input or command."""
    typer.echo(f"newsgraph: error: {problem}", err=True)


class ErrorCounter:
    """Reports each unreadable input on stderr in one line and counts them."""

    def __init__(self) -> None:
        self.failed = 0

    def articles(self, paths: list[Path]) -> Iterator[Article]:
        for item in iter_articles(paths):
            if isinstance(item, InputError):
                self.report(item)
            else:
                yield item

    def report(self, error: Exception) -> None:
        self.failed += 1
        _error(error)


@app.command()
def analyze(
    paths: Paths,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    model: Model = DEFAULT_MODEL,
    accurate_events: AccurateEvents = False,
) -> None:
    """Analyse articles and print one document per article (JSON Lines or a text summary)."""
    errors = ErrorCounter()
    try:
        settings = _settings(model, accurate_events)
        for doc in analyze_articles(errors.articles(paths), settings):
            typer.echo(doc.to_json() if fmt is Format.json else render_text(doc))
    except NewsgraphError as exc:
        errors.report(exc)
    raise typer.Exit(1 if errors.failed else 0)


Db = Annotated[
    str | None,
    typer.Option("--db", help="The store: a SQLite file or a database URL "
                              "[default: newsgraph.db]."),
]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


def _open_existing_store(db: str | None) -> SQLStore:
    """The store at ``db``, which must exist already (reading never creates an empty one)."""
    from newsgraph.store import open_store
    from newsgraph.store.engine import normalize_url

    url = normalize_url(db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        _error(f"{db or url}: no such store (ingest articles first)")
        raise typer.Exit(1)
    try:
        return open_store(url)
    except NewsgraphError as exc:
        _error(exc)
        raise typer.Exit(1) from exc


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")] = (
        ExportFormat.jsonl
    ),
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", help="File (jsonl, gdelt; '-' or none: stdout) or "
                                         "directory (csv, parquet) [default: export/]."),
    ] = None,
    db: Db = None,
) -> None:
    """Export the store: JSON Lines (schema 1), CSV or Parquet tables of articles, actors,
    mentions, quotes and events, or GDELT 2.0 events (tab-separated)."""
    from newsgraph.store import export as exporter

    with _open_existing_store(db) as store:
        if fmt in (ExportFormat.csv, ExportFormat.parquet):
            for path in exporter.write_tables(store.engine, Path(out or "export"),
                                              fmt.value).values():
                typer.echo(f"newsgraph: wrote {path}", err=True)
            return
        write = exporter.write_jsonl if fmt is ExportFormat.jsonl else exporter.write_gdelt
        if out in (None, "-"):
            n = write(store.engine, sys.stdout)
        else:
            with open(out, "w", encoding="utf-8", newline="") as stream:
                n = write(store.engine, stream)
        what = "documents" if fmt is ExportFormat.jsonl else "events"
        typer.echo(f"newsgraph: exported {n} {what}", err=True)


@app.command()
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="NEWSGRAPH_API_TOKEN", show_envvar=True,
        help="API token every request must carry (required off localhost).")] = None,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI page at /docs) over a store."""
    import uvicorn

    from newsgraph.web.api import create_app
    from newsgraph.web.security import InsecureBindError, required_token

    try:
        token = required_token(host, token)
    except InsecureBindError as exc:
        _error(exc)
        raise typer.Exit(2) from None
    store = _open_existing_store(db)
    store.close()
    typer.echo(f"newsgraph: serving {store.url} at http://{host}:{port}/", err=True)
    uvicorn.run(create_app(store.url, token=token), host=host, port=port, log_level="warning")


Workers = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Worker processes (default: the machine's cores)."),
]


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    workers: Workers = None,
    model: Model = DEFAULT_MODEL,
    accurate_events: AccurateEvents = False,
) -> None:
    """Analyse articles over several processes into the store; a second run resumes the first."""
    failed = _ingest(paths, db, workers, _settings(model, accurate_events))
    raise typer.Exit(1 if failed else 0)


def _ingest(paths: list[Path], db: str | None, workers: int | None, settings: Settings) -> int:
    """Run the local engine into the store at ``db``; the number of inputs that failed."""
    from newsgraph.engines.local import default_workers
    from newsgraph.engines.local import ingest as run_ingest
    from newsgraph.engines.progress import IngestProgress, input_size

    try:
        store = open_store(db)
    except NewsgraphError as exc:
        _error(exc)
        raise typer.Exit(1) from None
    progress = IngestProgress(input_size(paths))
    started = time.monotonic()
    try:
        with progress:
            run_ingest(
                progress.track_reading(iter_articles(paths)),
                store,
                settings,
                workers=workers or default_workers(),
                on_outcome=progress,
            )
    except NewsgraphError as exc:
        progress.stats.failed += 1
        _error(exc)
    except KeyboardInterrupt:
        typer.echo("newsgraph: interrupted; run the same command again to resume", err=True)
        raise typer.Exit(130) from None
    finally:
        store.close()
        s = progress.stats
        elapsed = time.monotonic() - started
        typer.echo(
            f"newsgraph: {s.stored} stored, {s.skipped} already stored, {s.failed} failed "
            f"in {elapsed:.1f}s ({(s.stored + s.skipped) / max(elapsed, 1e-9):.1f} articles/s)",
            err=True,
        )
    return progress.stats.failed


@app.command()
def demo(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Articles to use [default: examples/].")
    ] = None,
    db: Annotated[str, typer.Option("--db", help="The store to fill.")] = "newsgraph-demo.db",
    serve_ui: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web UI afterwards.")
    ] = True,
    port: Annotated[int, typer.Option(help="Port for the web UI.")] = 8000,
) -> None:
    """Ingest the bundled sample articles into a SQLite file, print what newsgraph found in
    each, then serve the web UI over them on 127.0.0.1."""
    failed = _ingest(paths or [Path("examples")], db, None, _settings(DEFAULT_MODEL))
    with _open_existing_store(db) as store:
        for summary in store.articles(limit=500).items:
            doc = store.document(summary.id)
            if doc is not None:
                typer.echo(render_text(doc))
    if serve_ui:
        serve(db=db, host="127.0.0.1", port=port)
    raise typer.Exit(1 if failed else 0)


@app.command()
def spark(
    input_path: Annotated[str, typer.Argument(help="File or directory: local, hdfs://, s3a://.")],
    output: Annotated[str, typer.Argument(help="Directory for the Parquet tables.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master (default: local[*], or spark-submit's).")
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Minimum number of input partitions.")
    ] = None,
    model: Model = DEFAULT_MODEL,
) -> None:
    """Analyse articles on Apache Spark into Parquet tables (articles, actors, quotes, events)."""
    try:
        from newsgraph.engines import spark as engine
    except ImportError as exc:
        _error(f"Spark is not available ({exc}); install newsgraph[spark]")
        raise typer.Exit(1) from None
    session = engine.session(master or "local[*]")
    try:
        result = engine.run(
            session, input_path, output, Settings(model=model), partitions=partitions
        )
    finally:
        session.stop()
    for failure in result.errors:
        _error(failure)
    counts = ", ".join(f"{n} {table}" for table, n in result.counts.items())
    typer.echo(f"newsgraph: wrote {counts} to {output}", err=True)
    raise typer.Exit(1 if result.errors else 0)


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="Output directory of `newsgraph spark`.")],
    db: Db = None,
) -> None:
    """Put the Parquet tables written by `newsgraph spark` into the store."""
    from newsgraph.engines.tables import load_documents

    try:
        store = open_store(db)
    except NewsgraphError as exc:
        _error(exc)
        raise typer.Exit(1) from None
    stored = skipped = 0
    try:
        for doc in load_documents(directory):
            if store.write(doc):
                stored += 1
            else:
                skipped += 1
    except (OSError, ValueError, NewsgraphError) as exc:  # pyarrow: ArrowInvalid
        _error(exc)
        raise typer.Exit(1) from None
    finally:
        store.close()
    typer.echo(f"newsgraph: {stored} stored, {skipped} already stored", err=True)


def open_store(url: str | None) -> Store:
    """The store at ``url``, created if need be (a seam the tests replace)."""
    from newsgraph import store

    return store.open_store(url)


def main() -> None:
    logging.basicConfig(format="newsgraph: %(levelname)s: %(message)s", level=logging.WARNING)
    try:
        app()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
