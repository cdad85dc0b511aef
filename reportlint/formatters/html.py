"""One self-contained HTML page: totals, a sortable per-file table, each file's findings with
the source line and the span highlighted (``<mark>``). Everything from the reports is escaped;
no CDN, no external file: it opens offline and can be mailed as an attachment.
"""
from __future__ import annotations

import time
from collections import Counter
from html import escape

from ..vocab import SEVERITY_ZH, STATUS_ZH

STATUS_RANK = {"unreadable": 0, "error": 1, "warning": 2, "ok": 3}
CONTEXT = 60  # characters shown on each side of a highlighted span


def highlight(line: str, col: int, end_col: int | None) -> str:
    """The line with characters [col, end_col) (1-based) in ``<mark>``, escaped, clipped around it."""
    s = max(0, col - 1)
    e = len(line) if end_col is None else max(s, min(len(line), end_col - 1))
    a = max(0, s - CONTEXT)
    b = min(len(line), e + CONTEXT)
    pre = ("…" if a else "") + line[a:s]
    post = line[e:b] + ("…" if b < len(line) else "")
    return f"{escape(pre)}<mark>{escape(line[s:e]) or '&#8203;'}</mark>{escape(post)}"


def _finding_html(r, f) -> str:
    where = f.location or f"{f.line}:{f.column}"
    parts = [f'<li class="sev-{f.severity}"><span class="muted">{escape(where)}</span> '
             f"<code>{escape(f.code)}</code> {SEVERITY_ZH[f.severity]} "
             f'<span class="msg">{escape(f.message)}</span>']
    line = r.lines.get(f.line) if hasattr(r, "lines") else None
    if line is not None:
        end = f.end_column if f.end_line == f.line else None
        parts.append(f'<div class="src"><span class="ln">{f.line}</span>{highlight(line, f.column, end)}</div>')
    elif f.excerpt:
        parts.append(f'<div class="src"><mark>{escape(f.excerpt)}</mark></div>')
    note = f"（{f.fix_label}）" if f.fix is not None else ""
    if f.suggestion and f.suggestion not in f.message:
        parts.append(f'<div class="sugg">建议：{escape(f.suggestion)}{escape(note)}</div>')
    elif note:
        parts.append(f'<div class="sugg">修正：{escape(f.fix_label)}</div>')
    parts.append("</li>")
    return "".join(parts)


def problems_cell(findings):
    """The 主要问题 cell: the three most frequent rules with their names, and (hidden, for the filter
    box) the code and name of every rule the file breaks."""
    if not findings:
        return ""
    counts = Counter((f.code, f.rule) for f in findings)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    top = "、".join(f"{c} {name}×{n}" if n > 1 else f"{c} {name}" for (c, name), n in ranked[:3])
    rest = " ".join(f"{c} {name}" for (c, name), _ in ranked[3:])
    hidden = f'<span hidden class="all-rules"> {escape(rest)}</span>' if rest else ""
    return (f"{escape(top)}{hidden}", top)


def render(reports, stream, similar=None, **_):
    from .batch_table import row_of
    from .htmlpage import page, table

    rows, details = [], []
    status, sev = Counter(), Counter()
    for i, r in enumerate(reports):
        row = row_of(r)
        status[row["status"]] += 1
        for f in r.findings:
            sev[f.severity] += 1
        anchor = f"f{i}"
        has_detail = bool(r.error or r.findings)
        name = (f'<a href="#{anchor}">{escape(r.path)}</a>' if has_detail else escape(r.path), r.path)
        st = row["status"]
        rows.append([name, (f'<span class="s-{st}">{STATUS_ZH[st]}</span>', STATUS_RANK[st]),
                     row["profile"] or "—", row["errors"], row["warnings"], row["infos"], row["placeholders"],
                     row["error"] or problems_cell(r.findings)])
        if r.error:
            details.append(f'<section id="{anchor}"><h3>{escape(r.path)}</h3>'
                           f'<p class="s-unreadable">无法读取：{escape(r.error)}</p></section>')
        elif r.findings:
            items = "".join(_finding_html(r, f) for f in r.findings)
            prof = f"报告类型：{escape(r.profile)}；" if r.profile else ""
            details.append(f'<section id="{anchor}"><h3>{escape(r.path)}</h3><p class="muted">{prof}'
                           f"编码 {escape(r.encoding or '—')}；问题 {len(r.findings)} 个</p>"
                           f'<ol class="findings">{items}</ol></section>')
    n = sum(status.values())
    cards = "".join(f'<div class="card"><span class="muted">{escape(k)}</span><b class="{c}">{v}</b></div>' for k, v, c in (
        ("文件", n, ""), ("通过", status["ok"], "s-ok"), ("有警告", status["warning"], "s-warning"),
        ("有错误", status["error"], "s-error"), ("无法读取", status["unreadable"], "s-unreadable"),
        ("错误", sev["error"], "sev-error"), ("警告", sev["warning"], "sev-warning"), ("提示", sev["info"], "sev-info")))
    body = [
        "<h1>reportlint 批量检查报告</h1>",
        f'<p class="muted">生成时间：{time.strftime("%Y-%m-%d %H:%M")}；点击表头可排序。</p>',
        f'<div class="cards">{cards}</div>',
        '<p><input id="filter" type="search" placeholder="筛选：输入文件名、状态或规则代码"></p>',
        table(["文件", "状态", "报告类型", "错误", "警告", "提示", "占位符", "主要问题"], rows,
              cls="sortable", numeric=(3, 4, 5, 6)),
        "<h2>各文件的问题</h2>",
        "".join(details) or '<p class="s-ok">所有文件都没有发现问题。</p>',
    ]
    if similar is not None:  # batch --similar
        from .similar import html_section

        body.append(html_section(similar))
    stream.write(page("reportlint 批量检查报告", "\n".join(body)))
