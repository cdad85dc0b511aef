"""GitHub Actions workflow commands: one annotation per finding.

``::error file=PATH,line=L,col=C,title=CODE::MESSAGE`` (``warning`` for warnings, ``notice``
for info). Values are escaped as the runner expects: in the message ``%`` ``\\r`` ``\\n``
become ``%25`` ``%0D`` ``%0A``; in properties also ``:`` → ``%3A`` and ``,`` → ``%2C``.
A file that cannot be read gives ``::error file=PATH,title=E000::…``.
"""
from __future__ import annotations

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _path(p: str) -> str:
    return p.replace("\\", "/")


def line_for(f) -> str:
    msg = f.message if not f.suggestion or f.suggestion in f.message else f"{f.message}（建议：{f.suggestion}）"
    if f.fix is not None:
        msg += f"；{f.fix_label}"
    return (f"::{LEVEL[f.severity]} file={escape_property(_path(f.path))},line={f.line},col={f.column},"
            f"title={escape_property(f.code)}::{escape_data(msg)}")


def render(reports, stream, **_):
    for r in reports:
        if r.error:
            stream.write(f"::error file={escape_property(_path(r.path))},title=E000::"
                         f"{escape_data(r.error)}\n")
            continue
        for f in r.findings:
            stream.write(line_for(f) + "\n")
