"""Rich terminal output: grouped by file, the source line with a caret under the span.

The caret is placed by display cells (a Han character is two cells wide), so it
lines up under CJK text.
"""
from __future__ import annotations

from ..finding import SEVERITY_ZH

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_TABS = 4


def _cells(s: str) -> int:
    from rich.cells import cell_len

    return cell_len(s)


def render(reports, stream, docs=None, color: bool | None = None, **_):
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    console = Console(file=stream, force_terminal=color, no_color=color is False, highlight=False,
                      soft_wrap=True, emoji=False)
    total = {"error": 0, "warning": 0, "info": 0}
    nfiles = nerr = 0
    for r in reports:
        nfiles += 1
        if r.error:
            nerr += 1
            console.print(Text.assemble((r.path, "bold"), "：", (r.error, "bold red")))
            continue
        if not r.findings:
            continue
        header = Text(r.path, style="bold underline")
        if r.profile:
            header.append(f"  （报告类型：{r.profile}，置信度 {r.profile_confidence:.0%}；编码 {r.encoding}）",
                          style="dim")
        console.print(header)
        for f in r.findings:
            total[f.severity] += 1
            loc = f.location or f"{f.line}:{f.column}"
            console.print(Text.assemble(
                ("  " + loc.ljust(7), "dim"), " ", (f"{f.code}", _STYLE[f.severity]), " ",
                (SEVERITY_ZH[f.severity], _STYLE[f.severity]), " ", f.message))
            line = r.line_text(f.line) if hasattr(r, "line_text") else None
            if line is not None:
                shown = line.replace("\t", " " * _TABS)
                prefix = line[: f.column - 1].replace("\t", " " * _TABS)
                width = f.end_column - f.column if f.end_line == f.line else len(line) - f.column + 1
                span = line[f.column - 1: f.column - 1 + max(width, 1)].replace("\t", " " * _TABS)
                console.print(Text("      │ ", style="dim") + Text(shown))
                console.print(Text("      │ ", style="dim") +
                              Text(" " * _cells(prefix) + "^" * max(1, _cells(span)), style=_STYLE[f.severity]))
            if f.suggestion and f.suggestion not in f.message:
                console.print(Text(f"      建议：{f.suggestion}", style="green"))
        console.print()
    n = sum(total.values())
    failed = f"其中 {nerr} 个无法检查（原因见上）" if nerr else ""
    if n:
        console.print(escape(f"共 {nfiles} 个文件，发现 {n} 个问题：错误 {total['error']}，警告 {total['warning']}，"
                             f"提示 {total['info']}" + (f"；{failed}。" if failed else "。")))
    elif nerr:
        console.print(f"共 {nfiles} 个文件，{failed}。", style="bold red")
    else:
        console.print(f"共 {nfiles} 个文件，未发现问题。", style="green")
