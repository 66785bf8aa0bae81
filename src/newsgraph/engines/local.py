"""The local engine: the per-article function over a pool of processes, streaming into a store.

The main process reads articles, skips those whose id the store already holds (before any NLP),
hands small chunks to worker processes (each loads the spaCy pipeline once, in its initializer)
and writes every document back in its own transaction, in input order. At most
``workers * 2`` chunks are in flight, so memory stays flat whatever the corpus size, and an
interrupted run (Ctrl-C, a killed process) resumes where it stopped: what was written is
skipped, what was not is analysed again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from enum import Enum
from itertools import islice
from multiprocessing import forkserver
from typing import TYPE_CHECKING

from newsgraph import nlp as nlp_loader
from newsgraph.engines import preload
from newsgraph.errors import InputError, ModelError
from newsgraph.model import Article, Document
from newsgraph.pipeline import analyze_articles
from newsgraph.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from newsgraph.store import Store

#: Articles per task sent to a worker: small, so Ctrl-C and memory stay cheap.
DEFAULT_CHUNK_SIZE = 8


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Failure:
    """An article or input that could not be analysed. Picklable, unlike our exceptions."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"

    @classmethod
    def of(cls, error: InputError) -> Failure:
        return cls(error.source, error.problem)


class Outcome(Enum):
    STORED = "stored"
    SKIPPED = "skipped"  # its id was already in the store
    FAILED = "failed"


@dataclass(slots=True)
class RunStats:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0  # words of the articles analysed (stored or not)

    def count(self, outcome: Outcome) -> None:
        if outcome is Outcome.STORED:
            self.stored += 1
        elif outcome is Outcome.SKIPPED:
            self.skipped += 1
        else:
            self.failed += 1


#: Called once for every input item the engine settles, with the failure if there was one.
OnOutcome = Callable[[Outcome, Failure | None], None]


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_outcome: OnOutcome | None = None,
) -> RunStats:
    """Analyse every article of ``items`` not yet in ``store`` and write its document there.

    ``items`` is what ``newsgraph.read.iter_articles`` yields; each ``InputError`` is counted as
    failed and handed to ``on_outcome``. ``ModelError`` and ``StoreError`` abort the run.
    """
    stats = RunStats()

    def settle(outcome: Outcome, failure: Failure | None = None) -> None:
        stats.count(outcome)
        if on_outcome is not None:
            on_outcome(outcome, failure)

    def new_articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                settle(Outcome.FAILED, Failure.of(item))
            elif store.has_article(item.id):
                settle(Outcome.SKIPPED)
            else:
                yield item

    for result in analyze_parallel(
        new_articles(), settings, workers=workers, chunk_size=chunk_size
    ):
        if isinstance(result, Failure):
            settle(Outcome.FAILED, result)
            continue
        stats.words += len(result.article.text.split())
        settle(Outcome.STORED if store.write(result) else Outcome.SKIPPED)
    return stats


def analyze_parallel(
    articles: Iterable[Article],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Document | Failure]:
    """``analyze_articles`` over ``workers`` processes, in input order, with bounded memory.

    An article whose analysis raises comes back as a ``Failure``; the others go on. With one
    worker everything runs in this process.
    """
    chunks = _chunks(articles, chunk_size)
    if workers <= 1:
        for chunk in chunks:
            yield from analyze_chunk(chunk, settings)
        return
    pool = ProcessPoolExecutor(
        workers,
        mp_context=_worker_context(settings),
        initializer=_init_worker,
        initargs=(settings,),
    )
    pending: deque[Future[list[Document | Failure]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(analyze_chunk, chunk, settings))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if pending:  # interrupted, or the consumer stopped: what is in flight is dropped
            _terminate(pool)
        pool.shutdown(wait=not pending, cancel_futures=True)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now rather than after their current chunk (nothing of it is stored)."""
    processes = getattr(pool, "_processes", None) or {}  # Python 3.14: pool.terminate_workers()
    for process in list(processes.values()):
        process.terminate()


def analyze_chunk(chunk: list[Article], settings: Settings) -> list[Document | Failure]:
    """Documents for ``chunk`` in order; when the batch fails, each article is retried alone."""
    try:
        return list(analyze_articles(chunk, settings))
    except ModelError:
        raise
    except Exception:  # noqa: BLE001  (one bad article must not sink its chunk)
        return [_analyze_one(article, settings) for article in chunk]


def _analyze_one(article: Article, settings: Settings) -> Document | Failure:
    try:
        return next(analyze_articles([article], settings))
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001
        source = article.source or article.id
        return Failure(source, f"analysis failed: {type(exc).__name__}: {exc}")


def _worker_context(settings: Settings) -> multiprocessing.context.BaseContext:
    """Workers forked from a server process that has loaded the spaCy pipeline
    (``newsgraph.engines.preload``): they start at once and share the model's memory, and
    unlike a plain fork this is safe next to the progress bar's thread.

    The server starts with Ctrl-C ignored, which it and the workers it forks inherit: a
    terminal's Ctrl-C reaches the whole process group, and only the main process handles it.
    The server lives as long as this process; a later run with other settings still works,
    its workers loading their own pipeline.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__, preload.__name__])  # everything a worker imports
    if threading.current_thread() is threading.main_thread():
        previous_env = os.environ.get(preload.ENV)
        previous_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.environ[preload.ENV] = preload.encode(settings)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous_handler)
            if previous_env is None:
                del os.environ[preload.ENV]
            else:
                os.environ[preload.ENV] = previous_env
    return ctx


def _init_worker(settings: Settings) -> None:
    """Load the spaCy pipeline once per worker; Ctrl-C is the main process's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(ModelError):  # raised again, with its message, by the first chunk
        nlp_loader.load(settings)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, max(1, size))):
        yield chunk
