"""The engine and the CLI around it: selection, severities and exit codes, immutable findings,
the concise / json / text formats, ``reportlint rules``, and strict rule-file loading."""
import dataclasses
import json
import re

import pytest
from rich.cells import cell_len

from reportlint import check_text
from reportlint.cli import main
from reportlint.rulecache import load_ruleset
from reportlint.engine import is_selected, matches_prefix
from reportlint.finding import Finding

TEXT = "关于社区工作的汇报\n今年共走访XX户，到社区报到×人。\n本文仅供学习交流。\n"
ALL = [(2, 6, "PH002"), (2, 15, "PH001"), (3, 3, "WM002")]


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "汇报.txt"
    p.write_text(TEXT, encoding="utf-8")
    return str(p)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def cli_hits(argv, capsys):
    code, out, _ = run(argv + ["--format", "json"], capsys)
    data = json.loads(out)
    return code, [(f["line"], f["column"], f["code"]) for f in data["files"][0]["findings"]]


# ------------------------------------------------------------------ select / ignore

@pytest.mark.parametrize("options, expected", [
    (["--select", "PH,WM"], ALL),
    (["--select", "PH"], ALL[:2]),
    (["--select", "PH001"], [ALL[1]]),  # (codes are case-sensitive: "ph001" is an error, see test_config)
    (["--select", "PH，WM002"], ALL),  # a full-width comma separates too
    (["--select", "PH", "--ignore", "PH001"], [ALL[0]]),
    (["--select", "PH001", "--ignore", "PH"], [ALL[1]]),  # the longer (more specific) prefix wins
    (["--select", "PH,WM", "--ignore", "PH"], [ALL[2]]),
    (["--select", "PH,WM", "--ignore", "WM002,PH002"], [ALL[1]]),
    (["--select", "WM003"], []),
    (["--select", "PH,WM", "--ignore", "PH,WM"], []),
])
def test_select_and_ignore(report, capsys, options, expected):
    code, got = cli_hits(["check", report] + options, capsys)
    assert got == expected
    assert code == (1 if expected else 0)


def test_ignore_without_select_keeps_the_rest(report, capsys):
    _, got = cli_hits(["check", report, "--ignore", "PH,CL,WD,NUM,PU,DUP,CLS,STR,SUP"], capsys)
    assert [c for *_, c in got] == ["WM002"]


def test_longest_prefix_rule():
    assert matches_prefix("PH001", ["P", "PH", "PH00"]) == 4
    assert matches_prefix("PH001", ["WM"]) == 0
    assert is_selected("PH001", ["PH001"], ["PH"])
    assert not is_selected("PH001", ["PH"], ["PH001"])
    assert not is_selected("PH002", ["PH"], ["PH"])  # at equal length ignore wins, as in ruff
    assert not is_selected("PH002", None, ["ALL"])
    assert is_selected("WM001", None, ["PH"])


def test_api_select_ignore_same_as_cli():
    got = [(f.line, f.column, f.code) for f in check_text(TEXT, select=["PH001"], ignore=["PH"]).findings]
    assert got == [ALL[1]]


# ------------------------------------------------------------------ severities and exit codes

INFO_ONLY = ("2026年工作总结\n一、主要做法\n1.抓学习\n组织集中学习12次。\n2.抓队伍\n组织培训3次。\n"
             "二、存在的问题\n（一）学习不够深入\n个别同学缺课。\n")


def test_exit_0_when_clean(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("关于社区工作的汇报\n今年共走访居民1200户。\n", encoding="utf-8")
    code, out, _ = run(["check", str(p), "--select", "PH,WM"], capsys)
    assert code == 0
    assert "未发现问题" in out


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 0), ("info", 1)])
def test_fail_on_with_info_findings(tmp_path, capsys, fail_on, expected):
    p = tmp_path / "a.txt"
    p.write_text(INFO_ONLY, encoding="utf-8")
    code, got = cli_hits(["check", str(p), "--select", "STR006", "--fail-on", fail_on], capsys)
    assert got == [(3, 1, "STR006")]
    assert code == expected


