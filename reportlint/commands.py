"""Sub-command implementations (imported lazily by cli.main)."""
from __future__ import annotations

import json
import os
import sys

from .errors import ConfigError, InputError
from .finding import SEVERITY_RANK

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def extra_parsers(sub, add_rule_opts) -> None:
    b = sub.add_parser("batch", help="批量检查一个或多个文件夹中的报告")
    b.add_argument("paths", nargs="+", metavar="路径", help="文件或文件夹（递归查找）")
    add_rule_opts(b)
    b.add_argument("--include", action="append", metavar="通配符", help="只检查匹配的文件（如 '*.docx'），可多次使用")
    b.add_argument("--exclude", action="append", metavar="通配符", help="跳过匹配的文件或文件夹，可多次使用")
    b.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    b.add_argument("--format", choices=["text", "json", "jsonl", "csv", "sarif", "junit", "github", "html", "concise"],
                   help="输出格式（默认 text：汇总表）")
    b.add_argument("--output", "-o", metavar="文件", help="把结果写入文件")
    b.add_argument("--statistics", action="store_true", help="列出每条规则的问题数")
    b.add_argument("--fail-on", choices=["error", "warning", "info"])
    b.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新检查")
    b.add_argument("--cache-dir", metavar="目录", help="缓存目录（默认 ~/.cache/reportlint）")
    b.add_argument("--max-size", type=float, metavar="MB")
    b.add_argument("--quiet", "-q", action="store_true", help="不显示进度条")

    s = sub.add_parser("summary", help="统计分析一批历史报告（结构、段落类型、套话密度……）")
    s.add_argument("paths", nargs="+", metavar="路径")
    s.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    s.add_argument("--output", "-o", metavar="文件")
    s.add_argument("--rules", action="append", metavar="目录")
    s.add_argument("--top", type=int, default=20, metavar="N", help="高频词、常见结构各列出前 N 个")
    s.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    s.add_argument("--quiet", "-q", action="store_true", help="不显示进度条")

    tr = sub.add_parser("train", help="用 corpora/ 语料重新训练段落分类模型")
    tr.add_argument("--corpus", metavar="目录", help="语料目录（默认仓库中的 corpora/）")
    tr.add_argument("--output", "-o", metavar="文件", help="模型输出路径（默认覆盖内置模型）")

    ev = sub.add_parser("eval", help="按报告分组交叉验证段落分类器，输出各类 P/R/F1 和混淆矩阵")
    ev.add_argument("--corpus", metavar="目录")
    ev.add_argument("--folds", type=int, default=5, help="折数（按报告分组时）")
    ev.add_argument("--group", choices=["report", "writer"], default="report",
                    help="report：同一篇报告不跨训练/测试；writer：留出一整批写作者的报告（更接近陌生文本）")
    ev.add_argument("--format", choices=["text", "json"], default="text")

    cf = sub.add_parser("config", help="显示生效的配置及每项来源")
    cf.add_argument("path", nargs="?", default=".", metavar="路径", help="从哪个文件或文件夹开始查找配置")
    add_rule_opts(cf)
    cf.add_argument("--fail-on", choices=["error", "warning", "info"], help="同 check：退出码为 1 的最低级别")
    cf.add_argument("--jobs", "-j", type=int, metavar="N", help="同 batch：进程数")
    cf.add_argument("--max-size", type=float, metavar="MB", help="同 check：单个文件大小上限")

    it = sub.add_parser("init", help="在当前文件夹写一个带注释的 reportlint.toml")
    it.add_argument("dir", nargs="?", default=".", metavar="文件夹", help="写到哪个文件夹（默认当前文件夹）")
    it.add_argument("--force", action="store_true", help="覆盖已有的 reportlint.toml")


# ---------------------------------------------------------------- shared

_RULESETS: dict = {}


def load_ruleset(extra: list[str] | None = None):
    """Rules and profiles, loaded once per distinct set of folders."""
    from .rulecache import load_cached

    key = tuple(extra or ())
    if key not in _RULESETS:
        _RULESETS[key] = load_cached(list(key))
    return _RULESETS[key]


def _stdout():
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    except (AttributeError, ValueError):  # pragma: no cover
        pass
    return sys.stdout


# ---------------------------------------------------------------- check

def cmd_check(args) -> int:
    from . import config as cfgmod
    from .report import check_path

    reports, fail_on = [], []
    configs: dict = {}  # folder -> Config: each file uses its own nearest configuration
    for path in args.files:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in configs:
            configs[folder] = cfgmod.resolve(args, start=path)
        cfg = configs[folder]
        ruleset = load_ruleset(cfg["rules"])
        cfgmod.check_profile(cfg, ruleset.profiles)
        opts = cfg.options_for(path)
        fail_on.append(cfg["fail-on"])
        if args.fix or args.diff:
            from .fix import fix_path

            reports.append(fix_path(path, ruleset, opts, write=args.fix and not args.diff,
                                    backup=not args.no_backup, out=_stdout()))
        else:
            reports.append(check_path(path, ruleset, opts))
    first = next(iter(configs.values()))
    fmt = args.format or first["format"]
    out = _stdout()
    from . import formatters

    formatters.get(fmt).render(reports, out, fmt=fmt, color=False if args.no_color else None,
                               ruleset=ruleset, fail_on=args.fail_on or first["fail-on"])
    if args.statistics:
        print_statistics(reports, out)
    return exit_code(reports, fail_on)


