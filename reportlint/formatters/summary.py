"""Render the summary (a dict from :class:`reportlint.summary_stats.Aggregate`): rich tables,
Markdown, JSON, or one offline HTML page with inline SVG charts."""
from __future__ import annotations

import json
from html import escape

from ..summary_stats import LABEL_ORDER, LABEL_ZH, ROLE_ZH

TEXT_REPORT_ROWS = 30  # the terminal lists each report only for small sets
NO_DENSITY = "规则集中没有套话密度（density 类）规则，未统计套话密度。"
STAT_COLS = (("count", "数量"), ("mean", "平均"), ("median", "中位数"), ("p10", "P10"), ("p90", "P90"),
             ("min", "最小"), ("max", "最大"))
LENGTH_NAMES = {"report": "全文字数", "section": "一级章节字数", "paragraph": "段落字数"}
LENGTH_UNITS = {"report": "报告数", "section": "章节数", "paragraph": "段落数"}  # what a histogram bar counts


def _v(x) -> str:
    return "—" if x is None else f"{x:g}" if isinstance(x, float) else str(x)


def _pct(x) -> str:
    return f"{x:.0%}" if x is not None else "—"


def tables(res: dict) -> list[tuple[str, str, list[str], list[list[str]], str]]:
    """The summary as (id, title, headers, rows, note) tables shared by text, Markdown and HTML."""
    f = res["files"]
    out = [("overview", "概况", ["项目", "数值"], [["报告文件", str(f["total"])], ["可读", str(f["readable"])],
                                     ["无法读取", str(f["unreadable"])]] +
            [[f"报告类型：{k}", str(v)] for k, v in res["profiles"].items()], "")]
    out.append(("skeletons", "常见结构（一级章节顺序，相邻重复合并）", ["结构", "份数", "占比", "报告类型"],
                [[s["text"], str(s["count"]), _pct(s["share"]),
                  "、".join(f"{k}{v}" for k, v in s["profiles"].items())] for s in res["skeletons"]], ""))
    for i, (prof, p) in enumerate(res["presence"].items()):
        out.append((f"presence-{i}", f"章节出现率：{prof}（{p['reports']} 份）", ["章节", "必备", "出现份数", "出现率"],
                    [[s["name"], "是" if s["required"] else "", str(s["present"]), _pct(s["rate"])]
                     for s in p["sections"]], ""))
    lab = res["labels"]
    out.append(("labels", "段落类型（全部）", ["类型", "段落数", "占比"],
                [[LABEL_ZH[k], str(v["count"]), _pct(v["share"])] for k, v in lab["overall"].items()], ""))
    out.append(("labels-by-role", "段落类型（按章节）", ["章节"] + [LABEL_ZH[k] for k in LABEL_ORDER],
                [[ROLE_ZH.get(role, role)] + [_pct(mix[k]["share"]) if k in mix else "" for k in LABEL_ORDER]
                 for role, mix in lab["by_role"].items()], "每行是该章节下各类段落的占比"))
    out.append(("lengths", "长度分布（字数，不计空白）", ["对象"] + [n for _, n in STAT_COLS],
                [[LENGTH_NAMES[k]] + [_v(d[c]) for c, _ in STAT_COLS] for k, d in res["lengths"].items()],
                "P10/P90 按最近秩计算"))
    dens = res["density"]
    if dens["available"]:
        d = dens["per_thousand"]
        out.append(("density", f"套话密度（每千字处数；规则 {'、'.join(dens['rules'])}）", [n for _, n in STAT_COLS],
                    [[_v(d[c]) for c, _ in STAT_COLS]], ""))
        out.append(("phrases", "最常见的套话", ["套话", "次数"], [[p["phrase"], str(p["count"])] for p in dens["top_phrases"]], ""))
    else:
        out.append(("density", "套话密度", ["说明"], [[NO_DENSITY]], ""))
    r = res["residue"]
    out.append(("residue", "占位符与模板残留", ["项目", "处数", "涉及报告"],
                [["未填写的占位符（PH）", str(r["ph_total"]), str(r["ph_reports"])],
                 ["模板网站残留（WM）", str(r["wm_total"]), str(r["wm_reports"])]], ""))
    out.append(("terms", "高频词（已去除停用词）", ["词语", "次数", "出现于报告数"],
                [[t["term"], str(t["count"]), str(t["reports"])] for t in res["terms"]], ""))
    rules = res["outlier_rules"]
    out.append(("outliers", "异常报告", ["文件", "类别", "原因"],
                [[o["path"], "结构" if o["kind"] == "skeleton" else "篇幅", o["reason"]] for o in res["outliers"]],
                f"判断标准——篇幅：{rules['length']}；结构：{rules['skeleton']}。"))
    if res["errors"]:
        out.append(("errors", "无法读取的文件", ["文件", "原因"], [[e["path"], e["error"]] for e in res["errors"]], ""))
    return out


def report_rows(res: dict) -> tuple[list[str], list[list]]:
    headers = ["文件", "报告类型", "字数", "段落", "结构", "套话/千字", "占位符", "残留"]
    rows = [[r["path"], r["profile"] or "—", r["chars"], r["paragraphs"], r["skeleton_text"],
             "—" if r["density"] is None else r["density"], r["ph"], r["wm"]] for r in res["reports"]]
    return headers, rows


