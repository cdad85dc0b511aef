"""``path:line:col: CODE severity message`` — one finding per line (flake8 style)."""
from __future__ import annotations


def where(f) -> str:
    return f"{f.path}:{f.line}:{f.column}" + (f"({f.location})" if f.location else "")


def render(reports, stream, **_):
    for r in reports:
        if r.error:
            stream.write(f"{r.path}:0:0: E000 error {r.error}\n")
            continue
        for f in r.findings:
            mark = f" [{f.fix.applicability}-fix]" if f.fix is not None else ""
            stream.write(f"{where(f)}: {f.code} {f.severity} {f.message}{mark}\n")
