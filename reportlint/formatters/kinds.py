"""The table of check kinds in rules/README.md, generated from the kinds' own descriptions
(``SUMMARY`` and ``OPTIONS`` in each module of :mod:`reportlint.checks`).

``python -m reportlint.formatters.kinds rules/README.md`` rewrites the table between the
``<!-- kinds:start -->`` and ``<!-- kinds:end -->`` markers; a test fails when it is stale.
"""
from __future__ import annotations

import sys

START, END = "<!-- kinds:start -->", "<!-- kinds:end -->"
_TYPE_ZH = {str: "文本", list: "列表", dict: "表", int: "整数", bool: "是/否", float: "数字"}


def _type(t) -> str:
    return "数字" if isinstance(t, tuple) else _TYPE_ZH.get(t, getattr(t, "__name__", str(t)))


def _opt(name, opt) -> str:
    default = "" if opt.default in (None, "") else f"，默认 `{str(opt.default).lower() if isinstance(opt.default, bool) else opt.default}`"
    return f"`{name}`（{_type(opt.type)}{default}）：{opt.doc}"


def table(kinds=None) -> str:
    """The Markdown table: one row per kind, in registry order."""
    if kinds is None:
        from ..checks import KINDS as kinds
    rows = ["| kind | 做什么 | 必填项 | 可选项 |", "|---|---|---|---|"]
    for name, mod in kinds.items():
        req = "<br>".join(_opt(k, o) for k, o in mod.OPTIONS.items() if o.required) or "—"
        opt = "<br>".join(_opt(k, o) for k, o in mod.OPTIONS.items() if not o.required) or "—"
        rows.append(f"| `{name}` | {mod.SUMMARY} | {req} | {opt} |")
    return "\n".join(rows) + "\n"


def replace_table(text: str, kinds=None) -> str:
    """``text`` with the table between the markers regenerated."""
    a, b = text.index(START) + len(START), text.index(END)
    return text[:a] + "\n" + table(kinds) + text[b:]


def render(kinds, stream, **_) -> None:
    stream.write(table(kinds))


if __name__ == "__main__":  # pragma: no cover - the maintainer's regeneration command
    path = sys.argv[1]
    with open(path, encoding="utf-8") as fh:
        old = fh.read()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(replace_table(old))
