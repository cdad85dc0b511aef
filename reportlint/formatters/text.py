"""Rich terminal output: grouped by file, the source line with a caret under the span.

The caret is placed by display cells (a Han character is two cells wide), so it
lines up under CJK text.

When the output is not a terminal (a pipe, a file, CI logs) rich would print no styles
at all, so the same text is written directly: importing rich's console costs ~30 ms,
a tenth of a ``check`` run. ``tests/test_startup.py`` checks that both paths print the
same bytes.
"""
from __future__ import annotations

import os

from ..finding import SEVERITY_ZH

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_TABS = 4
CONTEXT = 40  # characters shown each side of a finding in a long line
SPAN_MAX = 60  # characters of a long finding shown (and marked) before …
ELLIPSIS = "…"


def window(line: str, col0: int, width: int) -> tuple[str, str, str]:
    """(text before, the finding, text after) as shown under a finding.

    A short line is shown whole. In a long one (a 500-character paragraph) about ``CONTEXT``
    characters each side of the finding are shown, the cut ends marked with …; a finding longer
    than ``SPAN_MAX`` characters is itself cut there. Tabs become four spaces.
    """
    width = max(width, 1)
    start, end = col0, min(len(line), col0 + width)
    if len(line) <= 2 * CONTEXT + SPAN_MAX:
        a, b, c = line[:start], line[start:end], line[end:]
    else:
        cut_span = end - start > SPAN_MAX
        b_end = start + SPAN_MAX if cut_span else end
        lo = max(0, start - CONTEXT)
        hi = len(line) if cut_span else min(len(line), end + CONTEXT)
        a = (ELLIPSIS if lo > 0 else "") + line[lo:start]
        b = line[start:b_end]
        c = ELLIPSIS if cut_span else line[end:hi] + (ELLIPSIS if hi < len(line) else "")
    t = " " * _TABS
    return a.replace("\t", t), b.replace("\t", t), c.replace("\t", t)


def _cells(s: str) -> int:
    from rich.cells import cell_len

    return cell_len(s)


def _pad(loc: str, width: int = 7) -> str:
    """Left-justify a location by display cells (“表格 2行3列” is wider than its length)."""
    return loc + " " * max(0, width - _cells(loc))


def _loc_width(findings) -> int:
    """Column width for the locations of one file's findings (at least 7, as for “12:345”)."""
    return max([7] + [_cells(f.location or f"{f.line}:{f.column}") for f in findings])


def _plain(stream, color) -> bool:
    """True where rich would treat ``stream`` as not a terminal (so it would print no styles)."""
    if color is True:
        return False
    tty = os.environ.get("TTY_COMPATIBLE", "")
    if tty in ("0", "1"):
        return tty == "0"
    if os.environ.get("FORCE_COLOR") is not None:
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


# Control characters rich's Text drops (rich.control.strip_control_codes).
_CONTROL = {7: None, 8: None, 11: None, 12: None, 13: None}


def _lines(reports):
    """The report as lines of (text, style) segments; both renderers print exactly these."""
    total = {"error": 0, "warning": 0, "info": 0}
    fixable = {"safe": 0, "unsafe": 0, "none": 0}
    nfiles = nerr = 0
    for r in reports:
        nfiles += 1
        if r.error:
            nerr += 1
            yield [(r.path, "bold"), ("：", ""), (r.error, "bold red")]
            continue
        if not r.findings:
            continue
        header = [(r.path, "bold underline")]
        if r.profile:
            header.append((f"  （报告类型：{r.profile}，置信度 {r.profile_confidence:.0%}；编码 {r.encoding}）", "dim"))
        yield header
        lw = _loc_width(r.findings)
        for f in r.findings:
            total[f.severity] += 1
            loc = f.location or f"{f.line}:{f.column}"
            style = _STYLE[f.severity]
            yield [("  " + _pad(loc, lw), "dim"), (" ", ""), (f.code, style), (f"（{f.rule}）" if f.rule else "", "dim"),
                   (" ", ""), (SEVERITY_ZH[f.severity], style), (" ", ""), (f.message, "")]
            line = r.line_text(f.line) if hasattr(r, "line_text") else None
            if line is not None:
                width = f.end_column - f.column if f.end_line == f.line else len(line) - f.column + 1
                before, span, after = window(line, f.column - 1, width)
                yield [("      │ ", "dim"), (before, ""), (span, "underline"), (after, "")]
                yield [("      │ ", "dim"), (" " * _cells(before) + "^" * max(1, _cells(span)), style)]
            note = f"（{f.fix_label}）" if f.fix is not None else ""
            if f.suggestion and f.suggestion not in f.message:
                yield [(f"      建议：{f.suggestion}{note}", "green")]
            elif note:
                yield [(f"      修正：{f.fix_label}", "green")]
            if f.fix is not None:
                fixable[f.fix.applicability] += 1
        yield []
    n = sum(total.values())
    failed = f"其中 {nerr} 个无法检查（原因见上）" if nerr else ""
    if n:
        yield [(f"共 {nfiles} 个文件，发现 {n} 个问题：错误 {total['error']}，警告 {total['warning']}，"
                f"提示 {total['info']}" + (f"；{failed}。" if failed else "。"), "")]
    elif nerr:
        yield [(f"共 {nfiles} 个文件，{failed}。", "bold red")]
    else:
        yield [(f"共 {nfiles} 个文件，未发现问题。", "green")]
    if fixable["safe"] or fixable["unsafe"]:
        parts = []
        if fixable["safe"]:
            parts.append(f"{fixable['safe']} 个可用 --fix 安全修正")
        if fixable["unsafe"]:
            parts.append(f"{fixable['unsafe']} 个需确认的修正可加 --unsafe-fixes 一并修正（可能改变原意，请先用 --diff 查看）")
        yield [("其中 " + "；".join(parts) + "。", "dim")]


def render(reports, stream, docs=None, color: bool | None = None, **_):
    if color is False or _plain(stream, color):  # --no-color: the plain text, no escape codes at all
        return render_plain(reports, stream)
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, force_terminal=color, no_color=color is False, highlight=False,
                      soft_wrap=True, emoji=False)
    for segments in _lines(reports):
        console.print(Text.assemble(*segments) if segments else "")


def _out(s: str) -> str:
    """``s`` as rich prints a Text to a non-terminal: control codes dropped, tabs expanded to
    8-cell stops per line (rich.text.Text.expand_tabs), then a newline."""
    s = s.translate(_CONTROL)
    if "\t" in s:
        lines = []
        for line in s.split("\n"):
            pos, parts = 0, line.split("\t")
            for i in range(len(parts) - 1):
                part = parts[i] + " "
                pos += _cells(part)
                if pos % 8:
                    part += " " * (8 - pos % 8)
                    pos += 8 - pos % 8
                parts[i] = part
            lines.append("".join(parts))
        s = "\n".join(lines)
    return s + "\n"


def render_plain(reports, stream) -> None:
    """What :func:`render` prints through rich to a non-terminal, without importing rich.console."""
    w = stream.write
    for segments in _lines(reports):
        w(_out("".join(text for text, _ in segments)) if segments else "\n")