@pytest.mark.parametrize("fail_on, expected", [("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on_with_error_findings(report, capsys, fail_on, expected):
    assert run(["check", report, "--select", "PH", "--fail-on", fail_on], capsys)[0] == expected


def test_fail_on_default_is_warning(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("在某某同志的带领下，各项工作稳步推进。\n", encoding="utf-8")  # PH005 is a warning
    assert run(["check", str(p), "--select", "PH005"], capsys)[0] == 1
    assert run(["check", str(p), "--select", "PH005", "--fail-on", "error"], capsys)[0] == 0


def test_severity_override_changes_severity_and_exit(tmp_path, capsys):
    r = check_text(TEXT, select=["PH"], severity={"PH001": "info"})
    assert [(f.code, f.severity) for f in r.findings] == [("PH002", "error"), ("PH001", "info")]
    r = check_text(TEXT, select=["PH", "WM"], severity={"PH": "warning"})  # a family prefix
    assert [(f.code, f.severity) for f in r.findings] == [("PH002", "warning"), ("PH001", "warning"),
                                                          ("WM002", "error")]
    (tmp_path / "reportlint.toml").write_text('[severity]\nPH001 = "info"\nPH002 = "info"\n', encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("今年共走访XX户，到社区报到×人。\n", encoding="utf-8")
    assert run(["check", str(p), "--select", "PH"], capsys)[0] == 0
    assert run(["check", str(p), "--select", "PH", "--fail-on", "info"], capsys)[0] == 1


def test_exit_2_on_usage_error(report, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", report, "--fail-on", "fatal"])
    assert exc.value.code == 2
    assert "参数错误" in capsys.readouterr().err


# ------------------------------------------------------------------ findings

def test_findings_are_immutable():
    f = check_text(TEXT, select=["PH"]).findings[0]
    assert isinstance(f, Finding)
    for field, value in (("code", "PH999"), ("line", 99), ("message", "改了"), ("severity", "info")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(f, field, value)
    assert (f.code, f.line, f.column) == ("PH002", 2, 6)


def test_findings_carry_offsets_into_the_text():
    for f in check_text(TEXT, select=["PH", "WM"]).findings:
        assert TEXT[f.start:f.end] == f.excerpt
        assert f.end_line == f.line and f.end_column == f.column + len(f.excerpt)


# ------------------------------------------------------------------ output formats

def test_concise_exact(report, capsys):
    code, out, _ = run(["check", report, "--select", "PH,WM", "--format", "concise"], capsys)
    assert code == 1
    assert out == (
        f"{report}:2:6: PH002 错误 “XX”像是模板中代替数字或名称的占位符，请填写实际内容\n"
        f"{report}:2:15: PH001 错误 占位符“×”未替换为实际内容\n"
        f"{report}:3:3: WM002 错误 “仅供学习交流”是模板网站的水印或声明，请删除\n")


def test_statistics_exact(report, capsys):
    code, out, _ = run(["check", report, "--select", "PH,WM", "--format", "concise", "--statistics"], capsys)
    assert out.split("按规则统计：\n")[1] == (
        "     1  PH001   错误  未填写的×占位符\n"
        "     1  PH002   错误  用字母X代替的数字或名称\n"
        "     1  WM002   错误  模板水印文字\n")


FINDING_KEYS = {"code", "severity", "message", "rule", "path", "line", "column", "end_line", "end_column",
                "start", "end", "excerpt", "suggestion", "fix", "applicability", "location", "reference", "related"}


def test_json_structure(report, capsys):
    code, out, _ = run(["check", report, "--select", "PH,WM", "--format", "json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"version", "files", "summary"}
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "files_with_errors": 1, "files_unreadable": 0, "error": 3, "warning": 0, "info": 0,
                               "codes": {"PH001": 1, "PH002": 1, "WM002": 1}}
    (f,) = data["files"]
    assert set(f) == {"path", "encoding", "profile", "profile_confidence", "error", "findings"}
    assert (f["path"], f["encoding"], f["error"]) == (report, "utf-8", None)
    first = f["findings"][0]
    assert set(first) == FINDING_KEYS
    assert first == {
        "code": "PH002", "severity": "error", "message": "“XX”像是模板中代替数字或名称的占位符，请填写实际内容",
        "rule": "用字母X代替的数字或名称", "path": report, "line": 2, "column": 6, "end_line": 2,
        "end_column": 8, "start": 15, "end": 17, "excerpt": "XX", "suggestion": None, "fix": None,
        "applicability": "none", "location": "", "reference": "审稿常见退改意见：数据和名称须填实", "related": []}


def test_json_keys_are_the_documented_ones():
    from reportlint.formatters import json_

    doc = json_.__doc__
    for key in FINDING_KEYS | {"path", "encoding", "profile", "profile_confidence", "error", "findings"}:
        assert re.search(rf"\b{key}\b", doc), key


def test_json_error_file(tmp_path, capsys):
    missing = str(tmp_path / "缺.txt")
    code, out, _ = run(["check", missing, "--format", "json"], capsys)
    assert code == 2
    data = json.loads(out)
    assert data["files"] == [{"path": missing, "encoding": None, "profile": None, "profile_confidence": 0.0,
                              "error": "文件不存在。", "findings": []}]
    assert (data["summary"]["files_with_errors"], data["summary"]["files_unreadable"]) == (0, 1)


def test_json_files_with_errors_counts_error_findings_not_unreadable_files(tmp_path, capsys):
    """``files_with_errors`` used to count unreadable files (and not files with error findings)."""
    bad = tmp_path / "有错.txt"
    bad.write_text("关于社区工作的汇报\n共走访XX户。\n", encoding="utf-8")
    clean = tmp_path / "无误.txt"
    clean.write_text("关于社区工作的汇报\n共走访120户。\n", encoding="utf-8")
    missing = tmp_path / "缺.txt"
    code, out, _ = run(["check", str(bad), str(clean), str(missing), "--select", "PH", "--format", "json",
                        "--isolated"], capsys)
    assert code == 2
    s = json.loads(out)["summary"]
    assert (s["files"], s["files_with_errors"], s["files_unreadable"], s["error"]) == (3, 1, 1, 1)


CARET_TEXT = ("关于社区工作的汇报\n"
              "　　今年以来，社区共走访XX户，\t到社区报到××人。\n"
              "本文仅供学习交流，禁止外传。\n")


def test_text_caret_under_han_characters(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(CARET_TEXT, encoding="utf-8")
    code, out, _ = run(["check", str(p), "--select", "PH,WM", "--no-color"], capsys)
    assert code == 1
    lines = out.splitlines()
    findings = check_text(CARET_TEXT, select=["PH", "WM"]).findings
    assert [(f.line, f.column, f.code) for f in findings] == [
        (2, 13, "PH002"), (2, 23, "PH001"), (3, 3, "WM002"), (3, 10, "WM002")]
    gutter = "      │ "
    blocks = [i for i, ln in enumerate(lines) if re.match(r"^  \d+:\d+ ", ln)]
    assert len(blocks) == len(findings)
    for i, f in zip(blocks, findings):
        assert lines[i].startswith(f"  {f.line}:{f.column}".ljust(9) + " " + f.code)
        source, caret = lines[i + 1], lines[i + 2]
        assert source.startswith(gutter) and caret.startswith(gutter)
        src_line = CARET_TEXT.splitlines()[f.line - 1].replace("\t", "    ")
        assert source[len(gutter):] == src_line
        prefix = CARET_TEXT.splitlines()[f.line - 1][: f.column - 1].replace("\t", "    ")
        marks = caret[len(gutter):]
        assert marks == " " * cell_len(prefix) + "^" * cell_len(f.excerpt)
        # the caret line's display width up to the caret equals the prefix's display width
        assert cell_len(marks[: marks.index("^")]) == cell_len(prefix)
    assert lines[-1] == "共 1 个文件，发现 4 个问题：错误 4，警告 0，提示 0。"


# ------------------------------------------------------------------ reportlint rules

def test_rules_lists_every_rule(capsys):
    code, out, _ = run(["rules", "--format", "json"], capsys)
    assert code == 0
    listed = json.loads(out)
    codes = [r.code for r in load_ruleset().rules] + ["SUP001"]  # SUP001 comes from the engine
    assert [r["code"] for r in listed] == codes
    assert {f"PH00{i}" for i in range(1, 9)} | {f"WM00{i}" for i in range(1, 8)} <= set(codes)
    assert {f"STR0{i:02d}" for i in range(1, 13)} <= set(codes)
    for r in listed:
        assert r["name"] and r["severity"] in ("error", "warning", "info") and r["message"]
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    assert f"共 {len(codes)} 条" in out
    for c in codes:
        assert c in out
    row = next(ln for ln in out.splitlines() if "PH001" in ln)
    assert "错误" in row and "error" not in row  # the severity column speaks Chinese


def test_rules_shows_one_rule_with_examples(capsys):
    code, out, _ = run(["rules", "PH001"], capsys)
    assert code == 0
    rule = load_ruleset().by_code()["PH001"]
    assert out.splitlines()[0] == "PH001  未填写的×占位符"
    assert "级别：错误" in out and "依据：审稿常见退改意见" in out
    assert "会报告的写法：" in out and "不会报告的写法：" in out
    for ex in rule.examples["bad"] + rule.examples["good"]:
        assert f"  · {ex}" in out
    assert "（3×4、1.2m×0.6m、30%×2）" in out  # folded YAML lines are joined without stray spaces


def test_rules_unknown_code(capsys):
    code, _, err = run(["rules", "PH999"], capsys)
    assert code == 2
    assert "没有代码为 PH999 的规则" in err


def test_rules_shows_sup001(capsys):
    """SUP001 is reported by the engine; ``rules SUP001`` used to say it does not exist."""
    code, out, err = run(["rules", "SUP001"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "SUP001  未使用的忽略标记"
    assert "级别：提示" in lines[1] and "检查方式：suppression" in lines[1]
    assert "  · 今年共走访120户。【忽略 PH002】" in out
    code, out, _ = run(["rules", "sup001", "--format", "json"], capsys)
    data = json.loads(out)
    assert (code, data["code"], data["family"], data["severity"]) == (0, "SUP001", "SUP", "info")


# ------------------------------------------------------------------ broken rule files

GOOD_RULE = """code: PH901
name: 测试规则
kind: regex
severity: error
message: "发现“{match}”"
pattern: '甲'
examples:
  bad: [甲乙]
  good: [乙丙]
"""

BROKEN = [
    ("bad_yaml", GOOD_RULE.replace("name: 测试规则", "name: 测试规则\n  kind: regex"), None, "YAML 格式错误（第 3 行第 7 列）"),
    ("bad_quotes", GOOD_RULE.replace('message: "发现“{match}”"', 'message: "发现'), None, "引号没有配对"),
    ("unknown_key", GOOD_RULE + "colour: red\n", "colour", "未知的键"),
    ("missing_key", GOOD_RULE.replace("severity: error\n", ""), "severity", "缺少必填项"),
    ("missing_option", GOOD_RULE.replace("pattern: '甲'\n", ""), "pattern", "缺少必填项"),
    ("bad_severity", GOOD_RULE.replace("severity: error", "severity: fatal"), "severity",
     "级别只能是 error、warning 或 info"),
    ("bad_kind", GOOD_RULE.replace("kind: regex", "kind: magic"), "kind", "未知的检查类型“magic”"),
    ("bad_code", GOOD_RULE.replace("code: PH901", "code: ph-1"), "code", "规则代码应为大写字母前缀加三位数字"),
    ("bad_regex", GOOD_RULE.replace("pattern: '甲'", "pattern: '(甲'"), "pattern", "正则表达式有误"),
    ("nested_repeat", GOOD_RULE.replace("pattern: '甲'", "pattern: '(甲+)+'"), "pattern", "灾难性回溯"),
    ("bad_example", GOOD_RULE.replace("bad: [甲乙]", "bad: [乙丁]"), "examples.bad[0]",
     "反例（bad）第 1 条没有触发本规则"),
    ("good_example", GOOD_RULE.replace("good: [乙丙]", "good: [乙丙, 甲丙]"), "examples.good[1]",
     "正例（good）第 2 条误触发了本规则"),
    ("bad_type", GOOD_RULE.replace("pattern: '甲'", "pattern: [甲]"), "pattern", "类型不对"),
]


@pytest.mark.parametrize("name, content, key, needle", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rule_file_exits_2_naming_file_and_key(tmp_path, report, capsys, name, content, key, needle):
    folder = tmp_path / "我的规则" / "PH"
    folder.mkdir(parents=True)
    path = folder / "PH901.yaml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["check", report, "--rules", str(tmp_path / "我的规则")], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith(f"reportlint：{path}：")
    if key:
        assert f"键“{key}”：" in err
    assert needle in err
    assert run(["rules", "--rules", str(tmp_path / "我的规则")], capsys)[0] == 2


def test_duplicate_code_in_one_folder(tmp_path, report, capsys):
    folder = tmp_path / "规则" / "PH"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD_RULE, encoding="utf-8")
    code, _, err = run(["check", report, "--rules", str(tmp_path / "规则")], capsys)
    assert code == 2
    assert err == f"reportlint：{folder / 'b.yaml'}：键“code”：规则代码 PH901 与 {folder / 'a.yaml'} 重复。\n"


def test_missing_rules_folder(tmp_path, report, capsys):
    code, _, err = run(["check", report, "--rules", str(tmp_path / "没有")], capsys)
    assert code == 2
    assert str(tmp_path / "没有") in err


def test_user_rule_folder_adds_and_overrides(tmp_path, report, capsys):
    folder = tmp_path / "规则" / "PH"
    folder.mkdir(parents=True)
    (folder / "PH901.yaml").write_text(GOOD_RULE.replace("pattern: '甲'", "pattern: '社区'")
                                       .replace("[甲乙]", "[社区]"), encoding="utf-8")
    # a user PH001 replaces the built-in one (same code, later folder wins)
    (folder / "PH001.yaml").write_text(GOOD_RULE.replace("PH901", "PH001").replace("'甲'", "'汇报'")
                                       .replace("[甲乙]", "[汇报]"), encoding="utf-8")
    code, got = cli_hits(["check", report, "--rules", str(tmp_path / "规则"), "--select", "PH"], capsys)
    assert code == 1
    assert got == [(1, 3, "PH901"), (1, 8, "PH001"), (2, 6, "PH002"), (2, 11, "PH901")]
