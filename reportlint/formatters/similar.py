"""Renderers of ``reportlint similar``: text, json and xlsx (openpyxl, from the ``[similar]`` extra)."""
from __future__ import annotations

import json

KIND = {"paragraph": "段落", "sentence": "句子"}


def _rate(r: float) -> str:
    return f"{r * 100:.1f}%"


def _side(path: str, archive: bool) -> str:
    return f"{path}（往年）" if archive else path


def render_text(data: dict, stream, **_opts) -> None:
    w = stream.write
    files = [f for f in data["files"] if not f["error"]]
    w("雷同率（本文件中与其他报告相同的文字所占比例，套话不计）\n")
    for f in sorted(files, key=lambda f: (-f["rate"], f["path"])):
        partners = "、".join(f["partners"]) if f["partners"] else "—"
        w(f"  {_rate(f['rate']):>6}  {f['path']}  雷同对象：{partners}\n")
    for f in data["files"]:
        if f["error"]:
            w(f"  无法读取  {f['path']}：{f['error']}\n")
    for e in data.get("archive_errors", []):
        w(f"  无法读取（往年）  {e['path']}：{e['error']}\n")
    w("\n")
    if not data["pairs"]:
        w("没有发现雷同的段落或句子。\n")
    for p in data["pairs"]:
        w(f"{_side(p['a'], p['a_archive'])}  ⇄  {_side(p['b'], p['b_archive'])}"
          f"（{len(p['matches'])} 处，相同 {p['overlap']} 字）\n")
        for m in p["matches"]:
            w(f"  [{KIND[m['kind']]}] 第 {m['line_a']} 行 ⇄ 第 {m['line_b']} 行，相似度 {_rate(m['similarity'])}\n")
            w(f"    < {m['text_a']}\n")
            w(f"    > {m['text_b']}\n")
        w("\n")
    if data["boilerplate"]:
        w(f"套话（出现在 {data['boilerplate_df']} 份及以上不同报告中，不计入雷同率）：\n")
        for m in data["boilerplate"]:
            w(f"  [{KIND[m['kind']]}] {m['text_a']}\n")
    n = sum(1 for f in files if f["partners"])
    w(f"共 {len(data['files'])} 份报告，{n} 份与其他报告有雷同，{len(data['pairs'])} 对。\n")


def render_json(data: dict, stream, **_opts) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _cell(v):
    """Text that Excel/WPS would read as a formula is quoted."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
        return "'" + v
    return v


def render_xlsx(data: dict, stream, **_opts) -> None:
    """Three sheets: 雷同率, 雷同段落 (side by side with line numbers), 套话. ``stream`` is binary."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "雷同率"
    ws.append(["文件", "雷同率", "相同字数", "总字数", "雷同对象", "错误"])
    for f in sorted(data["files"], key=lambda f: (-f["rate"], f["path"])):
        ws.append([_cell(f["path"]), f["rate"], f["copied_chars"], f["chars"], _cell("、".join(f["partners"])),
                   _cell(f["error"] or "")])
        ws.cell(ws.max_row, 2).number_format = "0.0%"
    ws2 = wb.create_sheet("雷同段落")
    ws2.append(["文件甲", "行", "文件乙", "行", "类型", "相似度", "相同字数", "文件甲原文", "文件乙原文"])
    for p in data["pairs"]:
        for m in p["matches"]:
            ws2.append([_cell(_side(p["a"], p["a_archive"])), m["line_a"], _cell(_side(p["b"], p["b_archive"])),
                        m["line_b"], KIND[m["kind"]], m["similarity"], m["overlap"], _cell(m["text_a"]),
                        _cell(m["text_b"])])
    ws3 = wb.create_sheet("套话")
    ws3.append(["类型", "原文", "示例文件", "行"])
    for m in data["boilerplate"]:
        ws3.append([KIND[m["kind"]], _cell(m["text_a"]), _cell(m["a"]), m["line_a"]])
    for sheet in (ws, ws2, ws3):
        for c in sheet[1]:
            c.font = Font(bold=True)
    for col in ("H", "I"):
        ws2.column_dimensions[col].width = 60
        for c in ws2[col][1:]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(stream)


def _marked(a: str, b: str) -> tuple[str, str]:
    """Both texts escaped, with what differs between them in ``<mark>``."""
    from difflib import SequenceMatcher
    from html import escape

    xa, xb = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        sa, sb = escape(a[i1:i2]), escape(b[j1:j2])
        if tag == "equal":
            xa.append(sa)
            xb.append(sb)
        else:
            xa.append(f"<mark>{sa}</mark>" if sa else "")
            xb.append(f"<mark>{sb}</mark>" if sb else "")
    return "".join(xa), "".join(xb)


def html_section(data: dict) -> str:
    """The 查重 section of the batch HTML page: rates, then each pair side by side, differences marked."""
    from html import escape

    from .htmlpage import table

    rows = [[f["path"], (f"{f['rate'] * 100:.1f}%", f["rate"]), f["copied_chars"], f["chars"],
             "、".join(f["partners"]) or "—"]
            for f in sorted(data["files"], key=lambda f: (-f["rate"], f["path"])) if not f["error"]]
    out = ['<h2 id="similar">查重</h2>',
           '<p class="muted">雷同率：本文件中与其他报告相同的文字（去掉标点后计字）所占比例，套话不计；'
           "标出的是两边不同的地方。</p>",
           table(["文件", "雷同率", "相同字数", "总字数", "雷同对象"], rows, cls="sortable", numeric=(1, 2, 3))]
    for p in data["pairs"]:
        out.append(f'<section class="simpair"><h3>{escape(_side(p["a"], p["a_archive"]))} ⇄ '
                   f'{escape(_side(p["b"], p["b_archive"]))}</h3>'
                   f'<p class="muted">{len(p["matches"])} 处，相同 {p["overlap"]} 字</p>')
        out.append('<table class="sidebyside"><thead><tr><th>行</th><th>文件甲</th><th>行</th><th>文件乙</th>'
                   "</tr></thead><tbody>")
        for m in p["matches"]:
            a, b = _marked(m["text_a"], m["text_b"])
            out.append(f'<tr><td class="ln">{m["line_a"]}</td><td>{a}</td>'
                       f'<td class="ln">{m["line_b"]}</td><td>{b}</td></tr>')
        out.append("</tbody></table></section>")
    if not data["pairs"]:
        out.append('<p class="s-ok">没有发现雷同的段落或句子。</p>')
    if data["boilerplate"]:
        items = "".join(f"<li>{escape(m['text_a'])}</li>" for m in data["boilerplate"])
        out.append(f"<h3>套话（不计入雷同率）</h3><ul>{items}</ul>")
    return "\n".join(out)
