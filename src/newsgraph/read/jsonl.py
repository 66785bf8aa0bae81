"""JSON Lines: one article a line, ``text`` required; ``title``, ``url``, ``published``,
``outlet``, ``authors`` and ``language`` optional. Read line by line, never whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import BadRecord, EncodingError, InputError, TooLarge
from newsgraph.model import Article
from newsgraph.read.clean import normalize, units
from newsgraph.read.dates import iso_date
from newsgraph.read.files import MAX_ARTICLE_BYTES, open_maybe_gzip
from newsgraph.read.language import detect_language


def read_jsonl(path: Path, limit: int = MAX_ARTICLE_BYTES) -> Iterator[Article | InputError]:
    """Each line's article, or the error for a line that is not a usable record."""
    with open_maybe_gzip(path) as f:
        for n, line in enumerate(_lines(f, limit), start=1):
            source = f"{path}#{n}"
            if line is None:
                yield TooLarge(source, f"line longer than the {limit // (1024 * 1024)} MB limit")
                continue
            if not line.strip():
                continue
            try:
                yield article_from_record(_load(line, source), source)
            except InputError as exc:
                yield exc


def _lines(f: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The file's lines; None for a line over ``limit`` bytes, which is skipped unread."""
    while line := f.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _load(line: bytes, source: str) -> dict[str, Any]:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise EncodingError(source, "line is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BadRecord(source, f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise BadRecord(source, f"a JSON {type(record).__name__}, not an object")
    return record


def article_from_record(record: dict[str, Any], source: str) -> Article:
    """The article of one record; ``BadRecord`` if it has no usable ``text``."""
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise BadRecord(source, "no 'text' (a non-empty string) in the record")
    normalized, removed = normalize(raw)
    text = "\n\n".join(units(normalized))
    authors = record.get("authors") or ()
    if isinstance(authors, str):
        authors = (authors,)
    language = record.get("language")
    return Article(
        text=text,
        title=_str(record.get("title")),
        outlet=_str(record.get("outlet")),
        published=iso_date(record.get("published")),
        language=_str(language) or detect_language(text),
        source=source,
        url=_str(record.get("url")),
        authors=tuple(str(a) for a in authors if str(a).strip()),
        removed=tuple(removed),
    )


def _str(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None
