"""The default ``batch`` output: one row per file (status, profile, counts, top codes) and totals."""
from __future__ import annotations

from collections import Counter

from ..vocab import SEVERITY_ZH, STATUS_ZH

RICH_MAX_ROWS = 500  # above this, a plain aligned table (rich's layout is slow on thousands of rows)
_STYLE = {"unreadable": "bold magenta", "error": "bold red", "warning": "yellow", "ok": "green"}
_STATUS = {k: (STATUS_ZH[k], style) for k, style in _STYLE.items()}


def row_of(r) -> dict:
    """The light per-file summary the table (and the HTML page) show."""
    from ..batch import status_of

    sev = Counter(f.severity for f in r.findings)
    codes = Counter(f.code for f in r.findings)
    top = "、".join(f"{c}×{n}" if n > 1 else c for c, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
    return {"path": r.path, "status": status_of(r), "profile": r.profile or "", "error": r.error or "",
            "errors": sev["error"], "warnings": sev["warning"], "infos": sev["info"],
            "placeholders": sum(1 for f in r.findings if f.code.startswith("PH")), "top": top}


def render_table(reports, out, tally, console_width=None, **_) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = [row_of(r) for r in reports]  # light rows only: no text, no findings kept
    con = Console(file=out, highlight=False, width=console_width, soft_wrap=False, emoji=False)
    if len(rows) > RICH_MAX_ROWS:
        _plain_table(rows, out)
        _totals(con, tally)
        return
    table = Table(title="批量检查结果", show_lines=False, header_style="bold")
    table.add_column("文件", overflow="fold", ratio=3)
    table.add_column("状态", no_wrap=True)
    table.add_column("报告类型", no_wrap=True)
    table.add_column("错误", justify="right")
    table.add_column("警告", justify="right")
    table.add_column("占位符", justify="right")
    table.add_column("主要问题", overflow="fold", ratio=2)
    for row in rows:
        name, style = _STATUS[row["status"]]
        table.add_row(Text(row["path"]), Text(name, style=style), Text(row["profile"] or "—"), str(row["errors"]),
                      str(row["warnings"]), str(row["placeholders"]),
                      Text(row["error"], style="magenta") if row["error"] else Text(row["top"]))
    con.print(table)
    _totals(con, tally)


def _totals(con, tally) -> None:
    s, v = tally.status, tally.severity
    con.print(f"共 {tally.files} 个文件：通过 {s['ok']}，有警告 {s['warning']}，有错误 {s['error']}，"
              f"无法读取 {s['unreadable']}；问题共 {sum(v.values())} 个（错误 {v['error']}，"
              f"警告 {v['warning']}，提示 {v['info']}）。")


def _plain_table(rows, out) -> None:
    from rich.cells import cell_len

    head = ["文件", "状态", "报告类型", "错误", "警告", "占位符", "主要问题"]
    cells = [[r["path"], _STATUS[r["status"]][0], r["profile"] or "—", str(r["errors"]), str(r["warnings"]),
              str(r["placeholders"]), r["error"] or r["top"]] for r in rows]
    widths = [max(cell_len(c[i]) for c in cells + [head]) for i in range(6)]
    widths[0] = min(widths[0], 60)

    def line(c):
        parts = []
        for i, w in enumerate(widths):
            pad = " " * max(0, w - cell_len(c[i]))
            parts.append(pad + c[i] if 3 <= i <= 5 else c[i] + pad)
        return "  ".join(parts) + "  " + c[6] + "\n"

    out.write(line(head))
    out.write("  ".join("-" * w for w in widths) + "  " + "-" * 8 + "\n")
    for c in cells:
        out.write(line(c))


def render_statistics(tally, out, **_) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="按规则统计", header_style="bold")
    for col, just in (("代码", "left"), ("次数", "right"), ("级别", "left"), ("规则", "left")):
        table.add_column(col, justify=just)
    for code, (n, name, sev) in sorted(tally.codes.items(), key=lambda kv: (-kv[1][0], kv[0])):
        table.add_row(Text(code), str(n), SEVERITY_ZH.get(sev, sev), Text(name))
    if not tally.codes:
        table.add_row("—", "0", "", "未发现问题")
    Console(file=out, highlight=False, soft_wrap=False, emoji=False).print(table)
