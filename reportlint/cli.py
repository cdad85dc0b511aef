"""Command line: ``reportlint check|rules|outline|tag|batch|summary|train|eval|config|init``.

Heavy modules are imported inside the sub-command that needs them, so ``check``
never pays for scikit-learn, spaCy or python-docx.
"""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import ReportlintError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_ZH = {
    "usage: ": "用法：", "positional arguments": "位置参数", "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
argparse._ = lambda s: _ZH.get(s, s)  # Chinese argparse messages (argparse looks up _ at call time)


class Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with a Chinese message
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}：参数错误：{message}\n")
        sys.exit(EXIT_ERROR)


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.replace("，", ",").split(",") if c.strip()]


def _add_rule_opts(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("规则选择")
    g.add_argument("--select", type=_codes, metavar="代码", help="只启用这些规则（代码或前缀，逗号分隔，如 PH,WM001）")
    g.add_argument("--extend-select", type=_codes, metavar="代码", help="在默认规则之外再启用这些规则")
    g.add_argument("--ignore", type=_codes, metavar="代码", help="停用这些规则（代码或前缀）")
    g.add_argument("--rules", action="append", metavar="目录", help="追加自定义规则文件夹（可多次使用）")
    g.add_argument("--profile", metavar="类型", help="指定报告类型（如 工作总结、述职报告），不自动识别")
    g.add_argument("--year", type=int, metavar="年份", help="报告所属年份（判断过时年份用），默认从标题或落款识别")
    g.add_argument("--config", metavar="文件", help="使用指定的配置文件（reportlint.toml 或 pyproject.toml）")
    g.add_argument("--isolated", action="store_true", help="不读取任何配置文件")


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reportlint", description="中文工作汇报、总结、述职报告的检查与分析工具。")
    p.add_argument("--version", action="version", version=f"reportlint {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=Parser)

    c = sub.add_parser("check", help="检查报告，列出需要修改的地方", description="检查一个或多个报告文件。")
    c.add_argument("files", nargs="+", metavar="文件", help="报告文件（.txt、.md、.docx）")
    _add_rule_opts(c)
    c.add_argument("--format", choices=["text", "concise", "json", "jsonl", "csv", "sarif", "junit", "github", "html"],
                   help="输出格式（默认 text）")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], help="出现该级别及以上问题时退出码为 1（默认 warning）")
    c.add_argument("--fix", action="store_true", help="自动修正可安全修正的问题（原文件备份为 .bak）")
    c.add_argument("--diff", action="store_true", help="只显示 --fix 将做的修改，不写文件")
    c.add_argument("--no-backup", action="store_true", help="配合 --fix：不保留 .bak 备份")
    c.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    c.add_argument("--statistics", action="store_true", help="最后列出每条规则的问题数")
    c.add_argument("--no-color", action="store_true", help="不使用颜色")

    r = sub.add_parser("rules", help="列出所有规则，或查看一条规则的详情")
    r.add_argument("code", nargs="?", metavar="代码", help="规则代码，如 PH001")
    r.add_argument("--rules", action="append", metavar="目录", help="追加自定义规则文件夹")
    r.add_argument("--format", choices=["text", "json"], default="text")

    o = sub.add_parser("outline", help="显示报告的标题层级和章节结构")
    o.add_argument("file", metavar="文件")
    o.add_argument("--format", choices=["text", "json"], default="text")
    o.add_argument("--profile", metavar="类型")
    o.add_argument("--rules", action="append", metavar="目录")

    t = sub.add_parser("tag", help="给每个段落标注内容类型（做法、成效、启示……）")
    t.add_argument("file", metavar="文件")
    t.add_argument("--format", choices=["text", "json"], default="text")

    from .commands import extra_parsers

    extra_parsers(sub, _add_rule_opts)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    from . import commands

    try:
        return getattr(commands, "cmd_" + args.command.replace("-", "_"))(args)
    except ReportlintError as exc:
        sys.stderr.write(f"reportlint：{exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:  # pragma: no cover
        sys.stderr.write("已中断。\n")
        return 130
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
