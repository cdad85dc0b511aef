"""``reportlint summary PATH…``: what a collection of past reports looks like."""
from __future__ import annotations

import os

from ._common import add_executor_opts, make_executor, overrides, stdout

NAME = "summary"
HELP = "统计分析一批历史报告（结构、段落类型、套话密度……）"


def add_parser(sub) -> None:
    from ..formatters import SUMMARY_FORMATS

    s = sub.add_parser(NAME, help=HELP)
    s.add_argument("paths", nargs="+", metavar="路径")
    s.add_argument("--format", choices=SUMMARY_FORMATS, default="text")
    s.add_argument("--output", "-o", metavar="文件")
    s.add_argument("--rules", action="append", metavar="目录")
    s.add_argument("--top", type=int, default=20, metavar="N", help="高频词、常见结构各列出前 N 个")
    s.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    s.add_argument("--quiet", "-q", action="store_true", help="不显示进度条")
    add_executor_opts(s)


def run(args) -> int:
    from .. import config as cfgmod
    from .. import formatters
    from ..batch import discover
    from ..errors import InputError
    from ..executor import resolve_jobs
    from ..rulecache import load_ruleset
    from ..summary import analyse_task, init_worker, lost_record
    from ..summary_stats import Aggregate
    from ..vocab import EXIT_ERROR, EXIT_OK
    from .batch import open_output

    files = discover(args.paths)
    if not files:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx）。", "、".join(args.paths))
    given = overrides(args)
    cfg = cfgmod.resolve(given, start=args.paths[0])
    rules_key = tuple(cfg["rules"])
    rs = load_ruleset(list(rules_key))
    jobs = resolve_jobs(args.jobs or cfg["jobs"])
    agg = Aggregate(rs, top=args.top)
    ex = make_executor(cfg, min(jobs, len(files)), init_worker, ([rules_key],), lost_record)
    show = not args.quiet and os.isatty(2)
    records = ex.imap(analyse_task, [(p, rules_key) for p in files])
    if show:
        from ..progress import progress_bar

        with progress_bar(len(files), "分析中") as advance:
            for rec in records:
                agg.add(rec)
                advance()
    else:
        for rec in records:
            agg.add(rec)
    result = agg.result()
    out, close = (open_output(args.output), True) if args.output else (stdout(), False)
    try:
        formatters.get("summary-" + args.format).render(result, out)
    finally:
        if close:
            out.close()
    return EXIT_ERROR if result["files"]["unreadable"] and not result["files"]["readable"] else EXIT_OK
