"""``reportlint batch``: check folders of reports on all cores, with a content cache.

discover → plan (config per folder, cache look-up by content, reader and options) → check the misses in
worker processes (:mod:`reportlint.executor`) → stream FileReports, in discovery order, to
the formatter (the default is a per-file table with totals) → exit code.

A file that cannot be read becomes a row with its error (exit code 2), never a crash.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from .readers import CONVERT_HINT, DEFAULT_MAX_BYTES, reader_identity, supported, unreadable

from .executor import LOST_MESSAGE
from .vocab import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


# ---------------------------------------------------------------- discovery

def _ignore_files_above(top: str) -> list[tuple[str, object]]:
    """``.gitignore`` files of the folders above ``top`` up to its git work tree's root (none when
    ``top`` is not inside one), outermost first."""
    out = []
    d = os.path.dirname(os.path.abspath(top))
    chain = []
    while True:
        chain.append(d)
        if os.path.exists(os.path.join(d, ".git")):
            break
        parent = os.path.dirname(d)
        if parent == d:
            return []  # not in a git work tree: only .gitignore files inside top apply
        d = parent
    for folder in reversed(chain):
        spec = _read_gitignore(folder)
        if spec is not None:
            out.append((folder, spec))
    return out


def _read_gitignore(folder: str):
    from .paths import glob_spec

    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return glob_spec(fh.read().splitlines())
    except OSError:
        return None


def _ignored(path: str, is_dir: bool, specs) -> bool:
    for base, spec in specs:
        rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


def discover(paths, include=None, exclude=None, gitignore: bool = True) -> list[str]:
    """The list of :func:`iter_discover` (for callers that need every path at once)."""
    return list(iter_discover(paths, include, exclude, gitignore))


def _overlapping(paths) -> bool:
    """Can a file be reached twice from ``paths`` (a repeated path, or one inside another)?"""
    tops = [os.path.abspath(p) for p in paths]
    if len(set(tops)) < len(tops):
        return True
    dirs = [t.rstrip(os.sep) + os.sep for t in tops if os.path.isdir(t)]
    return any(t != d.rstrip(os.sep) and t.startswith(d) for t in tops for d in dirs)


def iter_discover(paths, include=None, exclude=None, gitignore: bool = True):
    """Report files under ``paths`` (recursive, sorted), one at a time. Explicit files are always kept.

    ``include``/``exclude``: globs with gitignore semantics, relative to each folder given (``*``
    stays in one folder, ``**`` crosses folders, a name without ``/`` matches at any depth).
    ``gitignore``: skip what ``.gitignore`` files ignore (those inside each folder, and those
    above it up to the root of its git work tree), as git would.

    The paths are yielded as the folders are walked (nothing is listed first): memory does not grow
    with the number of files. A file reachable twice (overlapping arguments) is yielded once — only
    then is a set of the paths seen kept.
    """
    from .paths import glob_spec

    inc, exc = glob_spec(include), glob_spec(exclude)
    wanted = supported() | set(CONVERT_HINT)  # unsupported office types are found so they become error rows
    seen: set[str] | None = set() if _overlapping(paths) else None

    def new(p) -> bool:
        if seen is None:
            return True
        key = os.path.abspath(p)
        if key in seen:
            return False
        seen.add(key)
        return True

    for top in paths:
        if not os.path.isdir(top):
            if new(top):
                yield top  # missing or odd paths become error rows
            continue
        ignores: dict[str, list] = {}  # folder -> the .gitignore specs that apply inside it
        for root, dirs, files in os.walk(top):
            specs = ignores.get(root)
            if specs is None:
                specs = _ignore_files_above(top) if gitignore else []
            if gitignore:
                own = _read_gitignore(root)
                if own is not None:
                    specs = specs + [(root, own)]
            rel_root = os.path.relpath(root, top)
            rel_root = "" if rel_root == "." else rel_root.replace(os.sep, "/") + "/"
            keep = []
            for d in sorted(dirs):
                if d.startswith(".") or (exc and exc.match_file(rel_root + d + "/")):
                    continue
                if specs and _ignored(os.path.join(root, d), True, specs):
                    continue
                keep.append(d)
                ignores[os.path.join(root, d)] = specs
            dirs[:] = keep
            for name in sorted(files):
                if name.startswith((".", "~$")):
                    continue
                if os.path.splitext(name)[1].lower() not in wanted:
                    continue
                rel = rel_root + name
                if inc and not inc.match_file(rel):
                    continue
                if exc and exc.match_file(rel):
                    continue
                if specs and _ignored(os.path.join(root, name), False, specs):
                    continue
                path = os.path.join(root, name)
                if new(path):
                    yield path


# ---------------------------------------------------------------- per-file work (runs in workers)

def init_worker(rules_keys) -> None:
    """Load the rules, the tokenizer and the classifier once per worker process."""
    from . import tokenize
    from .classify.core import prepare
    from .classify.predict import load_model, use_batched
    from .rulecache import load_ruleset

    for k in rules_keys:
        load_ruleset(list(k))
    tokenize._engine()
    tokenize.load_word_filter()  # WD009's candidates: "not a word" without an engine call
    prepare(load_model())  # the packed pure-Python table, unless the compiled core is there
    use_batched()  # character n-grams of a whole file at once, with numpy (when installed)


def check_task(task):
    """(path, Options, rules key) → FileReport. Pure: no printing, no shared state."""
    from . import report
    from .rulecache import load_ruleset

    path, opts, rules_key = task
    return report.check_path(path, load_ruleset(list(rules_key)), opts)


def lost_row(task, message: str):
    """The row of a file whose check kept killing cluster workers."""
    from .report import FileReport

    return FileReport(task[0], error=message)


# ---------------------------------------------------------------- planning and streaming

@dataclass(slots=True)
class Item:
    path: str
    opts: object
    rules_key: tuple
    fail_on: str = "warning"
    key: str | None = None  # cache key; None when the file is handled directly (errors)
    direct: bool = False
    hit: bool = False


@dataclass
class Tally:
    files: int = 0
    status: Counter = field(default_factory=Counter)
    severity: Counter = field(default_factory=Counter)
    codes: dict = field(default_factory=dict)  # code -> [count, rule name, severity]
    failing: bool = False
    unreadable: bool = False
    bytes: int = 0

    def add(self, r, fail_on: str = "warning") -> None:
        from .finding import SEVERITY_RANK

        self.files += 1
        self.status[status_of(r)] += 1
        if r.error:
            self.unreadable = True
        for f in r.findings:
            self.severity[f.severity] += 1
            c = self.codes.setdefault(f.code, [0, f.rule, f.severity])
            c[0] += 1
            if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]:
                self.failing = True

    def exit_code(self) -> int:
        """2 if a file could not be read, 1 if a finding reaches its file's ``fail-on``, else 0."""
        return EXIT_ERROR if self.unreadable else EXIT_FINDINGS if self.failing else EXIT_OK


