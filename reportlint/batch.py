"""``reportlint batch``: check folders of reports on all cores, with a content cache.

discover → plan (config per folder, cache look-up by content hash) → check the misses in
worker processes (:mod:`reportlint.executor`) → stream FileReports, in discovery order, to
the formatter (the default is a per-file table with totals) → exit code.

A file that cannot be read becomes a row with its error (exit code 2), never a crash.
"""
from __future__ import annotations

import fnmatch
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from .reader import CONVERT_HINT, DEFAULT_MAX_BYTES, SUPPORTED

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DISCOVER = SUPPORTED | set(CONVERT_HINT)  # unsupported office types are found so they become error rows
STATUS = {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "ok": "通过"}


# ---------------------------------------------------------------- discovery

def _match(rel: str, name: str, patterns) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths, include=None, exclude=None) -> list[str]:
    """Report files under ``paths`` (recursive, sorted). Explicit files are always kept."""
    include, exclude = list(include or []), list(exclude or [])
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
                if os.path.splitext(name)[1].lower() not in DISCOVER:
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
    from .classify.predict import load_model
    from .commands import load_ruleset

    for k in rules_keys:
        load_ruleset(list(k))
    tokenize._engine()
    load_model()


def check_task(task):
    """(path, Options, rules key) → FileReport. Pure: no printing, no shared state."""
    from . import report
    from .commands import load_ruleset

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


# ---------------------------------------------------------------- command

def run_batch(args, executor_factory=local_executor) -> int:
    from . import config as cfgmod
    from .commands import _stdout, load_ruleset
    from .errors import InputError
    from .executor import resolve_jobs

    t0 = time.perf_counter()
    files = discover(args.paths, args.include, args.exclude)
    if not files:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx）。", "、".join(args.paths))
    configs: dict = {}
    items: list[Item] = []
    shared: dict = {}  # one Options object per distinct value: memory per file stays small
    for p in files:
        d = os.path.dirname(os.path.abspath(p))
        cfg = configs.get(d)
        if cfg is None:
            cfg = configs[d] = cfgmod.resolve(args, start=d)
        opts = cfg.options_for(p)
        opts = shared.setdefault(repr(opts), opts)
        items.append(Item(p, opts, tuple(cfg["rules"]), args.fail_on or cfg["fail-on"]))
    first = configs[os.path.dirname(os.path.abspath(files[0]))]
    rulesets = {it.rules_key: None for it in items}
    for k in rulesets:
        rulesets[k] = load_ruleset(list(k))
    for cfg in configs.values():  # a configured --profile must exist
        cfgmod.check_profile(cfg, rulesets[tuple(cfg["rules"])].profiles)
    main_rs = rulesets[items[0].rules_key]
    cache = None
    if not args.no_cache:
        from .cache import ResultCache

        cache = ResultCache(args.cache_dir)
    salts = {}
    if cache is not None:
        from .cache import run_salt

        salts = {k: run_salt(rs) for k, rs in rulesets.items()}
    batch = Batch(items, resolve_jobs(first["jobs"]), cache, executor_factory)
    if cache is not None:
        batch.plan(salts)
    else:
        for it in items:
            ext = os.path.splitext(it.path)[1].lower()
            it.direct = ext in CONVERT_HINT or not os.path.isfile(it.path)
    fmt = args.format or first["format"]
    fail_on = args.fail_on or first["fail-on"]
    tally = Tally()
    out, close = (_stdout(), False) if not args.output else (_open_output(args.output), True)
    show_progress = not args.quiet and sys.stderr.isatty() and (args.output or not sys.stdout.isatty())
    try:
        stream = _tallied(batch, tally, show_progress)
        if fmt == "text":
            from .batch_table import render_table

            render_table(stream, out, tally, console_width=None if out.isatty() else 160)
        else:
            from . import formatters

            formatters.get(fmt).render(stream, out, fmt=fmt, color=False if args.output else None,
                                       ruleset=main_rs, fail_on=fail_on)
        elapsed = time.perf_counter() - t0
        if args.statistics:
            from .batch_table import render_statistics

            target = out if (fmt == "text" or args.output) else sys.stderr
            render_statistics(tally, target)
        if not args.quiet and (fmt == "text" or args.output):
            from_cache = cache.hits if cache is not None else 0
            msg = (f"用时 {elapsed:.2f} 秒：检查 {batch.checked} 个文件，缓存命中 {from_cache} 个"
                   f"（进程数 {batch.executor.jobs if batch.executor else 1}）。\n")
            (out if fmt == "text" else sys.stderr).write(msg)
    finally:
        if cache is not None:
            cache.close()
        if close:
            out.close()
    return tally.exit_code()


def _open_output(path: str):
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        from .errors import InputError

        raise InputError(f"无法写入输出文件：{exc.strerror or exc}", path) from None


def _tallied(batch: Batch, tally: Tally, show_progress: bool):
    """Count every report as it passes; drive the progress bar (stderr) when asked."""
    pairs = zip(batch.items, batch.reports())
    if not show_progress:
        for it, r in pairs:
            tally.add(r, it.fail_on)
            yield r
        return
    from .progress import progress_bar

    with progress_bar(len(batch.items)) as advance:
        for it, r in pairs:
            tally.add(r, it.fail_on)
            advance()
            yield r
