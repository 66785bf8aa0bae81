"""Progress of an ingest run on the terminal (rich): articles done, rate, ETA, errors so far.

The corpus is streamed, so the number of articles is not known in advance. It is estimated
from the input read so far: items read per byte of the files finished, times the total size
of the input files (one walk over the paths gives it, without holding the file list). Once
the reader has reached the end, the estimate is the exact count.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsgraph.engines.local import Failure, Outcome, RunStats
from newsgraph.errors import InputError
from newsgraph.model import Article


def input_size(paths: Iterable[str | Path]) -> int:
    """Total bytes of the files under ``paths``."""
    total = 0
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for root, _dirs, files in os.walk(p):
                total += sum(_size(os.path.join(root, f)) for f in files)
        else:
            total += _size(p)
    return total


def source_path(source: str | None) -> str | None:
    """The file an article came from: ``PATH`` of ``PATH#N``."""
    if source is None:
        return None
    path, sep, n = source.rpartition("#")
    return path if sep and n.isdigit() else source


class IngestProgress:
    """A rich progress bar on stderr, fed by the engine's ``on_outcome`` callback.

    Use as a context manager; wrap the reader's items with ``track_reading`` so the bar moves
    as input files are consumed. Errors are printed above the bar, one line each.
    """

    def __init__(self, total_bytes: int, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.stats = RunStats()
        self._progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn("{task.fields[done]} articles, {task.fields[rate]:.1f}/s"),
            TextColumn("{task.fields[skipped]} already stored, [red]{task.fields[failed]} errors"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self._task: TaskID = self._progress.add_task(
            "ingest", total=None, done=0, rate=0.0, skipped=0, failed=0
        )
        self._started = time.monotonic()
        self._total_bytes = total_bytes
        self._path: str | None = None
        self._bytes_read = 0  # of the files the reader has finished
        self._items_read = 0  # in those files
        self._reading = 0  # items of the file being read
        self._finished_reading = False

    def __enter__(self) -> IngestProgress:
        self._progress.start()
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def track_reading(
        self, items: Iterable[Article | InputError]
    ) -> Iterator[Article | InputError]:
        """``items`` unchanged, counted by the file they come from."""
        for item in items:
            path = source_path(item.source)
            if path != self._path:
                self._file_done()
                self._path = path
            self._reading += 1
            yield item
        self._file_done()
        self._finished_reading = True

    def estimated_total(self) -> int | None:
        """How many items the input holds, as far as can be told yet."""
        if self._finished_reading:
            return self._items_read
        if self._bytes_read == 0:
            return None
        estimate = round(self._items_read * self._total_bytes / self._bytes_read)
        return max(estimate, self._items_read + self._reading)

    def __call__(self, outcome: Outcome, failure: Failure | None) -> None:
        self.stats.count(outcome)
        if failure is not None:
            self.console.print(
                f"newsgraph: error: {failure}", markup=False, highlight=False, soft_wrap=True
            )
        done = self.stats.stored + self.stats.skipped
        elapsed = max(time.monotonic() - self._started, 1e-9)
        self._progress.update(
            self._task,
            total=self.estimated_total(),
            completed=done + self.stats.failed,
            done=done,
            rate=done / elapsed,
            skipped=self.stats.skipped,
            failed=self.stats.failed,
        )

    def _file_done(self) -> None:
        if self._path is not None:
            self._bytes_read += _size(Path(self._path))
        self._items_read += self._reading
        self._reading = 0


def _size(path: str | Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
