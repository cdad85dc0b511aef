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


def ordered(entries: Iterable, start: Callable[[Iterator], Iterator]) -> Iterator[tuple]:
    """Stream (entry, task or None) pairs through an executor, in input order, without lists.

    Yields (entry, result) for an entry with a task — the task is handed to ``start(tasks)``
    (e.g. ``lambda ts: executor.imap(fn, ts, n)``), called once, at the first task, with a lazy
    iterator of all tasks — and (entry, None) for an entry without one (the caller answers it,
    e.g. from a cache). Entries are pulled from ``entries`` only as the executor asks for tasks
    or the caller for results, so what is held is the executor's window of tasks in flight and
    the entries interleaved with them, never the whole input.
    """
    src = iter(entries)
    queue: deque = deque()  # entries pulled, not yet yielded: (entry, has a task)
    todo: deque = deque()  # tasks pulled, not yet handed to the executor
    state = {"done": False}

    def pull() -> bool:
        if state["done"]:
            return False
        try:
            entry, task = next(src)
        except StopIteration:
            state["done"] = True
            return False
        queue.append((entry, task is not None))
        if task is not None:
            todo.append(task)
        return True

    def tasks():
        while True:
            while not todo:
                if not pull():
                    return
            yield todo.popleft()

    results = None
    while queue or pull():
        entry, has_task = queue.popleft()
        if not has_task:
            yield entry, None
            continue
        if results is None:
            results = start(tasks())
        yield entry, next(results)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------- a Dask cluster behind the same seam

#: The error of a file whose processing kept killing cluster workers (never cached).
LOST_MESSAGE = "处理该文件时 Dask 工作进程多次意外退出，已跳过。"

#: How many bytes of shipped files one chunk may carry, and the largest file that is shipped at all
#: (a bigger one is left to the worker, which reads it where it lives or reports it).
SHIP_CHUNK_BYTES = 8 * 1024 * 1024
SHIP_MAX_BYTES = 64 * 1024 * 1024


