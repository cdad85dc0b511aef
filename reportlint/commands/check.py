"""``reportlint check``: check report files and print their findings."""
from __future__ import annotations

import os

from ._common import FAIL_ON, add_rule_opts, overrides, stdout

NAME = "check"
HELP = "检查报告，列出需要修改的地方"


def add_parser(sub) -> None:
    from ..formatters import findings_formats

    c = sub.add_parser(NAME, help=HELP, description="检查一个或多个报告文件。")
    c.add_argument("files", nargs="+", metavar="文件", help="报告文件（.txt、.md、.docx）")
    add_rule_opts(c)
    c.add_argument("--format", choices=findings_formats(), help="输出格式（默认 text）")
    c.add_argument("--fail-on", choices=FAIL_ON, help="出现该级别及以上问题时退出码为 1（默认 warning）")
    c.add_argument("--fix", action="store_true", help="自动修正可安全修正的问题（原文件备份为 .bak）")
    c.add_argument("--diff", action="store_true", help="只显示 --fix 将做的修改，不写文件")
    c.add_argument("--no-backup", action="store_true", help="配合 --fix：不保留 .bak 备份")
    c.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    c.add_argument("--statistics", action="store_true", help="最后列出每条规则的问题数")
    c.add_argument("--no-color", action="store_true", help="不使用颜色")


def run(args) -> int:
    from .. import config as cfgmod
    from .. import formatters
    from ..report import check_path, exit_code
    from ..rulecache import load_ruleset

    given = overrides(args)
    reports, fail_on = [], []
    configs: dict = {}  # folder -> Config: each file uses its own nearest configuration
    for path in args.files:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in configs:
            configs[folder] = cfgmod.resolve(given, start=path)
        cfg = configs[folder]
        ruleset = load_ruleset(cfg["rules"])
        cfgmod.check_against(cfg, ruleset)
        opts = cfg.options_for(path)
        fail_on.append(cfg["fail-on"])
        if args.fix or args.diff:
            from ..fix import fix_path

            reports.append(fix_path(path, ruleset, opts, write=args.fix and not args.diff,
                                    backup=not args.no_backup, out=stdout()))
        else:
            reports.append(check_path(path, ruleset, opts))
    first = next(iter(configs.values()))
    fmt = args.format or first["format"]
    out = stdout()
    formatters.get(fmt).render(reports, out, fmt=fmt, color=False if args.no_color else None,
                               ruleset=ruleset, fail_on=args.fail_on or first["fail-on"])
    if args.statistics:
        formatters.get("statistics").render(reports, out)
    return exit_code(reports, fail_on)
