"""``reportlint outline FILE``: the heading tree and the report type."""
from __future__ import annotations

from ._common import abs_rules, add_format, add_no_color, add_output, color, result_stream

NAME = "outline"
HELP = "显示报告的标题层级和章节结构"


def add_parser(sub) -> None:
    o = sub.add_parser(NAME, help=HELP, description="显示报告的标题层级、章节类型和识别出的报告类型。")
    o.add_argument("file", metavar="文件", help="报告文件（.txt、.md、.docx、.pdf 等）")
    add_format(o, ("text", "json"))
    add_output(o)
    add_no_color(o)
    o.add_argument("--profile", metavar="类型", help="指定报告类型，不自动识别")
    o.add_argument("--rules", action="append", metavar="目录", help="追加自定义规则文件夹（含报告类型）")


def read_document(path: str, profile=None, extra=None):
    """Read and build one document with the built-in (and ``extra``) profiles."""
    from ..readers import read_path
    from ..options import Options
    from ..report import build_document
    from ..rulecache import load_ruleset

    rs = load_ruleset(extra)
    return build_document(read_path(path), rs, Options(profile=profile))


def run(args) -> int:
    from .. import formatters
    from ..vocab import EXIT_OK

    doc = read_document(args.file, args.profile, abs_rules(args.rules))
    with result_stream(args) as out:
        formatters.get("outline-" + args.format).render(doc, out, color=color(args))
    return EXIT_OK