class DaskExecutor:
    """A Dask ``distributed`` scheduler (``tcp://host:port``) or a ``Client`` given directly.

    Same contract as :class:`LocalExecutor`, plus: an item is a tuple whose first element is a
    file path, and a result names that path as ``.path`` or ``["path"]``. Then

    - ``ship_files=False``: workers read the paths themselves (a shared folder, same path on
      every machine);
    - ``ship_files=True``: the client reads each file and ships its bytes in chunks of at most
      :data:`SHIP_CHUNK_BYTES`; a worker writes them to a private temporary folder under the
      file's own name, runs ``fn`` there and puts the original path back into the result.

    ``initializer(*initargs)`` runs once per worker (a worker plugin, re-run on every worker that
    joins or restarts). At most ``window`` chunks are in flight, so the client's memory does not
    grow with the number of items. A chunk whose worker dies is retried by the scheduler; a chunk
    the scheduler gives up on (``KilledWorker``, after ``distributed.scheduler.allowed-failures``
    deaths) is split and its items retried one at a time; an item that still kills its worker is
    answered by ``on_lost(item, message)`` — an error row — so the run goes on and never hangs
    (a chunk that takes longer than ``task_timeout`` seconds is treated the same way).
    (A worker's death counts against every task it held, so an innocent item running beside a
    killer on the same worker could, rarely, be blamed with it.)
    """

    def __init__(self, scheduler=None, initializer: Callable | None = None, initargs: tuple = (),
                 chunksize: int = 16, window: int | None = None, ship_files: bool = False,
                 on_lost: Callable | None = None, client=None, timeout: float = 30,
                 task_timeout: float = 600):
        self.scheduler = scheduler
        self.initializer = initializer
        self.initargs = initargs
        self.chunksize = max(1, chunksize)
        self.window = window
        self.ship_files = ship_files
        self.on_lost = on_lost
        self.timeout = timeout  # connecting to the scheduler
        self.task_timeout = task_timeout  # one chunk, then one item, at most this long
        self._client = client
        self._own_client = client is None
        self.jobs = 0  # workers seen when the run started (shown in batch's closing line)
        self.lost = 0  # items answered by on_lost

    def _connect(self):
        from .errors import InputError

        try:
            import distributed  # noqa: F401
        except ImportError:
            raise InputError("使用 Dask 集群需要先安装：pip install 'reportlint[dask]'", "--executor dask") from None
        from distributed import Client

        if self._client is None:
            try:
                self._client = Client(self.scheduler, timeout=self.timeout, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise InputError(f"无法连接 Dask 调度器：{exc}", str(self.scheduler)) from None
        if self.initializer is not None:
            from .dask_plugin import InitPlugin

            self._client.register_plugin(InitPlugin(self.initializer, self.initargs))
        self.jobs = len(self._client.scheduler_info().get("workers", {})) or 1
        return self._client

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None

    def imap(self, fn: Callable, items: Iterable, n_items: int | None = None) -> Iterator:
        client = self._connect()
        try:
            yield from self._imap(client, fn, items)
        finally:
            self.close()

    def _chunks(self, items: Iterable) -> Iterator[list]:
        if not self.ship_files:
            yield from _chunks(items, self.chunksize)
            return
        chunk: list = []
        size = 0
        for item in items:
            data = _read_for_shipping(item[0])
            n = len(data) if data is not None else 0
            if chunk and (len(chunk) >= self.chunksize or size + n > SHIP_CHUNK_BYTES):
                yield chunk
                chunk, size = [], 0
            chunk.append((item, data))
            size += n
        if chunk:
            yield chunk

    def _submit(self, client, fn, chunk):
        runner = _run_shipped if self.ship_files else _run_chunk
        return client.submit(runner, fn, chunk, pure=False)

    def _imap(self, client, fn, items) -> Iterator:
        window = self.window or max(2, self.jobs * 4)
        pending: deque = deque()
        try:
            for chunk in self._chunks(items):
                pending.append((chunk, self._submit(client, fn, chunk)))
                if len(pending) >= window:
                    yield from self._collect(client, fn, *pending.popleft())
            while pending:
                yield from self._collect(client, fn, *pending.popleft())
        finally:
            for _, fut in pending:
                fut.cancel()

    def _collect(self, client, fn, chunk, fut) -> list:
        from distributed import KilledWorker

        try:
            return fut.result(timeout=self.task_timeout)
        except KilledWorker:
            pass
        except TimeoutError:  # a stuck worker must not hang the run: treat it as a lost one
            fut.cancel()
        if len(chunk) > 1:  # which item killed the workers? retry each alone, one after the other
            # (a worker's death also counts against every task it held: singles submitted together
            # would be blamed for each other)
            return [r for entry in chunk for r in self._collect(client, fn, [entry], self._submit(client, fn, [entry]))]
        entry = chunk[0]
        item = entry[0] if self.ship_files else entry
        self.lost += 1
        if self.on_lost is None:
            raise RuntimeError(f"file kills its Dask workers: {item[0]}")
        return [self.on_lost(item, LOST_MESSAGE)]


def _read_for_shipping(path: str):
    """The file's bytes, or None when it is left to the worker (missing, unreadable, too big, odd)."""
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > SHIP_MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _run_shipped(fn, chunk):
    """Worker side of ``ship_files``: each (item, bytes) is checked from a private copy."""
    import shutil
    import tempfile

    out = []
    for item, data in chunk:
        if data is None:
            out.append(fn(item))
            continue
        tmp = tempfile.mkdtemp(prefix="reportlint-")
        try:
            local = os.path.join(tmp, os.path.basename(item[0]) or "report")
            with open(local, "wb") as fh:
                fh.write(data)
            out.append(_renamed(fn((local,) + tuple(item[1:])), local, item[0]))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return out


def _renamed(result, local: str, path: str):
    """Put the original path back into a result computed from a temporary copy."""
    if isinstance(result, dict):
        return {**result, "path": path} if result.get("path") == local else result
    if getattr(result, "path", None) == local and hasattr(result, "with_path"):
        return result.with_path(path)
    return result
