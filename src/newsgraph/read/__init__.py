"""Readers: turn files of any supported kind into ``Article`` records.

``iter_articles(paths)`` walks files and directories and yields, for each article found, an
``Article``, or an ``InputError`` for an input (or one record of it) that cannot be read, so a
batch can report it and go on. One module per kind: ``text`` (raw pages, cleaned by ``clean``),
``html``, ``feed``, ``warc`` and ``jsonl``; ``files`` holds what they share (size limit, gzip,
decoding, sniffing the kind).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsgraph.errors import InputError, UnknownFormat
from newsgraph.model import Article
from newsgraph.read.feed import read_feed
from newsgraph.read.files import Kind, kind_of
from newsgraph.read.html import read_html
from newsgraph.read.jsonl import read_jsonl
from newsgraph.read.language import detect_language
from newsgraph.read.text import read_text
from newsgraph.read.warc import read_warc

__all__ = ["iter_articles", "read_file", "detect_language"]

Reader = Callable[[Path], Iterator[Article | InputError]]
READERS: dict[Kind, Reader] = {
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
    "jsonl": read_jsonl,
}


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files or directories, hidden files in them skipped), or the
    error for each unreadable one."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from iter_articles(sorted(q for q in p.rglob("*") if _visible_file(q, p)))
        else:
            yield from read_file(p)


def _visible_file(path: Path, top: Path) -> bool:
    """A file not hidden (no part of its path below ``top`` starts with a dot)."""
    return path.is_file() and not any(part.startswith(".") for part in path.relative_to(top).parts)


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, its kind told by suffix or by its first bytes."""
    try:
        if not path.is_file():
            raise UnknownFormat(str(path), "no such file")
        kind = kind_of(path)
        if kind is None:
            raise UnknownFormat(
                str(path), f"unknown file type {''.join(path.suffixes) or '(no suffix)'!r}"
            )
        yield from READERS[kind](path)
    except InputError as exc:
        yield exc
    except (OSError, EOFError, zlib.error) as exc:  # unreadable, or gzip data cut short
        yield InputError(str(path), f"cannot read ({getattr(exc, 'strerror', None) or exc})")
