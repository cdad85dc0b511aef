"""``reportlint summary PATH…``: what a collection of past reports looks like."""
from __future__ import annotations

import os

from ._common import (add_executor_opts, add_format, add_no_color, add_output, add_quiet, color, make_executor,
                      overrides, result_stream)

NAME = "summary"
HELP = "统计分析一批历史报告（结构、段落类型、套话密度……）"


def add_parser(sub) -> None:
    from ..formatters import SUMMARY_FORMATS

    s = sub.add_parser(NAME, help=HELP, description="统计一批报告：结构、章节出现率、段落类型、字数、套话密度、高频词、异常报告。")
    s.add_argument("paths", nargs="+", metavar="路径", help="文件或文件夹（递归查找）")
    add_format(s, SUMMARY_FORMATS)
    add_output(s)
    add_no_color(s)
    s.add_argument("--rules", action="append", metavar="目录", help="追加自定义规则文件夹")
    s.add_argument("--top", type=int, default=20, metavar="N", help="高频词、常见结构各列出前 N 个")
    s.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    add_quiet(s)
    s.add_argument("--no-ignore", action="store_true", help="不理会 .gitignore（默认跳过 .gitignore 忽略的文件）")
    s.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新分析")
    s.add_argument("--cache-dir", metavar="目录", help="缓存目录（默认 ~/.cache/reportlint）")
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
    from ..cache import ResultCache

    files = discover(args.paths, gitignore=not args.no_ignore)
    if not files:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx、.pdf、.doc、.wps、.rtf、.odt）。", "、".join(args.paths))
    given = overrides(args)
    cfg = cfgmod.resolve(given, start=args.paths[0])
    rules_key = tuple(cfg["rules"])
    rs = load_ruleset(list(rules_key))
    jobs = resolve_jobs(args.jobs or cfg["jobs"])
    agg = Aggregate(rs, top=args.top)
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    keys = _keys(files, rs, cache)
    cached = {}
    if cache is not None:
        for k in cache.contains([k for k in keys.values() if k]):
            rec = cache.get_record(k)
            if rec is not None:
                cached[k] = rec
    todo = [p for p in files if keys.get(p) not in cached]
    fresh = iter(())
    if todo:
        ex = make_executor(cfg, min(jobs, len(todo)), init_worker, ([rules_key],), lost_record)
        fresh = ex.imap(analyse_task, [(p, rules_key) for p in todo])
    records = _records(files, keys, cached, fresh, cache)
    show = not args.quiet and os.isatty(2)
    if show:
        from ..progress import progress_bar

        with progress_bar(len(files), "分析中") as advance:
            for rec in records:
                agg.add(rec)
                advance()
    else:
        for rec in records:
            agg.add(rec)
    if cache is not None:
        cache.close()
    result = agg.result()
    with result_stream(args) as out:
        formatters.get("summary-" + args.format).render(result, out, color=color(args))
    return EXIT_ERROR if result["files"]["unreadable"] and not result["files"]["readable"] else EXIT_OK


def _keys(files, ruleset, cache) -> dict:
    """path -> cache key of its statistics (content + rules + code), or None (not cached)."""
    if cache is None or not cache.usable:
        return {}
    from ..cache import content_hash, make_key, run_salt

    salt = run_salt(ruleset)
    keys = {}
    for p in files:
        try:
            with open(p, "rb") as fh:
                keys[p] = make_key(content_hash(fh.read()), salt, "summary-record-v2")
        except OSError:
            keys[p] = None
    return keys



def _records(files, keys, cached, fresh, cache):
    """Each file's statistics in discovery order: from the cache, else analysed (and stored)."""
    for p in files:
        key = keys.get(p)
        rec = cached.get(key)
        if rec is not None:
            rec["path"] = p
            yield rec
            continue
        rec = next(fresh)
        if key and cache is not None and not rec.get("error"):
            cache.put_record(key, rec)
        yield rec
