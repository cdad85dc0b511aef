"""Upload jobs: store the files privately, check them in the background, keep the results.

Files from the client are written under server-made names (``0001.txt``) inside a private
temporary folder (mode 0700); the client's file name is only ever shown, never used as a path.
The folder is deleted as soon as the job is done (and every remaining one when the server stops).
"""
from __future__ import annotations

import os
import queue
import secrets
import shutil
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field

#: What the page accepts; other suffixes become an error row (the readers say how to convert).
ZIP_SUFFIX = ".zip"
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_TOTAL = 100 * 1024 * 1024
KEEP_JOBS = 100  # finished jobs kept in memory for the page (oldest dropped first)
MAX_WAITING = 100  # uploads waiting for their turn; past that the server says it is busy
BUSY_MESSAGE = "服务器正忙：等待检查的上传太多，请稍后再试。"


class UploadError(Exception):
    """A refused upload; ``message`` is Chinese and shown to the user as is."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Limits:
    max_bytes: int = 30 * 1024 * 1024  # one upload request, all files together
    max_files: int = 200  # files in one upload, zip entries included

    def size_message(self) -> str:
        return f"上传内容超过了 {self.max_bytes / 1024 / 1024:g} MB 的上限，请分批上传。"

    def count_message(self) -> str:
        return f"一次最多上传 {self.max_files} 个文件，请分批上传。"


@dataclass
class FileEntry:
    name: str  # the client's name (display only)
    path: str  # server-made path inside the job folder
    report: object = None  # FileReport
    view: dict | None = None


@dataclass
class Job:
    id: str
    folder: str
    files: list[FileEntry] = field(default_factory=list)
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    error: str | None = None
    summary: dict | None = None  # summary_stats result
    event: threading.Event = field(default_factory=threading.Event)

    @property
    def total(self) -> int:
        return len(self.files)


def safe_suffix(name: str) -> str:
    """The lower-case suffix of a client name, kept only if it is plain letters and digits."""
    ext = os.path.splitext(name.replace("\\", "/").rsplit("/", 1)[-1])[1].lower()
    return ext if 1 < len(ext) <= 6 and ext[1:].isalnum() and ext[1:].isascii() else ".bin"


def display_name(name: str) -> str:
    """A client name trimmed for display: no folders, no control characters, at most 200 chars."""
    base = name.replace("\\", "/")
    base = "/".join(p for p in base.split("/") if p not in ("", ".", ".."))
    base = "".join(ch for ch in base if ch.isprintable())
    return base[-200:] or "未命名"


class PoolExecutor:
    """A persistent pool of worker processes with the ``imap`` shape of ``executor.LocalExecutor``.

    Started once with the server (spawned, so the server's threads are never forked), it keeps
    the rules, the tokenizer and the classifier loaded between jobs.
    """

    def __init__(self, jobs: int, initializer, initargs):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.jobs = jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=initializer, initargs=initargs)

    def imap(self, fn, items, n_items=None):
        from ..executor import _run_chunk, chunk_size

        items = list(items)
        size = chunk_size(len(items), self.jobs)
        futures = [self.pool.submit(_run_chunk, fn, items[i:i + size]) for i in range(0, len(items), size)]
        for fut in futures:
            yield from fut.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def worker_init(rules_keys) -> None:
    from ..batch import init_worker

    init_worker(rules_keys)


def view_task(task) -> dict:
    """(path, Options, rules key) → what the page needs to show one report and summarise it.

    ``text``: the document text findings point into; ``paragraphs``: [start, end, role, label,
    confidence]; ``headings``: the outline tree; ``record``: the ``summary`` record.
    """
    from ..classify.predict import tag_document
    from ..errors import ReportlintError
    from ..readers import DEFAULT_MAX_BYTES, read_path
    from ..report import build_document
    from ..rulecache import load_ruleset
    from ..summary import analyse_task

    path, opts, rules_key = task
    rs = load_ruleset(list(rules_key))
    try:
        doc = build_document(read_path(path, opts.max_bytes or DEFAULT_MAX_BYTES), rs, opts)
    except ReportlintError as exc:
        return {"error": exc.message, "record": {"path": path, "error": exc.message}}
    tag_document(doc, decode=True)
    paras = []
    for p in doc.paragraphs:
        paras.append([p.start, p.end, doc.role_of(p) if p.heading is None else None, p.label,
                      round(p.confidence, 2), p.part, p.line])
    heads = [{"text": h.text, "level": h.level, "line": doc.paragraphs[h.para].line,
              "start": h.start, "role": h.role, "parent": h.parent} for h in doc.headings]
    return {"error": None, "text": doc.text, "paragraphs": paras, "headings": heads,
            "title": doc.paragraphs[doc.title].text if doc.title is not None else None,
            "record": analyse_task((path, rules_key))}


class JobManager:
    """Accepts uploads, runs one job at a time in a background thread, keeps finished results."""

    def __init__(self, config, limits: Limits | None = None, jobs: int = 1, cache_dir: str | None = None,
                 use_cache: bool = True, root: str | None = None):
        from ..rulecache import load_ruleset

        self.config = config
        self.limits = limits or Limits()
        self.rules_key = tuple(config["rules"])
        self.ruleset = load_ruleset(list(self.rules_key))
        self.fail_on = config["fail-on"]
        self.use_cache = use_cache
        self.cache_dir = cache_dir
        self.root = tempfile.mkdtemp(prefix="reportlint-serve-", dir=root)
        os.chmod(self.root, 0o700)
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self.n_jobs = max(1, jobs)
        self._pool = None
        self._thread = threading.Thread(target=self._loop, name="reportlint-jobs", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------ intake
    def new_job(self) -> Job:
        if self._queue.qsize() >= MAX_WAITING:
            raise UploadError(BUSY_MESSAGE, 503)
        jid = secrets.token_hex(8)
        folder = tempfile.mkdtemp(prefix="job-", dir=self.root)
        job = Job(jid, folder)
        with self._lock:
            self.jobs[jid] = job
            done = [j for j in self.jobs.values() if j.state in ("done", "failed")]
            for old in done[:max(0, len(done) - KEEP_JOBS)]:
                del self.jobs[old.id]
        return job

    def add_file(self, job: Job, name: str, data: bytes) -> None:
        """Store one uploaded file (a zip is opened into its report files)."""
        if safe_suffix(name) == ZIP_SUFFIX:
            self._add_zip(job, name, data)
        else:
            self._store(job, display_name(name), safe_suffix(name), data)

    def _store(self, job: Job, name: str, suffix: str, data: bytes) -> None:
        if len(job.files) >= self.limits.max_files:
            raise UploadError(self.limits.count_message(), 413)
        path = os.path.join(job.folder, f"{len(job.files) + 1:04d}{suffix}")
        with open(path, "xb") as fh:
            fh.write(data)
        job.files.append(FileEntry(name, path))

    def _add_zip(self, job: Job, name: str, data: bytes) -> None:
        import io

        zname = display_name(name)
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = [i for i in zf.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, ValueError, OSError):
            self._store(job, zname, ".zip", data)  # becomes an error row with the reader's message
            return
        if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
            raise UploadError(f"压缩包“{zname}”解压后过大或文件过多，请分批上传。", 413)
        for info in infos:
            inner = info.filename
            if info.flag_bits & 0x800 == 0:  # not marked UTF-8: Chinese Windows zips use GBK names
                try:
                    inner = info.filename.encode("cp437").decode("gbk")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    pass
            base = inner.replace("\\", "/").rsplit("/", 1)[-1]
            if base.startswith((".", "~$")) or "__MACOSX" in inner:
                continue
            try:
                content = zf.read(info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
                content = b""
            self._store(job, f"{zname}/{display_name(inner)}", safe_suffix(inner), content)

    def discard(self, job: Job) -> None:
        """Drop a refused upload: its folder and its entry."""
        shutil.rmtree(job.folder, ignore_errors=True)
        with self._lock:
            self.jobs.pop(job.id, None)

    def submit(self, job: Job) -> None:
        self._queue.put(job)

    # ------------------------------------------------------------ work
    def _executor(self, n: int, keys):
        if self.n_jobs <= 1:
            from ..executor import LocalExecutor

            return LocalExecutor(1, worker_init, (keys,))
        if self._pool is None:
            self._pool = PoolExecutor(self.n_jobs, worker_init, ([self.rules_key],))
        return self._pool

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._run(job)
                job.state = "done"
            except Exception as exc:  # noqa: BLE001 - one broken job must not stop the server
                job.state, job.error = "failed", f"检查时出错：{exc}"
            finally:
                shutil.rmtree(job.folder, ignore_errors=True)
                job.event.set()

    def _run(self, job: Job) -> None:
        from ..batch import Batch, Item
        from ..cache import ResultCache, run_salt
        from ..summary_stats import Aggregate

        job.state = "running"
        items = [Item(f.path, self.config.options_for(f.path), self.rules_key, self.fail_on) for f in job.files]
        cache = ResultCache(self.cache_dir) if self.use_cache else None
        try:
            batch = Batch(items, self.n_jobs, cache, self._executor)
            if cache is not None:
                batch.plan({self.rules_key: run_salt(self.ruleset)})
            else:
                for it in items:
                    it.direct = not os.path.isfile(it.path)
            for entry, rep in zip(job.files, batch.reports()):
                entry.report = rep
                job.done += 1
        finally:
            if cache is not None:
                cache.close()
        readable = [e for e in job.files if not e.report.error]
        tasks = [(e.path, self.config.options_for(e.path), self.rules_key) for e in readable]
        agg = Aggregate(self.ruleset)
        ex = self._executor(len(tasks), [self.rules_key])
        for entry, view in zip(readable, ex.imap(view_task, tasks)):
            record = view.pop("record")
            record["path"] = entry.name
            agg.add(record)
            entry.view = view
            job.done += 1
        for e in job.files:
            if e.report.error:
                agg.add({"path": e.name, "error": e.report.error})
                job.done += 1
        job.summary = agg.result()

    def progress_total(self, job: Job) -> int:
        return 2 * job.total

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)
        if self._pool is not None:
            self._pool.close()
        shutil.rmtree(self.root, ignore_errors=True)
