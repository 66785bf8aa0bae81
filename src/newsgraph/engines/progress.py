"""Progress of an ingest run on the terminal (rich): articles done, rate, ETA, errors so far.

The corpus is streamed, so the number of articles is not known in advance; the ETA comes from
the bytes of input read so far against the total size of the input files, which one walk over
the paths gives without holding the file list in memory.
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
            "ingest", total=max(total_bytes, 1), done=0, rate=0.0, skipped=0, failed=0
        )
        self._started = time.monotonic()
        self._path: str | None = None

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
        """``items`` unchanged; each time the reader moves to a new file, the last one is done."""
        for item in items:
            path = source_path(item.source)
            if path != self._path:
                self._file_done()
                self._path = path
            yield item
        self._file_done()

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
            done=done,
            rate=done / elapsed,
            skipped=self.stats.skipped,
            failed=self.stats.failed,
        )

    def _file_done(self) -> None:
        if self._path is not None:
            self._progress.advance(self._task, _size(Path(self._path)))


def _size(path: str | Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
