"""``reportlint outline FILE``: the heading tree and the report type."""
from __future__ import annotations

from ._common import abs_rules, stdout

NAME = "outline"
HELP = "显示报告的标题层级和章节结构"


def add_parser(sub) -> None:
    o = sub.add_parser(NAME, help=HELP)
    o.add_argument("file", metavar="文件")
    o.add_argument("--format", choices=["text", "json"], default="text")
    o.add_argument("--profile", metavar="类型")
    o.add_argument("--rules", action="append", metavar="目录")


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
    formatters.get("outline-" + args.format).render(doc, stdout())
    return EXIT_OK
