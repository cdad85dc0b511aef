"""``reportlint similar DIR [--against ARCHIVE]``: near-duplicate paragraphs and sentences (查重)."""
from __future__ import annotations

import os
import sys

from ._common import add_executor_opts, add_format, add_no_color, add_output, add_quiet, similar_executor, stdout

NAME = "similar"
HELP = "查重：找出一批报告之间、以及与往年报告之间雷同的段落和句子"
FORMATS = ("text", "json", "xlsx")


def add_parser(sub) -> None:
    s = sub.add_parser(NAME, help=HELP)
    s.add_argument("paths", nargs="+", metavar="路径", help="本次收到的报告（文件或文件夹，递归查找）")
    s.add_argument("--against", metavar="往年", help="往年报告的文件夹，或 reportlint index 生成的索引文件")
    add_format(s, FORMATS, note="；xlsx 需要 -o")
    add_output(s)
    add_no_color(s)  # the text is plain already: accepted as everywhere
    s.add_argument("--boilerplate", type=int, metavar="N",
                   help="出现在 N 份及以上不同报告中的句子或段落算套话，不计入雷同率（默认 5）")
    s.add_argument("--include", action="append", metavar="通配符", help="只查匹配的文件，可多次使用")
    s.add_argument("--exclude", action="append", metavar="通配符", help="跳过匹配的文件或文件夹，可多次使用")
    s.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    s.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    add_quiet(s)
    add_executor_opts(s)


def run(args) -> int:
    from .. import formatters
    from ..batch import discover
    from ..errors import InputError, ReportlintError
    from ..readers.base import DEFAULT_MAX_BYTES
    from ..similar import require_extra
    from ..simindex import compare
    from ..vocab import EXIT_ERROR, EXIT_OK
    from ._common import open_output

    require_extra()
    if args.format == "xlsx" and not args.output:
        raise ReportlintError("xlsx 格式需要用 -o 指定输出文件。")
    if args.boilerplate is not None and args.boilerplate < 2:
        raise ReportlintError("--boilerplate 至少为 2。")
    if args.against and not os.path.exists(args.against):
        raise InputError("找不到往年报告的文件夹或索引文件。", args.against)
    files = discover(args.paths, args.include, args.exclude)
    if not files:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx）。", "、".join(args.paths))
    max_bytes = int(args.max_size * 1048576) if args.max_size else DEFAULT_MAX_BYTES
    ex = similar_executor(args, len(files))
    show = not args.quiet and sys.stderr.isatty()
    if show:
        from ..progress import progress_bar

        with progress_bar(len(files), "读取中") as advance:
            result = compare(files, ex, max_bytes, args.against, args.boilerplate, advance)
    else:
        result = compare(files, ex, max_bytes, args.against, args.boilerplate)
    if args.format == "xlsx":
        try:
            with open(args.output, "wb") as fh:
                formatters.get("similar-xlsx").render(result, fh)
        except OSError as exc:
            raise InputError(f"无法写入输出文件：{exc.strerror or exc}", args.output) from None
    else:
        out, close = (open_output(args.output), True) if args.output else (stdout(), False)
        try:
            formatters.get("similar-" + args.format).render(result, out)
        finally:
            if close:
                out.close()
    bad = any(f["error"] for f in result["files"]) or result["archive_errors"]
    return EXIT_ERROR if bad else EXIT_OK
