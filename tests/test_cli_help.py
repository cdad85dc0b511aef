"""Every command has a real --help: a description and a Chinese help text for each argument; the
options shared by commands (-q, -o, --no-color, --format) mean the same everywhere."""
from __future__ import annotations

import argparse
import json

import pytest

from reportlint import cli
from reportlint.commands import COMMANDS


def _subparsers():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices


@pytest.mark.parametrize("name", COMMANDS)
def test_every_argument_has_chinese_help(name):
    p = _subparsers()[name]
    assert p.description, f"{name}: no description"
    for action in p._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help and any("\u4e00" <= ch <= "\u9fff" for ch in action.help), (name, action.dest)


# Which commands take each shared option (a new command must decide; see commands/_common.py).
TAKES = {
    "--format": {"check", "batch", "summary", "similar", "outline", "tag", "rules", "eval"},
    "-o": {"check", "batch", "summary", "similar", "outline", "tag", "rules", "eval", "config", "index", "train"},
    "-q": {"check", "batch", "summary", "similar", "index", "init", "train"},
    "--no-color": set(COMMANDS) - {"serve"},  # serve prints one line and serves a web page
}
OWN_OUTPUT = {"index", "train"}  # -o names the file the command makes (the index, the model)


def test_shared_options_mean_the_same_in_every_command():
    from reportlint.commands._common import NO_COLOR_HELP, OUTPUT_HELP, QUIET_HELP

    seen: dict[str, set] = {k: set() for k in TAKES}
    for name, p in _subparsers().items():
        for action in p._actions:
            opts = set(action.option_strings)
            if "-q" in opts:
                seen["-q"].add(name)
                assert (opts, action.dest, action.nargs, action.const) == ({"-q", "--quiet"}, "quiet", 0, True), name
                assert action.help == QUIET_HELP, name
            if "--no-color" in opts:
                seen["--no-color"].add(name)
                assert (opts, action.dest, action.nargs, action.const) == ({"--no-color"}, "no_color", 0, True), name
                assert action.help == NO_COLOR_HELP, name
            if "-o" in opts:
                seen["-o"].add(name)
                assert (opts, action.dest, action.nargs) == ({"-o", "--output"}, "output", None), name
                assert action.help.startswith(OUTPUT_HELP) or (name in OWN_OUTPUT and "写入" in action.help), name
            if "--format" in opts:
                seen["--format"].add(name)
                assert (action.dest, action.nargs) == ("format", None), name
                assert {"text", "json"} <= set(action.choices), name
                assert action.help.startswith("输出格式（默认 text"), name
            assert not (opts & {"--quiet", "--output", "--color", "--no-colour"}) or opts & {"-q", "-o"}, name
    assert seen == TAKES


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_real_help(name, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([name, "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    p = _subparsers()[name]
    assert out.startswith(f"用法：reportlint {name} ") and p.description in out and "选项" in out
    for action in p._actions:
        for opt in action.option_strings:
            assert opt in out, (name, opt)
        if action.help:
            assert action.help.split("%")[0].replace(" ", "")[:12] in out.replace("\n", "").replace(" ", ""), (name, action.dest)


# ---------------------------------------------------------------- what the options do, command by command

PLACEHOLDER = "关于2026年社区工作的汇报\n一、基本情况\n今年以来，社区共走访居民××户，办结群众诉求86件。\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "收件箱"
    d.mkdir()
    for i in range(2):
        (d / f"r{i}.txt").write_text(PLACEHOLDER.replace("86", str(80 + i)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("FORCE_COLOR", "1")  # as in a terminal: rich would colour
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


# command line (in the folder above) of each command that writes a result; RICH: coloured in a terminal
RUNS = {
    "check": ["check", "收件箱/r0.txt", "--isolated", "--select", "PH"],
    "batch": ["batch", "收件箱", "--isolated", "--select", "PH", "-j", "1", "-q", "--no-cache"],
    "summary": ["summary", "收件箱", "-j", "1", "-q", "--no-cache"],
    "similar": ["similar", "收件箱", "-j", "1", "-q"],
    "outline": ["outline", "收件箱/r0.txt"],
    "tag": ["tag", "收件箱/r0.txt"],
    "rules": ["rules", "PH001"],
    "config": ["config", "收件箱", "--isolated"],
}
RICH = {"check", "batch", "summary", "outline", "tag", "rules"}


def _run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(RUNS))
def test_no_color_o_and_format_do_the_same_thing_everywhere(name, folder, capsys):
    argv = RUNS[name]
    code, coloured, _ = _run(argv, capsys)
    assert ("\x1b[" in coloured) == (name in RICH), name  # the comparison below can fail
    code2, plain, _ = _run(argv + ["--no-color"], capsys)
    assert code2 == code and "\x1b[" not in plain and plain.strip()
    target = folder / "结果.txt"
    code3, out, _ = _run(argv + ["-o", str(target)], capsys)
    assert (code3, out) == (code, "")  # -o: nothing on the screen, the same result in the file
    written = target.read_text(encoding="utf-8")
    if name == "similar":  # its text names the run's time
        written, plain = written.split("\n", 1)[1], plain.split("\n", 1)[1]
    assert written == plain, name
    if name in TAKES["--format"]:
        _, out, _ = _run(argv + ["--format", "json"], capsys)
        json.loads(out)


@pytest.mark.parametrize("name", ["check", "batch", "summary", "similar", "init"])
def test_quiet_leaves_the_result_and_silences_the_rest(name, folder, capsys):
    argv = {"init": ["init", str(folder), "--force"],
            "check": ["check", "收件箱/r0.txt", "--isolated", "--annotate", "-o", str(folder / "批注.docx")]
            }.get(name) or [a for a in RUNS[name] if a != "-q"]
    code, out, err = _run(argv, capsys)
    qcode, qout, qerr = _run(argv + ["-q"], capsys)
    assert qcode == code and qerr == ""
    if name == "init":
        assert out.startswith("已写入 ") and qout == ""
    elif name == "check":
        assert err.startswith("reportlint：已写入 ") and qout == out
    elif name == "batch":
        assert "用时" in out and qout == out[:out.index("用时")]
    else:
        assert qout.split("\n", 1)[-1] == out.split("\n", 1)[-1]