def exit_code(reports, fail_on) -> int:
    """2 if a file failed, 1 if a finding reaches ``fail_on`` (one level, or one per report), else 0."""
    if any(r.error for r in reports):
        return EXIT_ERROR
    levels = [fail_on] * len(reports) if isinstance(fail_on, str) else list(fail_on)
    for r, level in zip(reports, levels):
        if any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def print_statistics(reports, out) -> None:
    counts: dict = {}
    for r in reports:
        for f in r.findings:
            c = counts.setdefault(f.code, [0, f.rule, f.severity])
            c[0] += 1
    out.write("\n按规则统计：\n")
    for code, (n, name, sev) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write(f"{n:6d}  {code:7s} {sev:8s} {name}\n")


# ---------------------------------------------------------------- rules

def cmd_rules(args) -> int:
    from .rulefile import FAMILIES

    rs = load_ruleset([os.path.abspath(r) for r in (args.rules or [])])
    out = _stdout()
    if args.code:
        code = args.code.upper()
        rule = rs.by_code().get(code)
        if rule is None:
            raise ConfigError(f"没有代码为 {code} 的规则；运行 reportlint rules 查看全部规则。")
        if args.format == "json":
            json.dump(_rule_dict(rule), out, ensure_ascii=False, indent=2)
            out.write("\n")
            return EXIT_OK
        from rich.console import Console

        con = Console(file=out, highlight=False, soft_wrap=True)
        con.print(f"[bold]{rule.code}[/bold]  {rule.name}")
        con.print(f"类别：{FAMILIES.get(rule.family, rule.family)}    级别：{rule.severity}    "
                  f"检查方式：{rule.kind}    范围：{rule.scope}")
        if rule.description:
            con.print(f"说明：{rule.description.strip()}", markup=False)
        if rule.reference:
            con.print(f"依据：{rule.reference}", markup=False)
        con.print(f"提示语：{rule.message}", markup=False)
        con.print(f"自动修正：{'可以（--fix）' if rule.fix_safe else '不自动修正'}")
        con.print(f"文件：{rule.path}", markup=False)
        for which, title in (("bad", "会报告的写法"), ("good", "不会报告的写法")):
            exs = rule.examples.get(which) or []
            if exs:
                con.print(f"{title}：")
                for e in exs:
                    con.print("  · " + e.replace("\n", " ⏎ "), markup=False)
        return EXIT_OK
    if args.format == "json":
        json.dump([_rule_dict(r) for r in rs.rules], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"reportlint 规则（共 {len(rs.rules)} 条）", show_lines=False)
    for col in ("代码", "名称", "级别", "说明"):
        table.add_column(col, overflow="fold")
    for r in rs.rules:
        desc = (r.description or r.message).strip().split("\n")[0]
        table.add_row(r.code, r.name, r.severity, desc[:60])
    Console(file=out, highlight=False).print(table)
    return EXIT_OK


def _rule_dict(r) -> dict:
    return {"code": r.code, "name": r.name, "family": r.family, "kind": r.kind, "severity": r.severity,
            "scope": r.scope, "message": r.message, "description": r.description,
            "reference": r.reference, "fix": r.fix_safe, "examples": r.examples, "path": r.path}


# ---------------------------------------------------------------- outline

def _read_doc(path: str, profile=None, extra=None):
    from .reader import read_path
    from .report import Options, build_document

    rs = load_ruleset(extra)
    src = read_path(path)
    return build_document(src, rs, Options(profile=profile)), rs


def cmd_outline(args) -> int:
    from .outline_view import outline_dict, render_tree

    doc, _ = _read_doc(args.file, args.profile, [os.path.abspath(r) for r in (args.rules or [])])
    out = _stdout()
    if args.format == "json":
        json.dump(outline_dict(doc), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        render_tree(doc, out)
    return EXIT_OK


def cmd_tag(args) -> int:
    from .classify.predict import tag_document
    from .outline_view import render_tags, tags_dict

    doc, _ = _read_doc(args.file)
    tag_document(doc, decode=True)
    out = _stdout()
    if args.format == "json":
        json.dump(tags_dict(doc), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        render_tags(doc, out)
    return EXIT_OK


# ---------------------------------------------------------------- config / init

def cmd_config(args) -> int:
    from . import config as cfgmod

    if not os.path.exists(args.path):
        raise InputError("文件或文件夹不存在。", args.path)
    cfg = cfgmod.resolve(args, start=args.path)
    cfgmod.check_profile(cfg, load_ruleset(cfg["rules"]).profiles)
    out = _stdout()
    out.write(f"配置文件：{cfg.path or '（未找到，使用默认值）'}\n")
    for k in sorted(cfg.values):
        out.write(f"{k:18s} = {json.dumps(cfg.values[k], ensure_ascii=False)}    # 来源：{cfg.sources[k]}\n")
    if os.path.isfile(args.path):
        codes = cfg.per_file_codes(args.path)
        if codes:
            out.write(f"按 per-file-ignores，{args.path} 另外忽略：{'、'.join(codes)}\n")
    return EXIT_OK


def cmd_init(args) -> int:
    from .config import STARTER

    if not os.path.isdir(args.dir):
        raise InputError("文件夹不存在。", args.dir)
    path = os.path.join(os.path.abspath(args.dir), "reportlint.toml")
    if os.path.exists(path) and not args.force:
        raise InputError("已存在 reportlint.toml；如需覆盖请加 --force。", path)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(STARTER)
    _stdout().write(f"已写入 {path}\n")
    return EXIT_OK


def cmd_batch(args) -> int:
    from .batch import run_batch

    return run_batch(args)


def cmd_summary(args) -> int:
    from .summary import run_summary

    return run_summary(args)


def cmd_train(args) -> int:
    from .classify.train import cmd_train as run

    return run(args)


def cmd_eval(args) -> int:
    from .classify.train import cmd_eval as run

    return run(args)
