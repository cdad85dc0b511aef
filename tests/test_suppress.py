"""Suppression markers in .txt and .md reports, and the unused-marker finding (SUP001)."""
import os

import pytest

from reportlint import check_file, check_text, outline
from reportlint.suppress import mask, parse_codes

TITLE = "关于社区工作的汇报\n"
X_LINE = "到社区报到×人。"  # PH001 at column 6
XX_LINE = "共走访XX户。"  # PH002 at column 4


def codes(report, prefixes=("PH", "SUP", "ZZ")):
    return [(f.code, f.line, f.column) for f in report.findings if f.code.startswith(prefixes)]


def run(text, suffix, tmp_path, **opts):
    """Check ``text`` as a file with ``suffix`` (exercises the reader for .txt and .md)."""
    path = tmp_path / f"r{suffix}"
    path.write_text(text, encoding="utf-8")
    r = check_file(str(path), **opts)
    assert r.error is None, r.error
    return r


FORMS = [
    # (name, body, expected remaining findings as (code, line, col))
    ("line end 【】", f"{X_LINE}【忽略 PH001】\n{XX_LINE}\n", [("PH002", 3, 4)]),
    ("line end []", f"{X_LINE}[忽略 PH001]\n{XX_LINE}\n", [("PH002", 3, 4)]),
    ("line end, colon, 、", f"{X_LINE}{XX_LINE}【忽略：PH001、PH002】\n", []),
    ("full-width code", f"{X_LINE}【忽略　ＰＨ００１】\n", []),
    ("family prefix", f"{X_LINE}{XX_LINE}【忽略 PH】\n{XX_LINE}\n", [("PH002", 3, 4)]),
    ("no code = all", f"{X_LINE}{XX_LINE}【忽略】\n", []),
    ("alone: next line", f"【忽略 PH001】\n{X_LINE}\n{X_LINE}\n", [("PH001", 4, 6)]),
    ("alone: skips blank lines", f"【忽略 PH001】\n\n\n{X_LINE}\n{X_LINE}\n", [("PH001", 6, 6)]),
    ("two alone markers", f"【忽略 PH001】\n【忽略 PH002】\n{X_LINE}{XX_LINE}\n", []),
    ("range", f"{X_LINE}\n【忽略开始 PH】\n{X_LINE}\n{XX_LINE}\n【忽略结束】\n{XX_LINE}\n",
     [("PH001", 2, 6), ("PH002", 7, 4)]),
    ("range without end runs to the end", f"{X_LINE}\n[忽略开始]\n{X_LINE}\n{XX_LINE}\n", [("PH001", 2, 6)]),
    ("nested ranges", f"【忽略开始 PH001】\n【忽略开始 PH002】\n{X_LINE}{XX_LINE}\n【忽略结束】\n{X_LINE}{XX_LINE}\n"
                      f"【忽略结束】\n{X_LINE}{XX_LINE}\n",
     [("PH002", 6, 12), ("PH001", 8, 6), ("PH002", 8, 12)]),
    ("whole file, anywhere", f"{X_LINE}\n{XX_LINE}\n【全文忽略 PH001】\n", [("PH002", 3, 4)]),
    ("html comment", f"{X_LINE}<!-- 忽略 PH001 -->\n{XX_LINE}\n", [("PH002", 3, 4)]),
    ("html comment alone", f"<!-- 忽略 PH002 -->\n{XX_LINE}\n", []),
    ("html comment whole file", f"<!-- 全文忽略 PH -->\n{X_LINE}\n{XX_LINE}\n", []),
]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("name, body, expected", FORMS, ids=[f[0] for f in FORMS])
def test_each_form(tmp_path, suffix, name, body, expected):
    r = run(TITLE + body, suffix, tmp_path, select=["PH", "SUP"])
    assert codes(r) == expected


def test_marker_for_another_code_does_not_hide_and_is_reported(tmp_path):
    r = check_text(TITLE + f"{X_LINE}【忽略 PH002】\n", select=["PH", "SUP"])
    assert codes(r) == [("PH001", 2, 6), ("SUP001", 2, 9)]


# ---------------------------------------------------------------- SUP001

def test_unused_marker_exact_position_code_and_severity():
    r = check_text(TITLE + "今年走访群众300户。【忽略 PH001】\n", select=["PH", "SUP"])
    [f] = r.findings
    assert (f.code, f.severity, f.line, f.column, f.end_line, f.end_column) == ("SUP001", "info", 2, 12, 2, 22)
    assert f.excerpt == "【忽略 PH001】" and r.chars > f.end and (f.start, f.end) == (21, 31)
    assert "没有屏蔽任何问题" in f.message


@pytest.mark.parametrize("marker, line, col", [
    ("【忽略开始 PH】", 2, 1), ("【全文忽略 PH002】", 2, 1), ("<!-- 忽略 PH -->", 2, 1), ("[忽略]", 2, 1)])
