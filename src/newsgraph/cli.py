"""The ``newsgraph`` command line."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.model import Article
from newsgraph.pipeline import analyze_articles
from newsgraph.read import iter_articles
from newsgraph.report import render_text
from newsgraph.settings import DEFAULT_MODEL, Settings

app = typer.Typer(
    help="Read news articles; record who said what and who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Read news articles; record who said what and who did what to whom, when and where."""


class Format(str, Enum):
    json = "json"
    text = "text"


Paths = Annotated[list[Path], typer.Argument(help="Files or directories of articles.")]
Model = Annotated[str, typer.Option("--model", help="spaCy pipeline to use.")]


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
        typer.echo(f"newsgraph: error: {error}", err=True)


@app.command()
def analyze(
    paths: Paths,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    model: Model = DEFAULT_MODEL,
) -> None:
    """Analyse articles and print one document per article (JSON Lines or a text summary)."""
    errors = ErrorCounter()
    try:
        for doc in analyze_articles(errors.articles(paths), Settings(model=model)):
            typer.echo(doc.to_json() if fmt is Format.json else render_text(doc))
    except NewsgraphError as exc:
        errors.report(exc)
    raise typer.Exit(1 if errors.failed else 0)


def main() -> None:
    logging.basicConfig(format="newsgraph: %(levelname)s: %(message)s", level=logging.WARNING)
    try:
        app()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
