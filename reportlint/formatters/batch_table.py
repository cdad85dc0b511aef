"""The default ``batch`` output: one row per file (status, profile, counts by severity, the main
problems with the rules' Chinese names, grouped under 错误/警告/提示) and totals."""
from __future__ import annotations

from collections import Counter

from ..vocab import SEVERITY_RANK, SEVERITY_ZH, STATUS_ZH

RICH_MAX_ROWS = 500  # above this, a plain aligned table (rich's layout is slow on thousands of rows)
TOP = 3  # rules listed in the 主要问题 column
_STYLE = {"unreadable": "bold magenta", "error": "bold red", "warning": "yellow", "ok": "green"}
_STATUS = {k: (STATUS_ZH[k], style) for k, style in _STYLE.items()}
_SEV_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def main_problems(findings, top: int = TOP) -> list[tuple[str, str]]:
    """The 主要问题 cell as (severity, text) parts: the ``top`` rules that weigh most (the gravest
    severity first, then the most frequent), each as ``CODE（规则名）×次数`` as ``check`` writes a
    rule, grouped under the severity's Chinese word: ``错误：PH001（未填写的×占位符）×7、PU001（…）；警告：CLS001（…）``.
    No spaces: a narrow terminal folds the cell anywhere rather than between a code and its name."""
    counts = Counter((f.severity, f.code, f.rule) for f in findings)
    ranked = sorted(counts.items(), key=lambda kv: (-SEVERITY_RANK[kv[0][0]], -kv[1], kv[0][1]))[:top]
    parts: list[tuple[str, str]] = []
    for (sev, code, rule), n in ranked:
        item = f"{code}（{rule}）" + (f"×{n}" if n > 1 else "")
        if parts and parts[-1][0] == sev:
            parts[-1] = (sev, parts[-1][1] + "、" + item)
        else:
            parts.append((sev, ("；" if parts else "") + f"{SEVERITY_ZH[sev]}：{item}"))
    return parts


def row_of(r) -> dict:
    """The light per-file summary the table (and the HTML page) show."""
    from ..batch import status_of

    sev = Counter(f.severity for f in r.findings)
    top = main_problems(r.findings)
    return {"path": r.path, "status": status_of(r), "profile": r.profile or "", "error": r.error or "",
            "errors": sev["error"], "warnings": sev["warning"], "infos": sev["info"],
            "placeholders": sum(1 for f in r.findings if f.code.startswith("PH")),
            "top": "".join(t for _, t in top), "top_parts": top}


def render_table(reports, out, tally, console_width=None, color: bool | None = None, **_) -> None:
    from . import console
    from rich.table import Table
    from rich.text import Text

    rows = [row_of(r) for r in reports]  # light rows only: no text, no findings kept
    con = console(out, color, highlight=False, width=console_width, soft_wrap=False, emoji=False)
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
    table.add_column("提示", justify="right")
    table.add_column("占位符", justify="right")
    table.add_column("主要问题", overflow="fold", ratio=2)
    for row in rows:
        name, style = _STATUS[row["status"]]
        table.add_row(Text(row["path"]), Text(name, style=style), Text(row["profile"] or "—"), str(row["errors"]),
                      str(row["warnings"]), str(row["infos"]), str(row["placeholders"]),
                      Text(row["error"], style="magenta") if row["error"] else
                      Text.assemble(*((t, _SEV_STYLE[sev]) for sev, t in row["top_parts"])))
    con.print(table)
    _totals(con, tally)


def _totals(con, tally) -> None:
    s, v = tally.status, tally.severity
    con.print(f"共 {tally.files} 个文件：通过 {s['ok']}，有警告 {s['warning']}，有错误 {s['error']}，"
              f"无法读取 {s['unreadable']}；问题共 {sum(v.values())} 个（错误 {v['error']}，"
              f"警告 {v['warning']}，提示 {v['info']}）。")


def _plain_table(rows, out) -> None:
    from rich.cells import cell_len

    head = ["文件", "状态", "报告类型", "错误", "警告", "提示", "占位符", "主要问题"]
    cells = [[r["path"], _STATUS[r["status"]][0], r["profile"] or "—", str(r["errors"]), str(r["warnings"]),
              str(r["infos"]), str(r["placeholders"]), r["error"] or r["top"]] for r in rows]
    widths = [max(cell_len(c[i]) for c in cells + [head]) for i in range(7)]
    widths[0] = min(widths[0], 60)

    def line(c):
        parts = []
        for i, w in enumerate(widths):
            pad = " " * max(0, w - cell_len(c[i]))
            parts.append(pad + c[i] if 3 <= i <= 6 else c[i] + pad)
        return "  ".join(parts) + "  " + c[7] + "\n"

    out.write(line(head))
    out.write("  ".join("-" * w for w in widths) + "  " + "-" * 8 + "\n")
    for c in cells:
        out.write(line(c))


def render_statistics(tally, out, color: bool | None = None, **_) -> None:
    from . import console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="按规则统计", header_style="bold")
    for col, just in (("代码", "left"), ("次数", "right"), ("级别", "left"), ("规则", "left")):
        table.add_column(col, justify=just)
    for code, (n, name, sev) in sorted(tally.codes.items(), key=lambda kv: (-kv[1][0], kv[0])):
        table.add_row(Text(code), str(n), SEVERITY_ZH.get(sev, sev), Text(name))
    if not tally.codes:
        table.add_row("—", "0", "", "未发现问题")
    console(out, color, highlight=False, soft_wrap=False, emoji=False).print(table)
