"""Readers: turn files of any supported kind into ``Article`` records.

``iter_articles(paths)`` walks files and directories and yields, for each article found, an
``Article``, or an ``InputError`` for an input (or one record of it) that cannot be read, so a
batch can report it and go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import EmptyInput, InputError, UnknownFormat
from newsgraph.model import Article
from newsgraph.read.language import detect_language

__all__ = ["iter_articles", "detect_language"]


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files or directories), or the error for each unreadable one."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from iter_articles(sorted(q for q in p.rglob("*") if q.is_file()))
            continue
        try:
            yield from _read_file(p)
        except InputError as exc:
            yield exc


def _read_file(path: Path) -> Iterator[Article]:
    if not path.exists():
        raise UnknownFormat(str(path), "no such file")
    if path.suffix.lower() not in {".txt", ".text"}:
        raise UnknownFormat(str(path), f"unknown file type {path.suffix or '(none)'!r}")
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        raise EmptyInput(str(path), "empty file")
    yield Article(text=text, source=str(path), language=detect_language(text))
