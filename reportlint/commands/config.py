"""``reportlint config [PATH]``: the effective settings and where each came from."""
from __future__ import annotations

import os

from ._common import FAIL_ON, add_no_color, add_output, add_rule_opts, overrides, result_stream

NAME = "config"
HELP = "显示生效的配置及每项来源"


def add_parser(sub) -> None:
    cf = sub.add_parser(NAME, help=HELP)
    cf.add_argument("path", nargs="?", default=".", metavar="路径", help="从哪个文件或文件夹开始查找配置")
    add_rule_opts(cf)
    cf.add_argument("--fail-on", choices=FAIL_ON, help="同 check：退出码为 1 的最低级别")
    cf.add_argument("--jobs", "-j", type=int, metavar="N", help="同 batch：进程数")
    cf.add_argument("--max-size", type=float, metavar="MB", help="同 check：单个文件大小上限")
    add_output(cf)
    add_no_color(cf)  # the listing is plain already: accepted as everywhere


def run(args) -> int:
    from .. import config as cfgmod
    from .. import formatters
    from ..errors import InputError
    from ..rulecache import load_ruleset
    from ..vocab import EXIT_OK

    if not os.path.exists(args.path):
        raise InputError("文件或文件夹不存在。", args.path)
    given = overrides(args)
    cfg = cfgmod.resolve(given, start=args.path)
    cfgmod.check_against(cfg, load_ruleset(cfg["rules"]))
    with result_stream(args) as out:
        formatters.get("config").render(cfg, out, path=args.path)
    return EXIT_OK
