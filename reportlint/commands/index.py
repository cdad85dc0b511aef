"""``reportlint index ARCHIVE_DIR -o archive.rlidx``: the persistent archive index for ``similar``."""
from __future__ import annotations

import sys

from ._common import add_executor_opts, add_no_color, add_output, add_quiet, similar_executor, stdout

NAME = "index"
HELP = "为往年报告建立查重索引（再次运行只更新有变化的文件）"


def add_parser(sub) -> None:
    s = sub.add_parser(NAME, help=HELP)
    s.add_argument("paths", nargs="+", metavar="往年报告", help="往年报告的文件或文件夹（递归查找）")
    add_output(s, "索引写入这个文件（如 archive.rlidx）；已存在时增量更新", metavar="索引文件", required=True)
    s.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    s.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    add_quiet(s)
    add_no_color(s)  # the messages are plain already: accepted as everywhere
    add_executor_opts(s)


def run(args) -> int:
    from ..batch import discover
    from ..errors import InputError
    from ..readers.base import DEFAULT_MAX_BYTES
    from ..similar import require_extra
    from ..simindex import build, lost_packed
    from ..vocab import EXIT_ERROR, EXIT_OK

    require_extra()
    files = discover(args.paths)
    if not files:
        raise InputError("没有找到报告文件（支持 .txt、.md、.docx）。", "、".join(args.paths))
    max_bytes = int(args.max_size * 1048576) if args.max_size else DEFAULT_MAX_BYTES
    ex = similar_executor(args, len(files), lost_packed)
    if not args.quiet and sys.stderr.isatty():
        from ..progress import progress_bar

        with progress_bar(len(files), "建索引") as advance:
            res = build(args.output, files, ex, max_bytes, advance)
    else:
        res = build(args.output, files, ex, max_bytes)
    out = stdout()
    for path, err in res["errors"]:
        sys.stderr.write(f"{path}：{err}\n")
    if not args.quiet:
        out.write(f"索引 {args.output}：共 {res['indexed']} 份报告；本次读取 {res['read']} 份，"
                  f"未变化 {res['kept']} 份，移除 {res['removed']} 份，无法读取 {len(res['errors'])} 份。\n")
    return EXIT_ERROR if res["errors"] else EXIT_OK
