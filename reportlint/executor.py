"""The executor seam: run a pure per-item function over many items, results in input order.

``LocalExecutor`` runs in-process (``jobs == 1``) or in a pool of worker processes
(``concurrent.futures.ProcessPoolExecutor``); each worker runs ``initializer(*initargs)``
once (load the rules, the tokenizer, the model) and then handles *chunks* of items.
Results are yielded in input order as soon as they are ready, with a bounded number
of chunks in flight, so memory stays flat however many items there are.

Anything with the same ``imap(fn, items)`` shape can replace it — e.g. a Dask
``Client.map`` over chunks for archives beyond one machine — without touching
the batch or summary code. ``fn`` must be a module-level (picklable) function
taking one item; ``items`` must be picklable.
"""
from __future__ import annotations

import os
from collections import deque
from typing import Callable, Iterable, Iterator


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or ``0`` → all cores."""
    return cpu_count() if not jobs or jobs <= 0 else jobs


def chunk_size(n_items: int, jobs: int) -> int:
    """Small enough to balance the load, large enough to amortise pickling."""
    if jobs <= 1:
        return 64
    return max(1, min(32, n_items // (jobs * 8) or 1))


def _run_chunk(fn, chunk):
    return [fn(item) for item in chunk]


_INIT_DONE = False


def _init_once(initializer, initargs):
    global _INIT_DONE
    if initializer is not None and not _INIT_DONE:
        initializer(*initargs)
    _INIT_DONE = True


class LocalExecutor:
    """Local processes (or the current process when ``jobs == 1``)."""

    def __init__(self, jobs: int = 1, initializer: Callable | None = None, initargs: tuple = (),
                 chunksize: int | None = None, window: int | None = None):
        self.jobs = max(1, jobs)
        self.initializer = initializer
        self.initargs = initargs
        self.chunksize = chunksize
        self.window = window or self.jobs * 4
        self.workers_started = 0  # for tests and benchmarks

    def imap(self, fn: Callable, items: Iterable, n_items: int | None = None) -> Iterator:
        items = list(items) if n_items is None else items
        n = len(items) if n_items is None else n_items
        size = self.chunksize or chunk_size(n, self.jobs)
        chunks = _chunks(items, size)
        if self.jobs == 1 or n <= 1:
            if self.initializer is not None:
                self.initializer(*self.initargs)
            for chunk in chunks:
                yield from _run_chunk(fn, chunk)
            return
        yield from self._pool_imap(fn, chunks, min(self.jobs, max(1, -(-n // size))))

    def _pool_imap(self, fn, chunks, workers: int) -> Iterator:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork: workers inherit what the parent already loaded (the rules); they are
        # all started on the first submit, before any progress-bar thread exists.
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else None)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_once,
                                   initargs=(self.initializer, self.initargs))
        self.workers_started += workers
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_run_chunk, fn, chunk))
                if len(pending) >= self.window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for fut in pending:
                fut.cancel()
            pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
