"""``batch --format xlsx``: a 文件 sheet with every file and a 问题 sheet with every finding, read back
with openpyxl cell by cell; ``batch --annotate DIR``."""
from __future__ import annotations

import io
import os

import docx
import openpyxl
import pytest

from reportlint import formatters
from reportlint.cli import main


@pytest.fixture
def inbox(tmp_path):
    d = tmp_path / "收件箱"
    (d / "二组").mkdir(parents=True)
    (d / "通过.txt").write_text("关于2026年工作的总结\n一、基本情况\n全年完成走访120户。\n", encoding="utf-8")
    (d / "二组" / "占位.txt").write_text(
        "关于2026年工作的总结\n一、基本情况\n共走访××户,发放资料XX份。\n=SUM(A1)走访××户。\n", encoding="utf-8")
    (d / "旧.pdf").write_bytes(b"not a pdf at all")
    return d


def test_batch_xlsx_cells(inbox, tmp_path, capsys):
    out = tmp_path / "结果.xlsx"
    code = main(["batch", str(inbox), "--format", "xlsx", "-o", str(out), "--select", "PH,PU001", "--isolated",
                 "--no-cache", "-j", "1", "-q"])
    capsys.readouterr()
    assert code == 2  # the unreadable file
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["文件", "问题"]
    files, problems = wb["文件"], wb["问题"]
    rows = [[c.value for c in row] for row in files.iter_rows()]
    assert rows[0] == ["文件", "状态", "文件类型", "报告类型", "错误", "警告", "提示", "占位符",
                       "主要错误", "主要警告", "主要提示", "无法读取的原因"]
    by_name = {os.path.basename(r[0]): r for r in rows[1:]}
    assert sorted(by_name) == ["占位.txt", "旧.pdf", "通过.txt"]
    assert by_name["通过.txt"][1:8] == ["通过", "txt", "工作总结", 0, 0, 0, 0]
    assert by_name["占位.txt"][1:11] == [
        "有错误", "txt", "工作总结", 4, 0, 0, 3,
        "PH001 未填写的×占位符（2）、PH002 用字母X代替的数字或名称、PU001 中文里的半角逗号、句号、分号、冒号",
        None, None]
    assert by_name["旧.pdf"][1] == "无法读取" and "PDF" in by_name["旧.pdf"][11]
    # clickable paths, frozen header, autofilter, CJK widths
    from urllib.parse import quote, unquote

    for r in range(2, 5):
        cell = files.cell(r, 1)
        assert cell.hyperlink.target == "file://" + quote(os.path.abspath(cell.value), safe="/:")
        assert unquote(cell.hyperlink.target[len("file://"):]) == os.path.abspath(cell.value)
    assert files.freeze_panes == "A2" and problems.freeze_panes == "A2"
    assert files.auto_filter.ref == "A1:L4"
    assert files.column_dimensions["B"].width == 10  # 无法读取 = 8 cells + 2
    prow = [[c.value for c in row] for row in problems.iter_rows()]
    assert prow[0] == ["文件", "行", "列", "位置", "代码", "规则", "级别", "问题说明", "原文", "建议", "依据", "自动修正"]
    assert [(os.path.basename(r[0]), r[1], r[2], r[4], r[6], r[8], r[11]) for r in prow[1:]] == [
        ("占位.txt", 3, 4, "PH001", "错误", "××", None),
        ("占位.txt", 3, 7, "PU001", "错误", ",", "可安全修正（--fix）"),
        ("占位.txt", 3, 12, "PH002", "错误", "XX", None),
        ("占位.txt", 4, 11, "PH001", "错误", "××", None),
    ]
    assert problems.auto_filter.ref == "A1:L5"
    # text that looks like a formula stays text
    assert all(c.data_type != "f" for row in problems.iter_rows() for c in row)


def test_xlsx_formula_text_is_never_a_formula():
    from reportlint.finding import Finding
    from reportlint.report import FileReport

    f = Finding("PH001", "error", "=HYPERLINK(\"x\")", "=a.txt", 0, 1, 1, 1, 1, 2, "=1+1", "占位符")
    buf = io.BytesIO()
    formatters.get("xlsx").render([FileReport("=a.txt", [f])], buf)
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    cells = {c.value: c.data_type for row in wb["问题"].iter_rows() for c in row if c.value}
    assert cells["=HYPERLINK(\"x\")"] == "s" and cells["=1+1"] == "s" and cells["=a.txt"] == "s"


def test_xlsx_needs_an_output_file(inbox, capsys):
    code = main(["batch", str(inbox), "--format", "xlsx", "--isolated", "--no-cache", "-q"])
    out, err = capsys.readouterr()
    assert code == 2 and "xlsx 格式是二进制文件，请用 -o 指定输出文件" in out + err


def test_batch_annotate_mirrors_folders(inbox, tmp_path, capsys):
    dest = tmp_path / "批注"
    code = main(["batch", str(inbox), "--annotate", str(dest), "--select", "PH", "--isolated", "--no-cache",
                 "-j", "1"])
    _, err = capsys.readouterr()
    assert code == 2
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*.docx")) == [
        "二组/占位.批注.docx", "通过.批注.docx"]
    assert "已在" in err and "写入 2 个批注文件，1 个文件无法读取" in err
    d = docx.Document(str(dest / "二组" / "占位.批注.docx"))
    assert len(list(d.comments)) == 3
    assert len(list(docx.Document(str(dest / "通过.批注.docx")).comments)) == 0
