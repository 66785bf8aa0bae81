"""Bytes to text, shared by every reader: size limit, gzip, binary check, decoding, sniffing.

Nothing here reads more than ``limit + 1`` bytes of a file, so a 50 MB page is refused after
reading (at most) the limit, and a gzip bomb is refused after inflating only the limit.
"""

from __future__ import annotations

import codecs
import gzip
import logging
import re
import zlib
from pathlib import Path
from typing import IO, Literal

from charset_normalizer import from_bytes

from newsgraph.errors import BinaryInput, EmptyInput, EncodingError, TooLarge

log = logging.getLogger("newsgraph")

#: Largest single article file (text or HTML, after gzip) we read: 10 MB.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

Kind = Literal["text", "html", "feed", "warc", "jsonl"]

_SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 2048
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Labels browsers read as windows-1252 (the WHATWG Encoding Standard), so 0x80-0x9F are letters.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}


def kind_of(path: Path) -> Kind | None:
    """The reader for ``path``: by suffix (``.gz`` looked through); a file with no suffix (or
    one that is no file type, as in ``story.2024-01-08``) by sniffing its start. A ``.txt``
    file that starts like an HTML page is read as one; other suffixes are unknown (None)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    if suffix == ".txt" or suffix == ".text":
        return "html" if sniff(head(path)) == "html" else "text"  # a saved page named .txt
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if re.fullmatch(r"\.[a-z][a-z0-9]{0,5}", suffix):
        return None  # a file type of its own (.csv, .pdf, .md...) that no reader handles
    return sniff(head(path))


def head(path: Path, size: int = _SNIFF_BYTES) -> bytes:
    """The first ``size`` bytes of ``path``, inflated if it is gzip."""
    with path.open("rb") as f:
        start = f.read(size)
    if start.startswith(_GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(start, size)
        except zlib.error:
            return b""
    return start


def sniff(start: bytes) -> Kind | None:
    """Guess a kind from the first bytes of a file, or None when nothing fits."""
    if start.startswith(b"WARC/"):
        return "warc"
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"<?xml") or text.startswith(b"<rss") or text.startswith(b"<feed"):
        return "feed" if (b"<rss" in text or b"<feed" in text or b"<rdf" in text) else "html"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if start and not looks_binary(start):
        return "text"
    return None


def read_bytes(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """All bytes of ``path`` (inflated if gzip), refusing files over ``limit`` bytes."""
    source = str(path)
    with path.open("rb") as f:
        magic = f.read(2)
        f.seek(0)
        if magic == _GZIP_MAGIC:
            try:
                with gzip.GzipFile(fileobj=f) as gz:
                    data = gz.read(limit + 1)
            except (OSError, EOFError, zlib.error) as exc:
                raise BinaryInput(source, f"broken gzip data ({exc})") from None
        else:
            data = f.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(source, f"larger than the {limit // (1024 * 1024)} MB limit for one article")
    if not data.strip():
        raise EmptyInput(source, "empty file")
    return data


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes, or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Text of ``data``: UTF-8 (or a BOM's encoding), else the ``declared`` encoding (an HTTP or
    ``<meta>`` charset), else the detected one, with a warning naming it. Binary data and
    undetectable encodings are refused."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise EncodingError(source, f"invalid {encoding} text") from None
    if looks_binary(data):
        raise BinaryInput(source, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _mostly_utf8(data)
    if mixed is not None:
        log.warning("%s: mixed encodings; bytes that are not UTF-8 decoded as cp1252", source)
        return mixed
    if declared:
        try:
            return data.decode(_WHATWG_ALIASES.get(declared.lower(), declared))
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data[:65536]).best()
    if best is None:
        raise EncodingError(source, f"not UTF-8 and no other encoding fits ({utf8_error.reason})")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise EncodingError(source, f"not UTF-8 and not valid {best.encoding}") from None
    log.warning("%s: not UTF-8; decoded as %s", source, best.encoding)
    return text


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8, read as cp1252."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("newsgraph-cp1252", _cp1252_bytes)


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 with its stray bytes read as cp1252, when it is mostly UTF-8,
    as in a UTF-8 page with a pasted cp1252 fragment: at least one valid multi-byte character
    for every four invalid bytes (text wholly in another encoding hardly ever holds any).
    None otherwise, so that the encoding of the whole is detected instead."""
    lenient = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for c in lenient if "\udc80" <= c <= "\udcff")
    multibyte = sum(1 for c in lenient if c > "\x7f") - invalid
    if multibyte == 0 or multibyte * 4 < invalid:
        return None
    return data.decode("utf-8", errors="newsgraph-cp1252")


def declared_charset(html: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(html[:4096])
    return match.group(1).decode("ascii") if match else None


def open_maybe_gzip(path: Path) -> IO[bytes]:
    """``path`` opened for reading bytes, inflating it as it streams if it is gzip."""
    with path.open("rb") as f:
        magic = f.read(2)
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # GzipFile is an IO[bytes]
    return path.open("rb")
