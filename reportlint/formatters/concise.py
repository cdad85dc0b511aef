"""``path:line:col: CODE 级别 message`` — one finding per line (flake8 style), the severity in
Chinese (错误/警告/提示) like every human-readable output; an unreadable file is ``path:0:0: E000 错误 …``."""
from __future__ import annotations

from ..vocab import SEVERITY_ZH


def where(f) -> str:
    return f"{f.path}:{f.line}:{f.column}" + (f"({f.location})" if f.location else "")


def render(reports, stream, **_):
    for r in reports:
        if r.error:
            stream.write(f"{r.path}:0:0: E000 {SEVERITY_ZH['error']} {r.error}\n")
            continue
        for f in r.findings:
            stream.write(f"{where(f)}: {f.code} {SEVERITY_ZH[f.severity]} {f.message}\n")