def render(res: dict, out, fmt: str = "text", color: bool | None = None) -> None:
    if fmt == "json":
        json.dump(res, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "markdown":
        out.write(markdown(res))
    elif fmt == "html":
        out.write(html(res))
    else:
        text(res, out, color)


def text(res: dict, out, color: bool | None = None) -> None:
    from . import console
    from rich.table import Table
    from rich.text import Text

    con = console(out, color, highlight=False, soft_wrap=False, emoji=False,
                  width=None if out.isatty() else 140)
    con.print(Text("reportlint 报告集分析", style="bold"))
    for _, title, headers, rows, note in tables(res):
        t = Table(title=Text(title), header_style="bold", title_justify="left")
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows or [["（无）"] + [""] * (len(headers) - 1)]:
            t.add_row(*[Text(c) for c in row])  # report text is never read as rich markup
        con.print(t)
        if note:
            con.print(f"[dim]{escape_markup(note)}[/dim]")
    headers, rows = report_rows(res)
    if len(rows) <= TEXT_REPORT_ROWS:
        t = Table(title="每份报告", header_style="bold", title_justify="left")
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows:
            t.add_row(*[Text(_v(c)) for c in row])
        con.print(t)
    else:
        con.print(f"共 {len(rows)} 份报告；每份报告的结构和数据见 --format json、markdown 或 html。")


def escape_markup(s: str) -> str:
    from rich.markup import escape as esc

    return esc(s)


def _md_cell(s) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def _md_table(headers, rows) -> str:
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md_cell(_v(c)) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(res: dict) -> str:
    parts = ["# reportlint 报告集分析", ""]
    for _, title, headers, rows, note in tables(res):
        parts += [f"## {title}", "", _md_table(headers, rows) if rows else "（无）", ""]
        if note:
            parts += [f"*{note}*", ""]
    headers, rows = report_rows(res)
    parts += ["## 每份报告", "", _md_table(headers, rows), ""]
    return "\n".join(parts)


CHART_ONLY = {"labels", "labels-by-role", "terms"}  # their tables would repeat the chart's numbers
CHART_NOTES = {"labels-by-role": "每行是该章节下各类段落的占比；较窄的部分把鼠标移到上面可看段落数和占比。"}


def html(res: dict) -> str:
    from . import svgchart
    from .htmlpage import page, table

    charts = {
        "skeletons": svgchart.hbar("skeletons", "常见结构（份数）", [(s["text"], s["count"]) for s in res["skeletons"]]),
        "labels": svgchart.hbar("labels", "段落类型（段落数）",
                                [(LABEL_ZH[k], v["count"]) for k, v in res["labels"]["overall"].items()],
                                axis_label="段落数"),
        "labels-by-role": svgchart.stacked(
            "labels-by-role", "各章节的段落类型构成",
            [(ROLE_ZH.get(r, r), {k: v["count"] for k, v in mix.items()})
             for r, mix in res["labels"]["by_role"].items()], LABEL_ORDER, LABEL_ZH),
        "lengths": "".join(
            svgchart.histogram(f"length-{k}", f"{LENGTH_NAMES[k]}分布", d["histogram"], "字数", LENGTH_UNITS[k])
            for k, d in res["lengths"].items()),
        "terms": svgchart.hbar("terms", "高频词（次数）", [(t["term"], t["count"]) for t in res["terms"]],
                               axis_label="次数"),
    }
    dens = res["density"]
    if dens["available"]:
        charts["density"] = svgchart.histogram(
            "density", "套话密度分布", dens["per_thousand"]["histogram"], "每千字套话处数", "报告数")
    charts.pop("skeletons")  # long structures are cut in a bar label: the table says them whole
    headers, rows = report_rows(res)
    body = ["<h1>reportlint 报告集分析</h1>",
            f'<p class="muted">共 {res["files"]["total"]} 个文件，可读 {res["files"]["readable"]} 份。'
            "字数均不计空白；图表为内嵌 SVG，可离线查看。</p>",
            "<h2 id=\"reports\">每份报告</h2><p class=\"muted\">点击表头可排序。</p>",
            '<p><input id="filter" type="search" placeholder="筛选：输入文件名、类型或结构"></p>',
            table(headers, [[c if not isinstance(c, (int, float)) else (str(c), c) for c in row]
                            for row in rows], cls="sortable", numeric=(2, 3, 5, 6, 7))]
    for tid, title, headers, rows, note in tables(res):
        body.append(f'<h2 id="{tid}">{escape(title)}</h2>')
        if tid in charts:  # a chart replaces the table of the same numbers
            body.append(f'<div class="chart">{charts.pop(tid)}</div>')
            if tid in CHART_ONLY:
                if tid in CHART_NOTES:
                    body.append(f'<p class="muted">{escape(CHART_NOTES[tid])}</p>')
                continue
        body.append(table(headers, rows) if rows else "<p>（无）</p>")
        if note:
            body.append(f'<p class="muted">{escape(note)}</p>')
    return page("reportlint 报告集分析", "\n".join(body))
