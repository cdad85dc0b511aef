"""CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF rows, Chinese column headers.

One row per finding, plus one row per file that could not be read (代码 ``E000``, 级别
``无法读取``). Files without findings have no row. A cell that a spreadsheet would run as a
formula (starting with ``= + - @``, tab or CR) gets a leading ``'`` — submissions are
untrusted text; :func:`unguard` undoes it for programs that read the file back.
"""
from __future__ import annotations

import csv

from ..finding import SEVERITY_ZH

BOM = "\ufeff"
HEADER = ["文件", "行", "列", "结束行", "结束列", "代码", "级别", "规则", "问题说明", "原文", "建议",
          "位置", "依据", "自动修正"]
UNREADABLE = "无法读取"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def guard(value) -> str:
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA) else s


def unguard(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


def finding_row(f) -> list:
    return [guard(f.path), f.line, f.column, f.end_line, f.end_column, f.code, SEVERITY_ZH[f.severity],
            guard(f.rule), guard(f.message), guard(f.excerpt), guard(f.suggestion), guard(f.location),
            guard(f.reference), f.fix_label]


def render(reports, stream, **_):
    w = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    stream.write(BOM)
    w.writerow(HEADER)
    for r in reports:
        if r.error:
            w.writerow([guard(r.path), "", "", "", "", "E000", UNREADABLE, "文件无法读取", guard(r.error),
                        "", "", "", "", ""])
            continue
        for f in r.findings:
            w.writerow(finding_row(f))
