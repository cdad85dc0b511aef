"""``path:line:col: CODE 级别 message`` — one finding per line (flake8 style), the severity in
Chinese (错误/警告/提示) like every human-readable output, then ``[可修正]`` (a safe fix, applied by
``--fix``) or ``[需确认修正]`` (an unsafe one, ``--unsafe-fixes``); an unreadable file is ``path:0:0: E000 错误 …``."""
from __future__ import annotations

from ..vocab import SEVERITY_ZH


FIX_MARK = {"safe": "可修正", "unsafe": "需确认修正", "none": "不自动修正"}


def where(f) -> str:
    return f"{f.path}:{f.line}:{f.column}" + (f"({f.location})" if f.location else "")


def render(reports, stream, **_):
    for r in reports:
        if r.error:
            stream.write(f"{r.path}:0:0: E000 {SEVERITY_ZH['error']} {r.error}\n")
            continue
        for f in r.findings:
            mark = f" [{FIX_MARK[f.fix.applicability]}]" if f.fix is not None else ""
            stream.write(f"{where(f)}: {f.code} {SEVERITY_ZH[f.severity]} {f.message}{mark}\n")
