"""``reportlint batch PATH…``: check folders of reports in worker processes, with a result cache."""
from __future__ import annotations

import os
import sys
import time

from ._common import FAIL_ON, add_executor_opts, add_rule_opts, make_executor, overrides, stdout

NAME = "batch"
HELP = "批量检查一个或多个文件夹中的报告"


def add_parser(sub) -> None:
    from ..formatters import findings_formats

    b = sub.add_parser(NAME, help=HELP)
    b.add_argument("paths", nargs="+", metavar="路径", help="文件或文件夹（递归查找）")
    add_rule_opts(b)
    b.add_argument("--include", action="append", metavar="通配符", help="只检查匹配的文件（如 '*.docx'），可多次使用")
    b.add_argument("--exclude", action="append", metavar="通配符", help="跳过匹配的文件或文件夹，可多次使用")
    b.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    b.add_argument("--format", choices=findings_formats(), help="输出格式（默认 text：汇总表）")
    b.add_argument("--output", "-o", metavar="文件", help="把结果写入文件")
    b.add_argument("--statistics", action="store_true", help="列出每条规则的问题数")
    b.add_argument("--fail-on", choices=FAIL_ON)
    b.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新检查")
    b.add_argument("--cache-dir", metavar="目录", help="缓存目录（默认 ~/.cache/reportlint）")
    b.add_argument("--max-size", type=float, metavar="MB")
    b.add_argument("--quiet", "-q", action="store_true", help="不显示进度条")
    add_executor_opts(b)


def run(args, executor_factory=None) -> int:
    from .. import config as cfgmod
    from .. import formatters
    from ..batch import Batch, Item, Tally, discover, init_worker, lost_row
    from ..errors import InputError
    from ..executor import resolve_jobs
    from ..readers import CONVERT_HINT
    from ..rulecache import load_ruleset

    t0 = time.perf_counter()
    files = discover(args.paths, args.include, args.exclude)
    if not files:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx）。", "、".join(args.paths))
    given = overrides(args)
    configs: dict = {}
    items: list[Item] = []
    shared: dict = {}  # one Options object per distinct value: memory per file stays small
    for p in files:
        d = os.path.dirname(os.path.abspath(p))
        cfg = configs.get(d)
        if cfg is None:
            cfg = configs[d] = cfgmod.resolve(given, start=d)
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
        from ..cache import ResultCache

        cache = ResultCache(args.cache_dir)
    salts = {}
    if cache is not None:
        from ..cache import run_salt

        salts = {k: run_salt(rs) for k, rs in rulesets.items()}
    if executor_factory is None:
        def executor_factory(jobs, keys):
            return make_executor(first, jobs, init_worker, (keys,), lost_row)
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
    out, close = (stdout(), False) if not args.output else (open_output(args.output, newline=""), True)
    show_progress = not args.quiet and sys.stderr.isatty() and (args.output or not sys.stdout.isatty())
    try:
        stream = _tallied(batch, tally, show_progress)
        if fmt == "text":
            formatters.get("batch-table").render(stream, out, tally=tally,
                                                 console_width=None if out.isatty() else 160)
        else:
            formatters.get(fmt).render(stream, out, fmt=fmt, color=False if args.output else None,
                                       ruleset=main_rs, fail_on=fail_on)
        elapsed = time.perf_counter() - t0
        if args.statistics:
            target = out if (fmt == "text" or args.output) else sys.stderr
            formatters.get("batch-statistics").render(tally, target)
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


def open_output(path: str, newline=None):
    """The ``--output`` file, or an InputError naming it."""
    from ..errors import InputError

    try:
        return open(path, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise InputError(f"无法写入输出文件：{exc.strerror or exc}", path) from None


def _tallied(batch, tally, show_progress: bool):
    """Count every report as it passes; drive the progress bar (stderr) when asked."""
    pairs = zip(batch.items, batch.reports())
    if not show_progress:
        for it, r in pairs:
            tally.add(r, it.fail_on)
            yield r
        return
    from ..progress import progress_bar

    with progress_bar(len(batch.items)) as advance:
        for it, r in pairs:
            tally.add(r, it.fail_on)
            advance()
            yield r
