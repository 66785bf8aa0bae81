"""Whatever bytes a file holds, reading it yields articles or one-line errors, never raises."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.model import Article
from newsgraph.read import iter_articles

SUFFIXES = [".txt", ".html", ".html.gz", ".rss", ".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ""]
PREFIXES = [b"", b"WARC/1.0\r\n", b"<html><body><p>", b'{"text": ', b"<?xml version='1.0'?><rss>"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUFFIXES), st.sampled_from(PREFIXES), st.binary(max_size=400), st.booleans())
def test_read_any_bytes_yield_articles_or_errors(
    suffix: str, prefix: bytes, data: bytes, cut: bool
) -> None:
    content = prefix + data
    if suffix.endswith(".gz"):
        content = gzip.compress(content)[: -8 if cut else None]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        for item in iter_articles([path]):
            assert isinstance(item, Article | InputError)
            if isinstance(item, InputError):
                assert "\n" not in str(item) and str(item).startswith(str(path))
