"""The Python API: typed results with offsets, options, never prints, cheap to import."""
import dataclasses
import doctest
import os
import subprocess
import sys

import pytest

import reportlint
from reportlint import api
from reportlint.errors import ConfigError

SAMPLE = os.path.join(os.path.dirname(reportlint.__file__), "data", "sample.txt")
TEXT = "关于社区工作的汇报\n到社区报到×人。\n共走访XX户。\n"
LABELS = {"background", "practice", "outcome", "insight", "problem", "plan", "other"}


@pytest.mark.parametrize("module", ["reportlint", "reportlint.api", "reportlint.suppress"])
def test_doctests(module):
    mod = sys.modules.get(module) or __import__(module, fromlist=["_"])
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_check_text_returns_typed_report_with_offsets():
    r = reportlint.check_text(TEXT, select=["PH"])
    assert isinstance(r, reportlint.FileReport) and r.error is None and r.path == "<文本>"
    assert all(isinstance(f, reportlint.Finding) for f in r.findings)
    assert [(f.code, f.line, f.column, f.start, f.end) for f in r.findings] == [
        ("PH001", 2, 6, 15, 16), ("PH002", 3, 4, 22, 24)]
    for f in r.findings:
        assert TEXT[f.start:f.end] == f.excerpt
        assert f.severity in ("error", "warning", "info") and f.message and f.rule
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.findings[0].code = "X"


def test_check_text_options():
    assert [f.code for f in reportlint.check_text(TEXT, select="PH001").findings] == ["PH001"]
    assert [f.code for f in reportlint.check_text(TEXT, select="PH, WM", ignore=["PH001"]).findings] == ["PH002"]
    r = reportlint.check_text(TEXT, select=["PH"], severity={"PH001": "info"})
    assert [f.severity for f in r.findings] == ["info", "error"]
    assert reportlint.check_text(TEXT, profile="述职报告").profile == "述职报告"
    assert reportlint.check_text("# 标题\n\n共XX户。\n", kind="markdown", select=["PH"]).findings[0].line == 3


@pytest.mark.parametrize("kwargs, needle", [
    ({"severity": {"PH001": "fatal"}}, "severity.PH001"),
    ({"select": ["P H"]}, "select"),
    ({"profile": "年终奖"}, "年终奖"),
    ({"kind": "docx"}, "kind"),
    ({"rules": ["/没有/这个/文件夹"]}, "rules"),
])
def test_check_text_bad_options_raise_config_error(kwargs, needle):
    with pytest.raises(ConfigError) as exc:
        reportlint.check_text(TEXT, **kwargs)
    assert needle in str(exc.value)
    assert isinstance(exc.value, reportlint.ReportlintError)


def test_check_file_and_configuration(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('ignore = ["PH001"]\n[per-file-ignores]\n"r.txt" = ["WM"]\n',
                                              encoding="utf-8")
    codes = lambda r: [f.code for f in r.findings if f.code.startswith("PH")]  # noqa: E731
    assert codes(reportlint.check_file(path)) == ["PH001", "PH002"]  # no config unless asked for
    assert codes(reportlint.check_file(str(path), config=True)) == ["PH002"]
    assert codes(reportlint.check_file(path, config=tmp_path / "reportlint.toml", extend_select=["PH001"])) == [
        "PH001", "PH002"]
    other = tmp_path / "other.toml"
    other.write_text('select = ["PH001"]\n', encoding="utf-8")
    assert codes(reportlint.check_file(path, config=str(other))) == ["PH001"]
    r = reportlint.check_file(path, select=["PH"])
    assert r.path == str(path) and r.encoding == "utf-8" and r.lines[2] == "到社区报到×人。"


def test_check_file_errors_are_reported_not_raised(tmp_path):
    r = reportlint.check_file(tmp_path / "missing.txt")
    assert r.error and r.findings == []
    (tmp_path / "big.txt").write_text(TEXT * 100, encoding="utf-8")
    assert reportlint.check_file(tmp_path / "big.txt", max_size=0.001).error


def test_outline_returns_document():
    doc = reportlint.outline(open(SAMPLE, encoding="utf-8").read())
    assert isinstance(doc, reportlint.Document)
    assert doc.paragraphs[doc.title].text == "××街道2026年上半年工作总结"
    tops = [h.text for h in doc.headings if h.parent is None]
    assert tops[:2] == ["基本情况", "主要做法"] and doc.profile == "工作总结" and doc.year == 2026
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text


def test_tag_returns_tagged_paragraphs():
    text = open(SAMPLE, encoding="utf-8").read()
    tags = reportlint.tag(text)
    assert tags and all(isinstance(t, reportlint.Tagged) for t in tags)
    assert {t.label for t in tags} <= LABELS
    for t in tags:
        assert text[t.start:t.end] == t.text and 0 < t.confidence <= 1
        assert text.count("\n", 0, t.start) + 1 == t.line
    assert tags[0].label == "other"  # the title
    assert {"practice", "problem", "plan"} <= {t.label for t in tags}


def test_api_never_prints(tmp_path, capfd):
    text = open(SAMPLE, encoding="utf-8").read()
    reportlint.check_text(text)
    reportlint.check_file(SAMPLE)
    reportlint.check_file(tmp_path / "missing.docx")
    reportlint.outline(text)
    reportlint.tag(text)
    out = capfd.readouterr()
    assert out.out == "" and out.err == ""


def test_lazy_exports():
    for name in reportlint.__all__:
        assert getattr(reportlint, name) is not None
    assert reportlint.check_text is api.check_text and "check_text" in dir(reportlint)
    with pytest.raises(AttributeError):
        reportlint.no_such_thing  # noqa: B018


def _modules_after(code: str) -> set:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    return set(out.stdout.split())


def test_import_reportlint_is_cheap():
    mods = _modules_after("import reportlint")
    assert not mods & {"rich", "yaml", "jieba", "rjieba", "spacy", "sklearn", "docx", "reportlint.api"}


def test_api_does_not_import_spacy_or_sklearn():
    mods = _modules_after(f"import reportlint\nr = reportlint.check_text(open({SAMPLE!r}, encoding='utf-8').read())\n"
                          f"reportlint.tag('下一步将加强培训。')\nreportlint.outline('一、基本情况')\n"
                          f"reportlint.check_file({SAMPLE!r})\nassert r.findings")
    assert "reportlint.api" in mods
    assert "spacy" not in mods and "sklearn" not in mods and "thinc" not in mods


def test_unknown_profile_names_no_fake_file():
    """The API's arguments are not a file: no “Python API：” path in front of the message."""
    with pytest.raises(ConfigError) as exc:
        reportlint.check_text(TEXT, profile="不存在")
    assert exc.value.path is None
    assert str(exc.value).startswith("没有名为“不存在”的报告类型")
    with pytest.raises(ConfigError) as exc:
        reportlint.check_text(TEXT, year=3)
    assert exc.value.path is None and str(exc.value).startswith("参数“year”")
