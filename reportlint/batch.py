"""``reportlint batch``: check folders of reports on all cores, with a content cache.

discover → plan (config per folder, cache look-up by content hash) → check the misses in
worker processes (:mod:`reportlint.executor`) → stream FileReports, in discovery order, to
the formatter (the default is a per-file table with totals) → exit code.

A file that cannot be read becomes a row with its error (exit code 2), never a crash.
"""
from __future__ import annotations

import fnmatch
import os
from collections import Counter
from dataclasses import dataclass, field

from .readers import CONVERT_HINT, DEFAULT_MAX_BYTES, supported

from .vocab import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


# ---------------------------------------------------------------- discovery

def _match(rel: str, name: str, patterns) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths, include=None, exclude=None) -> list[str]:
    """Report files under ``paths`` (recursive, sorted). Explicit files are always kept."""
    include, exclude = list(include or []), list(exclude or [])
    wanted = supported() | set(CONVERT_HINT)  # unsupported office types are found so they become error rows
    out: list[str] = []
    seen: set[str] = set()

    def add(p):
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for top in paths:
        if not os.path.isdir(top):
            add(top)  # missing or odd paths become error rows
            continue
        for root, dirs, files in os.walk(top):
            rel_root = os.path.relpath(root, top)
            rel_root = "" if rel_root == "." else rel_root.replace(os.sep, "/") + "/"
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not (exclude and _match(rel_root + d, d, exclude)))
            for name in sorted(files):
                if name.startswith((".", "~$")):
                    continue
                if os.path.splitext(name)[1].lower() not in wanted:
                    continue
                rel = rel_root + name
                if include and not _match(rel, name, include):
                    continue
                if exclude and _match(rel, name, exclude):
                    continue
                add(os.path.join(root, name))
    return out


# ---------------------------------------------------------------- per-file work (runs in workers)

def init_worker(rules_keys) -> None:
    """Load the rules, the tokenizer and the classifier once per worker process."""
    from . import tokenize
    from .classify.core import prepare
    from .classify.predict import load_model
    from .rulecache import load_ruleset

    for k in rules_keys:
        load_ruleset(list(k))
    tokenize._engine()
    prepare(load_model())  # the packed pure-Python table, unless the compiled core is there


def check_task(task):
    """(path, Options, rules key) → FileReport. Pure: no printing, no shared state."""
    from . import report
    from .rulecache import load_ruleset

    path, opts, rules_key = task
    return report.check_path(path, load_ruleset(list(rules_key)), opts)


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
    """Plans a run and streams its FileReports (cache first, then the executor)."""

    def __init__(self, items: list[Item], jobs: int, cache=None, executor_factory=None):
        self.items = items
        self.jobs = jobs
        self.cache = cache
        self.executor_factory = executor_factory
        self.executor = None
        self.checked = 0  # files checked (not from cache)

    def plan(self, salts: dict) -> None:
        from .cache import content_hash, make_key, options_key

        okeys: dict = {}
        for it in self.items:
            ext = os.path.splitext(it.path)[1].lower()
            limit = it.opts.max_bytes or DEFAULT_MAX_BYTES
            try:
                st = os.stat(it.path)
                if not os.path.isfile(it.path) or ext in CONVERT_HINT or st.st_size > limit:
                    it.direct = True
                    continue
                with open(it.path, "rb") as fh:
                    data = fh.read()
            except OSError:
                it.direct = True  # the reader reports why (missing, no permission …)
                continue
            r = repr(it.opts)  # a dataclass: its repr shows every field (cheaper than asdict per file)
            ok = okeys.get(r)
            if ok is None:
                ok = okeys[r] = options_key(it.opts)
            it.key = make_key(content_hash(data), salts[it.rules_key], ok)
        if self.cache is not None:
            found = self.cache.contains([it.key for it in self.items if it.key])
            for it in self.items:
                it.hit = it.key in found

    def reports(self):
        """FileReports in discovery order."""
        todo = [it for it in self.items if not it.direct and not it.hit]
        miss_iter = iter(())
        if todo:
            keys = sorted({it.rules_key for it in todo})
            self.executor = self.executor_factory(min(self.jobs, len(todo)), keys)
            miss_iter = self.executor.imap(check_task, [(it.path, it.opts, it.rules_key) for it in todo])
        for it in self.items:
            rep = None
            if it.hit:
                rep = self.cache.get(it.key, it.path)
            if rep is None and it.direct:
                rep = check_task((it.path, it.opts, it.rules_key))
            elif rep is None and not it.hit:
                rep = next(miss_iter)
                self.checked += 1
                if self.cache is not None and it.key:  # read errors here depend on content alone
                    self.cache.put(it.key, rep)
            elif rep is None:  # listed in the cache but unreadable there: check here
                rep = check_task((it.path, it.opts, it.rules_key))
                self.checked += 1
            yield rep


def local_executor(jobs: int, rules_keys):
    from .executor import LocalExecutor

    return LocalExecutor(jobs, init_worker, (rules_keys,))
