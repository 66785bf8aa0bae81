from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from newsgraph.engines.local import Failure, Outcome
from newsgraph.engines.progress import IngestProgress, input_size, source_path
from newsgraph.errors import BadRecord
from newsgraph.model import Article


def test_engine_progress_source_path_strips_the_record_number() -> None:
    assert source_path("feeds/a.jsonl#12") == "feeds/a.jsonl"
    assert source_path("notes#draft.txt") == "notes#draft.txt"
    assert source_path("plain.txt") == "plain.txt"
    assert source_path(None) is None


def test_engine_progress_estimates_the_total_from_the_bytes_read(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text("x" * 100, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text("x" * 200, encoding="utf-8")
    assert input_size([tmp_path]) == 400
    items = [
        Article(text="one", source=f"{tmp_path}/a.jsonl#1"),
        Article(text="two", source=f"{tmp_path}/a.jsonl#2"),
        BadRecord(f"{tmp_path}/b.jsonl#1", "not JSON"),
        Article(text="three", source=f"{tmp_path}/sub/c.jsonl#1"),
    ]
    progress = IngestProgress(400, Console(file=io.StringIO()))
    reading = progress.track_reading(items)
    next(reading), next(reading)
    assert progress.estimated_total() is None  # no file finished yet
    next(reading)  # the first record of b: a is done, 2 items in 100 of 400 bytes
    assert progress.estimated_total() == 8
    next(reading)
    assert progress.estimated_total() == 6  # 3 items in 200 bytes
    assert list(reading) == []
    assert progress.estimated_total() == 4  # the end: exact


def test_engine_progress_prints_each_failure_on_one_line() -> None:
    out = io.StringIO()
    progress = IngestProgress(0, Console(file=out, width=40))
    with progress:
        progress(Outcome.STORED, None)
        progress(Outcome.FAILED, Failure("some/very/long/path/to/an/article.html", "no article"))
        progress(Outcome.SKIPPED, None)
    assert out.getvalue().splitlines() == [
        "newsgraph: error: some/very/long/path/to/an/article.html: no article"
    ]
    s = progress.stats
    assert (s.stored, s.skipped, s.failed) == (1, 1, 1)
