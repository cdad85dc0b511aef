"""Excel workbook (``--format xlsx -o 结果.xlsx``) for the people who track submissions in Excel or WPS.

Two sheets:

* ``文件``: every file, passing ones too — path (a clickable link), status, file type, report type,
  counts by severity and placeholders, the main problems of each severity with the rules' names,
  and the reason a file could not be read;
* ``问题``: one row per finding (the columns of the CSV format).

Both have a frozen header row, an autofilter and column widths measured in display cells
(a Chinese character is two). Every cell is written as text or a number, never as a formula:
submissions are untrusted text. The workbook is binary: ``render`` writes bytes to ``stream``
(``BINARY`` tells the commands to open ``-o`` in binary mode).
"""
from __future__ import annotations

import os
import unicodedata
from collections import Counter

from ..vocab import SEVERITY_ZH, STATUS_ZH

BINARY = True
FILE_HEADER = ["文件", "状态", "文件类型", "报告类型", "错误", "警告", "提示", "占位符",
               "主要错误", "主要警告", "主要提示", "无法读取的原因"]
FINDING_HEADER = ["文件", "行", "列", "位置", "代码", "规则", "级别", "问题说明", "原文", "建议", "依据", "自动修正"]
TOP = 3  # rules listed per severity in the 文件 sheet
MAX_WIDTH = 60


def display_width(text) -> int:
    """Cells a text takes in a spreadsheet column (East-Asian wide and full-width characters: 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def main_problems(findings, severity: str) -> str:
    """``PH002 用字母X代替的数字或名称（3）、PU001 …``: the most frequent rules of one severity."""
    counts = Counter((f.code, f.rule) for f in findings if f.severity == severity)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))[:TOP]
    return "、".join(f"{code} {rule}（{n}）" if n > 1 else f"{code} {rule}" for (code, rule), n in top)


def file_row(r) -> list:
    from ..batch import status_of

    sev = Counter(f.severity for f in r.findings)
    ext = os.path.splitext(r.path)[1].lower().lstrip(".") or "无扩展名"
    return [r.path, STATUS_ZH[status_of(r)], ext, r.profile or "", sev["error"], sev["warning"], sev["info"],
            sum(1 for f in r.findings if f.code.startswith("PH")),
            main_problems(r.findings, "error"), main_problems(r.findings, "warning"),
            main_problems(r.findings, "info"), r.error or ""]


def finding_row(f) -> list:
    return [f.path, f.line, f.column, f.location or f"第 {f.line} 行", f.code, f.rule, SEVERITY_ZH[f.severity],
            f.message, f.excerpt, f.suggestion or "", f.reference or "", f.fix_label]


def build(reports):
    """The :class:`openpyxl.Workbook` for an iterable of FileReports."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    files = wb.active
    files.title = "文件"
    problems = wb.create_sheet("问题")
    _put(files, 1, FILE_HEADER)
    _put(problems, 1, FINDING_HEADER)
    fr = pr = 1
    for r in reports:
        fr += 1
        _put(files, fr, file_row(r))
        _link(files.cell(fr, 1), r.path)
        for f in r.findings:
            pr += 1
            _put(problems, pr, finding_row(f))
            _link(problems.cell(pr, 1), f.path)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    for ws in (files, problems):
        for c in ws[1]:
            c.font, c.fill = bold, fill
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        _widths(ws)
    return wb


def render(reports, stream, **_) -> None:
    build(reports).save(stream)


def _put(ws, row: int, values) -> None:
    for col, v in enumerate(values, 1):
        cell = ws.cell(row, col)
        cell.value = v
        if isinstance(v, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with


def _link(cell, path: str) -> None:
    from openpyxl.styles import Font

    try:
        uri = "file://" + _quote(os.path.abspath(path))
    except ValueError:  # pragma: no cover - a path that cannot be a URI stays plain text
        return
    cell.hyperlink = uri
    cell.font = Font(color="0563C1", underline="single")


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace(os.sep, "/"), safe="/:")


def _widths(ws) -> None:
    from openpyxl.utils import get_column_letter

    widest: dict[int, int] = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                widest[c.column] = max(widest.get(c.column, 0), display_width(c.value))
    for col, w in widest.items():
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, w + 2)