def status_of(r) -> str:
    if r.error:
        return "unreadable"
    sev = {f.severity for f in r.findings}
    return "error" if "error" in sev else "warning" if "warning" in sev else "ok"


class Batch:
    """Plans a run and streams its FileReports (cache first, then the executor), in input order.

    ``items`` may be any iterable of :class:`Item` (a generator: nothing is listed). Planning —
    reading each file for its cache key, looking keys up in blocks of :data:`PLAN_BLOCK` — happens
    as the executor asks for work; what is held at any time is one block, the executor's window
    of tasks in flight and the items between them (:func:`reportlint.executor.ordered`).
    """

    PLAN_BLOCK = 256

    def __init__(self, items, jobs: int, cache=None, executor_factory=None):
        self.items = items
        self.jobs = jobs
        self.cache = cache
        self.executor_factory = executor_factory
        self.executor = None
        self.checked = 0  # files checked (not from cache)
        self.salts: dict | None = None

    def plan(self, salts: dict) -> None:
        """Look results up in the cache (under these per-rules-key salts) as the run streams."""
        self.salts = salts

    def _key(self, it: Item, okeys: dict) -> None:
        from .cache import content_hash, make_key, options_key

        ext = os.path.splitext(it.path)[1].lower()
        limit = it.opts.max_bytes or DEFAULT_MAX_BYTES
        try:
            st = os.stat(it.path)
            if not os.path.isfile(it.path) or unreadable(ext) or st.st_size > limit:
                it.direct = True
                return
            with open(it.path, "rb") as fh:
                data = fh.read()
        except OSError:
            it.direct = True  # the reader reports why (missing, no permission …)
            return
        r = repr(it.opts)  # a dataclass: its repr shows every field (cheaper than asdict per file)
        ok = okeys.get(r)
        if ok is None:
            ok = okeys[r] = options_key(it.opts)
        # content + reader (by extension and sniffed type) + options + code stamp (in the salt)
        it.key = make_key(content_hash(data) + "|" + reader_identity(it.path, data[:8]), self.salts[it.rules_key], ok)

    def _planned(self):
        """Items with ``direct``/``key``/``hit`` set, block by block, in input order."""
        okeys: dict = {}
        block: list = []
        for it in self.items:
            if self.salts is not None:
                self._key(it, okeys)
            elif not it.direct:
                it.direct = unreadable(os.path.splitext(it.path)[1].lower()) or not os.path.isfile(it.path)
            block.append(it)
            if len(block) >= self.PLAN_BLOCK:
                yield from self._looked_up(block)
                block = []
        yield from self._looked_up(block)

    def _looked_up(self, block):
        if self.cache is not None and self.salts is not None:
            found = self.cache.contains([it.key for it in block if it.key])
            for it in block:
                it.hit = it.key in found
        return block

    def results(self):
        """(Item, FileReport) pairs in input order."""
        from itertools import chain, islice

        from .executor import ordered

        planned = self._planned()
        # look ahead far enough to size chunks and the pool as if the whole run were known
        ahead = self.PLAN_BLOCK * max(2, self.jobs)
        head = list(islice(planned, ahead))
        misses = [it for it in head if not it.direct and not it.hit]
        n = len(misses) if len(head) < ahead else max(len(misses), ahead)
        keys = sorted({it.rules_key for it in head})
        del misses

        def start(tasks):
            self.executor = self.executor_factory(min(self.jobs, n), keys)
            return self.executor.imap(check_task, tasks, n)

        entries = ((it, None if it.direct or it.hit else (it.path, it.opts, it.rules_key))
                   for it in chain(head, planned))
        del head
        for it, rep in ordered(entries, start):
            if rep is None and it.hit:
                rep = self.cache.get(it.key, it.path)
                if rep is None:  # listed in the cache but unreadable there: check here
                    rep = check_task((it.path, it.opts, it.rules_key))
                    self.checked += 1
            elif rep is None:
                rep = check_task((it.path, it.opts, it.rules_key))
            else:
                self.checked += 1
                converted = os.path.splitext(it.path)[1].lower() in CONVERT_HINT
                if self.cache is not None and it.key and rep.error != LOST_MESSAGE and not (rep.error and converted):
                    # read errors depend on content alone, except a conversion that may work tomorrow;
                    # a lost worker does not depend on the file at all
                    self.cache.put(it.key, rep)
            yield it, rep

    def reports(self):
        """FileReports in input order."""
        for _, rep in self.results():
            yield rep


def local_executor(jobs: int, rules_keys):
    from .executor import LocalExecutor

    return LocalExecutor(jobs, init_worker, (rules_keys,))
