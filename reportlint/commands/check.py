"""``reportlint check``: check report files and print their findings."""
from __future__ import annotations

import os

from ._common import FAIL_ON, OUTPUT_HELP, add_no_color, add_output, add_quiet, add_rule_opts, overrides, stdout

NAME = "check"
HELP = "检查报告，列出需要修改的地方"


def add_parser(sub) -> None:
    from ..formatters import findings_formats

    c = sub.add_parser(NAME, help=HELP, description="检查一个或多个报告文件。")
    c.add_argument("files", nargs="+", metavar="文件", help="报告文件（.txt、.md、.docx、.pdf；装有 LibreOffice 时还有 .doc、.wps、.rtf、.odt）")
    add_rule_opts(c)
    c.add_argument("--format", choices=findings_formats(), help="输出格式（默认 text，可在配置文件中设置）")
    c.add_argument("--fail-on", choices=FAIL_ON, help="出现该级别及以上问题时退出码为 1（默认 warning）")
    c.add_argument("--fix", action="store_true", help="自动修正可安全修正的问题（原文件备份为 .bak）")
    c.add_argument("--unsafe-fixes", action="store_true",
                   help="配合 --fix / --diff：连“需确认的修正”（可能改变原意，如句中半角点号）也一并修正")
    c.add_argument("--diff", action="store_true", help="只显示 --fix 将做的修改，不写文件")
    c.add_argument("--no-backup", action="store_true", help="配合 --fix：不保留 .bak 备份")
    c.add_argument("--annotate", action="store_true",
                   help="另存一份带批注和修订的 Word 文件（默认“原文件名.批注.docx”），原文件不变")
    add_output(c, OUTPUT_HELP + "；配合 --annotate 时是批注文件名（多个文件时是文件夹）")
    c.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    c.add_argument("--statistics", action="store_true", help="最后列出每条规则的问题数")
    add_no_color(c)
    add_quiet(c)


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
        if args.annotate:
            reports.append(_annotate(path, ruleset, opts, args.output, len(args.files) > 1, args.quiet))
        elif args.fix or args.diff:
            from ..fix import fix_path

            reports.append(fix_path(path, ruleset, opts, write=args.fix and not args.diff,
                                    backup=not args.no_backup, out=stdout(),
                                    unsafe=args.unsafe_fixes))
        else:
            reports.append(check_path(path, ruleset, opts))
    first = next(iter(configs.values()))
    fmt = args.format or first["format"]
    out, close = stdout(), False
    binary = formatters.is_binary(fmt)
    if binary and not args.output:
        from ..errors import InputError

        raise InputError(f"{fmt} 格式是二进制文件，请用 -o 指定输出文件（如 -o 结果.{fmt}）。", "、".join(args.files))
    if args.output and not args.annotate:
        from ._common import open_output

        out, close = open_output(args.output, newline="" if fmt == "csv" else None, binary=binary), True
    try:
        _render(formatters, fmt, reports, out, args, ruleset, first)
    finally:
        if close:
            out.close()
    return exit_code(reports, fail_on)


def _render(formatters, fmt, reports, out, args, ruleset, first) -> None:
    from ._common import color

    formatters.get(fmt).render(reports, out, fmt=fmt, color=color(args),  # -o: never escape codes in a file
                               ruleset=ruleset, fail_on=args.fail_on or first["fail-on"])
    if args.statistics:
        formatters.get("statistics").render(reports, out)


def _annotate(path: str, ruleset, opts, output, many: bool, quiet: bool = False):
    """Write the annotated copy of one file; its report (an error becomes ``FileReport.error``)."""
    import sys

    from ..annotate import annotate_path, default_output
    from ..errors import ReportlintError
    from ..report import FileReport

    target = output
    if output and (many or os.path.isdir(output)):
        target = os.path.join(output, os.path.basename(default_output(path)))
    try:
        report, written, counts = annotate_path(path, ruleset, opts, target)
    except ReportlintError as exc:
        return FileReport(path, error=exc.message)
    if not quiet:
        sys.stderr.write(f"reportlint：已写入 {written}（{counts['comments']} 条批注，"
                         f"{counts['revisions']} 处修订），原文件未改动。\n")
    return report
