"""What every sub-command shares: the Chinese argparse parser, the rule-selection options,
the selector parser and a UTF-8 stdout."""
from __future__ import annotations

import argparse
import sys

from ..vocab import EXIT_ERROR

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


def codes(value: str) -> list[str]:
    """argparse type of --select/--ignore/--extend-select (the one selector parser)."""
    from ..options import parse_selectors

    return parse_selectors(value)


def add_rule_opts(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("规则选择")
    g.add_argument("--select", type=codes, metavar="代码", help="只启用这些规则（代码或前缀，逗号分隔，如 PH,WM001）")
    g.add_argument("--extend-select", type=codes, metavar="代码", help="在默认规则之外再启用这些规则")
    g.add_argument("--ignore", type=codes, metavar="代码", help="停用这些规则（代码或前缀）")
    g.add_argument("--rules", action="append", metavar="目录", help="追加自定义规则文件夹（可多次使用）")
    g.add_argument("--profile", metavar="类型", help="指定报告类型（如 工作总结、述职报告），不自动识别")
    g.add_argument("--year", type=int, metavar="年份", help="报告所属年份（判断过时年份用），默认从标题或落款识别")
    g.add_argument("--config", metavar="文件", help="使用指定的配置文件（reportlint.toml 或 pyproject.toml）")
    g.add_argument("--isolated", action="store_true", help="不读取任何配置文件")


FAIL_ON = ("error", "warning", "info")

# The options several commands share, with one meaning and one help text everywhere
# (tests/test_cli_help.py walks every command and checks it):
#   --format   what the result looks like on stdout or in the -o file (text is the default)
#   -o FILE    write the result to FILE instead of the screen (nothing else changes)
#   -q         no progress bar, timing or side notes on the screen (the result is unchanged)
#   --no-color plain text: no colour and no other terminal escape codes
OUTPUT_HELP = "把结果写入文件，不显示在屏幕上"
QUIET_HELP = "安静模式：不显示进度条、用时和附加提示（结果照常输出）"
NO_COLOR_HELP = "不使用颜色（输出纯文本，不含终端控制符）"


def add_format(p: argparse.ArgumentParser, choices, default: str | None = "text", note: str = "") -> None:
    p.add_argument("--format", choices=choices, default=default, help=f"输出格式（默认 text{note}）")


def add_output(p: argparse.ArgumentParser, help: str = OUTPUT_HELP, metavar: str = "文件", **kw) -> None:
    p.add_argument("--output", "-o", metavar=metavar, help=help, **kw)


def add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true", help=QUIET_HELP)


def add_no_color(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-color", action="store_true", help=NO_COLOR_HELP)


def color(args) -> bool | None:
    """What renderers take as ``color``: False for --no-color (or output to a file), else None
    (rich decides: colour in a terminal, plain text in a pipe)."""
    return False if getattr(args, "no_color", False) or getattr(args, "output", None) else None


def open_output(path: str, newline=None, binary: bool = False):
    """The ``--output`` file, or an InputError naming it."""
    from ..errors import InputError

    try:
        if binary:
            return open(path, "wb")
        return open(path, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise InputError(f"无法写入输出文件：{exc.strerror or exc}", path) from None


class result_stream:
    """``with result_stream(args) as out``: the -o file (UTF-8; a Chinese error naming it when it
    cannot be written) or stdout."""

    def __init__(self, args, newline=None, binary: bool = False):
        self.path, self.newline, self.binary, self.fh = getattr(args, "output", None), newline, binary, None

    def __enter__(self):
        if not self.path:
            return stdout()
        self.fh = open_output(self.path, newline=self.newline, binary=self.binary)
        return self.fh

    def __exit__(self, *exc):
        if self.fh is not None:
            self.fh.close()
        return False


def stdout():
    """sys.stdout, re-encoded as UTF-8 (a Chinese report must print on any locale)."""
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    except (AttributeError, ValueError):  # pragma: no cover
        pass
    return sys.stdout


def overrides(args):
    """The :class:`~reportlint.options.Overrides` a command's arguments give (the namespace stops here)."""
    from ..options import Overrides

    get = lambda name: getattr(args, name, None)  # noqa: E731  (not every command has every option)
    return Overrides(config=get("config"), isolated=bool(get("isolated")), select=get("select"),
                     extend_select=get("extend_select"), ignore=get("ignore"), rules=get("rules"),
                     profile=get("profile"), year=get("year"), fail_on=get("fail_on"), format=get("format"),
                     jobs=get("jobs"), max_size=get("max_size"), executor=get("executor"),
                     scheduler=get("scheduler"), ship_files=get("ship_files"))


def add_executor_opts(p: argparse.ArgumentParser) -> None:
    """Where the per-file work runs: local processes (default) or a Dask cluster."""
    g = p.add_argument_group("分布式运行（需 pip install 'reportlint[dask]'）")
    g.add_argument("--executor", choices=("local", "dask"), help="local：本机进程（默认）；dask：Dask 集群")
    g.add_argument("--scheduler", metavar="地址", help="Dask 调度器地址，如 tcp://10.0.0.5:8786")
    g.add_argument("--ship-files", action="store_true", default=None,
                   help="由本机读取文件、分批发给集群（各机器没有共享文件夹时用）")


def make_executor(cfg, jobs: int, initializer, initargs: tuple, on_lost):
    """The executor the configuration asks for (``[executor]`` / ``--executor``): local processes,
    or a Dask cluster at ``scheduler``."""
    from ..executor import DaskExecutor, LocalExecutor

    ex = cfg["executor"]
    if ex.get("kind", "local") != "dask":
        return LocalExecutor(jobs, initializer, initargs)
    return DaskExecutor(ex["scheduler"], initializer, initargs, ship_files=bool(ex.get("ship-files")),
                        on_lost=on_lost)


def similar_executor(args, n_files: int, on_lost=None):
    """The executor of ``similar`` and ``index``: the per-file reading, normalising and MinHash
    (``similar.file_units``) run on local processes or, with ``--executor dask`` or an
    ``[executor]`` table, on a Dask cluster; pairing and verification stay on this machine."""
    from .. import config as cfgmod
    from ..executor import resolve_jobs
    from ..options import Overrides
    from ..similar import init_worker, lost_units

    given = Overrides(jobs=args.jobs, executor=args.executor, scheduler=args.scheduler, ship_files=args.ship_files)
    cfg = cfgmod.resolve(given, start=args.paths[0])
    jobs = resolve_jobs(args.jobs or cfg["jobs"])
    return make_executor(cfg, min(jobs, n_files), init_worker, (), on_lost or lost_units)


def training_ready(command: str, corpus: str | None) -> str:
    """``train``/``eval`` need the ``train`` extra (scikit-learn) and the corpus folder (a source
    checkout; a wheel has none). Returns the corpus folder; raises a Chinese error naming what to do."""
    import os

    from ..errors import ReportlintError

    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise ReportlintError(
            f"reportlint {command} 需要 scikit-learn，当前环境没有安装。请安装训练用的附加依赖："
            "pip install 'reportlint[train]'（在源码目录中为 pip install '.[train]'）。"
            "检查报告（check、batch、tag 等）不需要它。") from None
    from ..classify.corpus import repo_corpus

    root = os.path.abspath(corpus) if corpus else repo_corpus()
    if not os.path.isdir(os.path.join(root, "reports")):
        raise ReportlintError(
            f"找不到语料文件夹 {root}（应含 reports/ 和 labels/）。pip 安装的 reportlint 不带语料："
            "请在源码仓库中运行，或用 --corpus 指定语料文件夹。")
    return root


def abs_rules(rules) -> list[str]:
    import os

    return [os.path.abspath(r) for r in (rules or [])]
