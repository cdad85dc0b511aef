"""Command line: ``reportlint check|rules|outline|tag|batch|summary|train|eval|config|init``.

This module only assembles the parsers that the modules of :mod:`reportlint.commands` own and
dispatches to their ``run``. Heavy modules are imported inside the sub-command that needs them,
so ``check`` never pays for scikit-learn, spaCy or python-docx.
"""
from __future__ import annotations

import os
import sys

from .paths import __version__
from .commands import _common
from .errors import ReportlintError
from .vocab import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK


def build_parser():
    from . import commands

    p = _common.Parser(prog="reportlint", description="中文工作汇报、总结、述职报告的检查与分析工具。")
    p.add_argument("--version", action="version", version=f"reportlint {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_common.Parser)
    for name in commands.names():
        mod = commands.get(name)
        mod.add_parser(sub)
        cmd = sub.choices.get(getattr(mod, "NAME", name))
        if cmd is not None and not cmd.description:  # --help opens with what the command does
            cmd.description = f"{mod.HELP}。"
    return p


def main(argv=None) -> int:
    from . import commands

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    try:
        return commands.get(args.command).run(args)
    except ReportlintError as exc:
        sys.stderr.write(f"reportlint：{exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:  # pragma: no cover
        sys.stderr.write("已中断。\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK


def entry() -> None:  # console_scripts
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
