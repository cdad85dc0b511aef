"""``reportlint batch PATH…``: check folders of reports in worker processes, with a result cache."""
from __future__ import annotations

import os
import sys
import time

from ._common import (FAIL_ON, add_executor_opts, add_no_color, add_output, add_quiet, add_rule_opts, make_executor,
                      open_output, overrides, stdout)

NAME = "batch"
HELP = "批量检查一个或多个文件夹中的报告"


def add_parser(sub) -> None:
    from ..formatters import findings_formats

    b = sub.add_parser(NAME, help=HELP)
    b.add_argument("paths", nargs="+", metavar="路径", help="文件或文件夹（递归查找）")
    add_rule_opts(b)
    b.add_argument("--include", action="append", metavar="通配符",
                   help="只检查匹配的文件（如 '*.docx'、'2025/**/*.txt'；* 不跨文件夹，** 跨文件夹），可多次使用")
    b.add_argument("--exclude", action="append", metavar="通配符", help="跳过匹配的文件或文件夹（写法同 --include），可多次使用")
    b.add_argument("--no-ignore", action="store_true", help="不理会 .gitignore（默认跳过 .gitignore 忽略的文件）")
    b.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    b.add_argument("--format", choices=findings_formats(), help="输出格式（默认 text，即每个文件一行的汇总表；可在配置文件中设置）")
    add_output(b)
    b.add_argument("--statistics", action="store_true", help="列出每条规则的问题数")
    b.add_argument("--fail-on", choices=FAIL_ON, help="出现该级别及以上问题时退出码为 1（默认 warning）")
    b.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新检查")
    b.add_argument("--cache-dir", metavar="目录", help="缓存目录（默认 ~/.cache/reportlint）")
    b.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    add_quiet(b)
    add_no_color(b)
    b.add_argument("--annotate", metavar="文件夹",
                   help="为每个能读取的报告另存一份带批注和修订的 Word 文件到该文件夹（保留子文件夹结构）")
    b.add_argument("--similar", action="store_true", help="同时查重（需要 reportlint[similar]；用于 text、html 格式）")
    b.add_argument("--against", metavar="往年", help="与 --similar 一起用：往年报告的文件夹或索引文件")
    add_executor_opts(b)


def run(args, executor_factory=None) -> int:
    from .. import formatters
    from itertools import chain

    from ..batch import Batch, Tally, discover, init_worker, iter_discover, lost_row
    from ..errors import InputError
    from ..executor import resolve_jobs

    t0 = time.perf_counter()
    given = overrides(args)
    plan = _Planner(args, given)
    items = plan.items()
    try:
        head = next(items)
    except StopIteration:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx、.pdf、.doc、.wps、.rtf、.odt）。", "、".join(args.paths)) from None
    first = plan.first
    main_rs = plan.rulesets[head.rules_key]
    cache = None
    if not args.no_cache:
        from ..cache import ResultCache

        cache = ResultCache(args.cache_dir)
    if executor_factory is None:
        def executor_factory(jobs, keys):
            return make_executor(first, jobs, init_worker, (keys,), lost_row)
    batch = Batch(chain([head], items), resolve_jobs(first["jobs"]), cache, executor_factory)
    if cache is not None:
        batch.plan(plan.salts)
    fmt = args.format or first["format"]
    similar = None
    if args.against and not args.similar:
        raise InputError("--against 需要和 --similar 一起使用。", args.against)
    if args.similar:
        files = discover(args.paths, args.include, args.exclude, gitignore=not args.no_ignore)
        similar = _similar(args, files, fmt, first, resolve_jobs(first["jobs"]))
    fail_on = args.fail_on or first["fail-on"]
    tally = Tally()
    binary = formatters.is_binary(fmt)
    if binary and not args.output:
        raise InputError(f"{fmt} 格式是二进制文件，请用 -o 指定输出文件（如 -o 结果.{fmt}）。", "、".join(args.paths))
    out, close = (stdout(), False) if not args.output else (open_output(args.output, newline="", binary=binary), True)
    show_progress = progress_wanted(args.quiet, _isatty(sys.stderr), _isatty(sys.stdout), bool(args.output), fmt)
    color = False if (args.no_color or args.output) else None
    total = None
    if show_progress:  # counted by a second walk: the paths themselves are never listed
        total = sum(1 for _ in iter_discover(args.paths, args.include, args.exclude, gitignore=not args.no_ignore))
    try:
        stream = _tallied(batch, tally, total)
        if fmt == "text":
            formatters.get("batch-table").render(stream, out, tally=tally, color=color,
                                                 console_width=None if out.isatty() else 160)
            if similar is not None:
                out.write("\n查重\n")
                formatters.get("similar-text").render(similar, out)
        elif fmt == "html":
            formatters.get(fmt).render(stream, out, fmt=fmt, color=color,
                                       ruleset=main_rs, fail_on=fail_on, similar=similar)
        else:
            formatters.get(fmt).render(stream, out, fmt=fmt, color=color,
                                       ruleset=main_rs, fail_on=fail_on)
        elapsed = time.perf_counter() - t0
        if args.statistics:
            target = out if (fmt == "text" or (args.output and not binary)) else sys.stderr
            formatters.get("batch-statistics").render(tally, target, color=color)
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
    code = tally.exit_code()
    if args.annotate:
        again = _Planner(args, given)
        code = max(code, _annotate_all(again.items(), again.rulesets, args))
    return code


