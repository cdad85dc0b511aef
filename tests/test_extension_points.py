"""Each kind of change has one place (docs/ARCHITECTURE.md, “Where a change goes”); these tests
make one of each in-process and see it work end to end: a rule, a report type, an input format,
an output format and a command."""
from __future__ import annotations

import json
import textwrap

import pytest

import reportlint
from reportlint import cli, commands, formatters, readers
from reportlint.readers.base import Reader, Source


# ---------------------------------------------------------------- new rule: one YAML file
def test_new_rule_is_one_yaml_file(tmp_path):
    (tmp_path / "WM").mkdir()
    (tmp_path / "WM" / "WM901.yaml").write_text(textwrap.dedent("""\
        code: WM901
        name: 测试用广告语
        kind: phrase
        severity: warning
        message: "“{match}”是广告语"
        words: [扫码领取]
        examples:
          bad: [扫码领取完整版]
          good: [扫码签到]
        """), encoding="utf-8")
    report = reportlint.check_text("材料请扫码领取。\n", rules=[str(tmp_path)], select=["WM901"])
    assert [(f.code, f.excerpt) for f in report.findings] == [("WM901", "扫码领取")]


# ---------------------------------------------------------------- new report type: one profile YAML
def test_new_report_type_is_one_profile_file(tmp_path):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "巡察整改报告.yaml").write_text(textwrap.dedent("""\
        name: 巡察整改报告
        description: 巡察反馈问题的整改情况报告。
        title_keywords: [巡察, 整改]
        sections:
          - role: problem
            names: [反馈问题, 存在的问题]
            required: true
            labels: [problem]
          - role: practice
            names: [整改措施, 整改落实情况]
            required: true
            labels: [practice]
          - role: plan
            names: [下一步打算, 长效机制]
            required: true
            labels: [plan]
        """), encoding="utf-8")
    text = "关于巡察反馈问题整改情况的报告\n一、反馈问题\n台账不全。\n二、整改措施\n补齐台账12本。\n"
    report = reportlint.check_text(text, rules=[str(tmp_path)], profile="巡察整改报告", select=["STR001"])
    assert report.profile == "巡察整改报告"
    assert [f.code for f in report.findings] == ["STR001"]  # 下一步打算 is required and missing


# ---------------------------------------------------------------- new input format: one reader module
def _read_reversed(path: str, max_paragraphs: int) -> Source:
    """A toy format: the report's lines stored last line first."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return Source(path=path, text="\n".join(reversed(lines)) + "\n", encoding="utf-8", kind="text")


TOY_READER = Reader("reversed", frozenset({".rev"}), _read_reversed, fix_refusal="倒序文件不能自动修正。")


@pytest.fixture
def toy_reader():
    readers.register(TOY_READER)
    yield TOY_READER
    readers.unregister(TOY_READER)


def test_new_input_format_is_one_reader(tmp_path, toy_reader, capsys):
    path = tmp_path / "汇报.rev"
    path.write_text("共走访XX户。\n关于社区工作的汇报\n", encoding="utf-8")
    report = reportlint.check_file(path, select=["PH"])
    assert [(f.code, f.line) for f in report.findings] == [("PH002", 2)]
    assert cli.main(["batch", str(tmp_path), "--isolated", "-q", "--no-cache", "-j", "1", "--select", "PH",
                     "--format", "json"]) == 1  # batch discovers the new suffix
    assert [f["path"] for f in json.loads(capsys.readouterr().out)["files"]] == [str(path)]
    assert cli.main(["check", str(path), "--isolated", "--fix", "--select", "PH"]) == 1  # not fixable: checked
    out, err = capsys.readouterr()
    assert "倒序文件不能自动修正" in err and "PH002" in out


# ---------------------------------------------------------------- new output format: one formatter
class _Counts:
    """A toy findings format: one line per file, ``path<TAB>count``."""

    @staticmethod
    def render(reports, stream, **_):
        for r in reports:
            stream.write(f"{r.path}\t{len(r.findings)}\n")


def test_new_output_format_is_one_renderer(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("共走访XX户，发放资料×份。\n", encoding="utf-8")
    formatters.register("counts", _Counts)
    try:
        assert "counts" in formatters.findings_formats()
        assert cli.main(["check", str(path), "--isolated", "--select", "PH", "--format", "counts"]) == 1
        assert capsys.readouterr().out == f"{path}\t2\n"
    finally:
        formatters.unregister("counts")
    assert "counts" not in formatters.findings_formats()


# ---------------------------------------------------------------- new command: one module
class _WordCount:
    """A toy command: ``reportlint wc FILE`` prints the number of non-blank characters."""

    NAME, HELP = "wc", "统计字数"

    @staticmethod
    def add_parser(sub):
        p = sub.add_parser("wc", help="统计字数")
        p.add_argument("file")

    @staticmethod
    def run(args):
        from reportlint.readers import read_path

        text = read_path(args.file).text
        print(sum(1 for ch in text if not ch.isspace()))
        return 0


def test_new_command_is_one_module(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("一、基本情况\n全县学校12所。\n", encoding="utf-8")
    commands.register(_WordCount)
    try:
        assert cli.main(["wc", str(path)]) == 0
        assert capsys.readouterr().out == "14\n"
    finally:
        commands.unregister("wc")
    with pytest.raises(SystemExit):
        cli.main(["wc", str(path)])