def test_unused_marker_each_form(marker, line, col):
    r = check_text(TITLE + marker + "\n今年走访群众300户。\n", select=["PH", "SUP"], kind="markdown")
    assert codes(r) == [("SUP001", line, col)]


def test_unused_marker_severity_override_and_fail():
    r = check_text(TITLE + "正文。【忽略 PH001】\n", select=["PH", "SUP"], severity={"SUP": "warning"})
    assert [(f.code, f.severity) for f in r.findings] == [("SUP001", "warning")]


def test_sup001_only_when_selected():
    text = TITLE + "正文。【忽略 PH001】\n"
    assert codes(check_text(text, select=["PH"])) == []
    assert codes(check_text(text, select=["PH"], ignore=["SUP"])) == []
    assert codes(check_text(text, select=["PH"], extend_select=["SUP001"])) == [("SUP001", 2, 4)]
    assert codes(check_text(text)) == [("SUP001", 2, 4)]  # on by default, as info


def test_marker_for_a_rule_that_did_not_run_is_not_reported():
    text = TITLE + "正文。【忽略 PH001】\n"
    assert codes(check_text(text, select=["PH002", "SUP"])) == []
    assert codes(check_text(text, ignore=["PH"])) == []


def test_marker_with_unknown_code_is_reported():
    r = check_text(TITLE + "正文。【忽略 PH999、ZZZ】\n", select=["PH", "SUP"])
    [f] = r.findings
    assert (f.code, f.line, f.column) == ("SUP001", 2, 4)
    assert "PH999" in f.message and "ZZZ" in f.message and "不存在" in f.message


def test_marker_used_by_any_finding_is_not_reported():
    text = TITLE + "【忽略开始 PH001】\n" + X_LINE + "\n【忽略结束】\n" + X_LINE + "【忽略 PH001】\n"
    assert codes(check_text(text, select=["PH", "SUP"])) == []


# ---------------------------------------------------------------- markers are not content

def test_marker_text_itself_is_never_reported(tmp_path):
    """A rule that flags half-width brackets and Latin letters does not flag the marker's own text."""
    rules = tmp_path / "rules" / "ZZ"
    os.makedirs(rules)
    (rules / "ZZ001.yaml").write_text("""code: ZZ001
name: 半角方括号
kind: regex
severity: warning
scope: document
message: "中文里用了半角括号“{match}”"
pattern: '[\\[\\]]'
examples:
  bad: ["见[附件]"]
  good: ["见【附件】"]
""", encoding="utf-8")
    (rules / "ZZ002.yaml").write_text("""code: ZZ002
name: 正文里的字母
kind: regex
severity: info
scope: sentence
message: "正文里有字母“{match}”"
pattern: '[A-Z]{2,}[0-9]*'
examples:
  bad: ["使用ABC系统。"]
  good: ["使用系统。"]
""", encoding="utf-8")
    text = TITLE + "见[附件]。" + X_LINE + "[忽略 PH001]\n使用OA系统。\n"
    r = check_text(text, select=["PH", "ZZ", "SUP"], rules=[str(tmp_path / "rules")])
    assert codes(r) == [("ZZ001", 2, 2), ("ZZ001", 2, 5), ("ZZ002", 3, 3)]


def test_marker_lines_do_not_become_title_heading_or_paragraph():
    text = "【全文忽略 WM】\n关于社区工作的汇报\n一、基本情况【忽略 STR】\n全街道共有社区9个。\n【忽略 PH】\n二、主要做法\n抓党建。\n"
    doc = outline(text)
    assert doc.paragraphs[doc.title].text == "关于社区工作的汇报"
    assert [h.text for h in doc.headings] == ["基本情况", "主要做法"]
    assert len(doc.paragraphs) == 5
    assert doc.text == text  # offsets still point into the original text


def test_mask_and_parse_codes():
    assert mask("无标记的文本") == "无标记的文本"
    text = "甲【忽略 PH001】乙[忽略开始]丙<!-- 忽略结束 -->丁\n"
    masked = mask(text)
    assert len(masked) == len(text) and masked.replace(" ", "") == "甲乙丙丁\n"
    assert mask("不能忽略安全问题【注意】") == "不能忽略安全问题【注意】"
    assert parse_codes(" ph001、ＷＭ，cl;str ") == ("PH001", "WM", "CL", "STR")
    assert parse_codes("all") == ()


def test_marker_does_not_span_lines():
    text = TITLE + X_LINE + "【忽略\nPH001】\n"
    assert ("PH001", 2, 6) in codes(check_text(text, select=["PH"]))


def test_crlf_and_markdown_file(tmp_path):
    body = (TITLE + X_LINE + "<!-- 忽略 PH001 -->\n" + XX_LINE + "\n").replace("\n", "\r\n")
    path = tmp_path / "r.md"
    path.write_bytes(body.encode("utf-8"))
    assert codes(check_file(str(path), select=["PH", "SUP"])) == [("PH002", 3, 4)]