class _Planner:
    """Discovered paths → :class:`~reportlint.batch.Item`, one at a time: the configuration of each
    folder (the last few kept), rule sets loaded (and configurations checked against them) as they
    first appear, one Options object per distinct value."""

    CONFIGS_KEPT = 64

    def __init__(self, args, given):
        self.args = args
        self.given = given
        self.first = None  # the configuration of the first file's folder (format, jobs, executor …)
        self.rulesets: dict = {}
        self.salts: dict = {}

    def items(self):
        from .. import config as cfgmod
        from ..batch import Item, iter_discover
        from ..rulecache import load_ruleset

        args = self.args
        configs: dict = {}
        shared: dict = {}
        for p in iter_discover(args.paths, args.include, args.exclude, gitignore=not args.no_ignore):
            d = os.path.dirname(os.path.abspath(p))
            cfg = configs.get(d)
            if cfg is None:
                if len(configs) >= self.CONFIGS_KEPT:
                    configs.clear()
                cfg = configs[d] = cfgmod.resolve(self.given, start=d)
                if self.first is None:
                    self.first = cfg
                key = tuple(cfg["rules"])
                if key not in self.rulesets:
                    self.rulesets[key] = load_ruleset(list(key))
                    if not args.no_cache:
                        from ..cache import run_salt

                        self.salts[key] = run_salt(self.rulesets[key])
                cfgmod.check_against(cfg, self.rulesets[key])  # a configured --profile must exist
            opts = cfg.options_for(p)
            r = repr(opts)
            opts = shared.get(r) or shared.setdefault(r, opts)
            if len(shared) > 4096:
                shared.clear()
            yield Item(p, opts, tuple(cfg["rules"]), args.fail_on or cfg["fail-on"])


def _annotate_all(items, rulesets, args) -> int:
    """``items``: an iterable of Item (streamed again from discovery)."""
    """``--annotate DIR``: one ``NAME.批注.docx`` per readable file, mirroring the input folders."""
    from ..annotate import annotate_path, default_output
    from ..errors import ReportlintError
    from ..vocab import EXIT_ERROR, EXIT_OK

    roots = [os.path.abspath(p) for p in args.paths]
    written, failed = 0, 0
    for it in items:
        src = os.path.abspath(it.path)
        root = next((r for r in roots if os.path.isdir(r) and src.startswith(r.rstrip(os.sep) + os.sep)), None)
        rel = os.path.relpath(src, root) if root else os.path.basename(src)
        target = os.path.join(args.annotate, default_output(rel))
        try:
            annotate_path(it.path, rulesets[it.rules_key], it.opts, target)
            written += 1
        except ReportlintError:
            failed += 1  # already reported in the batch output as 无法读取
    if not args.quiet:
        sys.stderr.write(f"reportlint：已在 {args.annotate} 写入 {written} 个批注文件"
                         f"{f'，{failed} 个文件无法读取' if failed else ''}。\n")
    return EXIT_ERROR if failed else EXIT_OK


def progress_wanted(quiet: bool, stderr_tty: bool, stdout_tty: bool, to_file: bool, fmt: str) -> bool:
    """The progress bar (on stderr) shows in a terminal unless ``-q``: with the summary table (printed
    once every file is done) or output going to a file or pipe — never between streamed finding lines."""
    if quiet or not stderr_tty:
        return False
    return to_file or fmt == "text" or not stdout_tty


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _similar(args, files, fmt, cfg, jobs):
    """``batch --similar``: the copy-detection result over the same files (text and html only), on
    the same executor as the checks."""
    from ..errors import InputError, ReportlintError
    from ..readers.base import DEFAULT_MAX_BYTES
    from ..similar import init_worker, lost_units, require_extra
    from ..simindex import compare

    if fmt not in ("text", "html"):
        raise ReportlintError(f"--similar 只能用于 text 或 html 格式（当前为 {fmt}）；其他格式请用 reportlint similar。")
    if args.against and not os.path.exists(args.against):
        raise InputError("找不到往年报告的文件夹或索引文件。", args.against)
    require_extra()
    max_bytes = int(args.max_size * 1048576) if args.max_size else DEFAULT_MAX_BYTES
    ex = make_executor(cfg, min(jobs, len(files)), init_worker, (), lost_units)
    return compare(files, ex, max_bytes, args.against)


def _tallied(batch, tally, total: int | None):
    """Count every report as it passes; drive the progress bar (stderr) when ``total`` is given."""
    pairs = batch.results()
    if total is None:
        for it, r in pairs:
            tally.add(r, it.fail_on)
            yield r
        return
    from ..progress import progress_bar

    with progress_bar(total) as advance:
        for it, r in pairs:
            tally.add(r, it.fail_on)
            advance()
            yield r
