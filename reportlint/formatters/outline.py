"""Render an outline (rich Tree / JSON) and paragraph tags (rich Table / JSON)."""
from __future__ import annotations

import json

from ..numbering import STYLE_NAMES
from ..vocab import LABEL_ZH, ROLE_NAMES


def _para_count(doc, hi: int) -> int:
    """Content paragraphs directly under heading ``hi`` (its run-in body included)."""
    n = 0
    for p in doc.paragraphs:
        if p.section == hi and not p.is_heading_only:
            n += 1
    return n


def outline_dict(doc) -> dict:
    def node(i):
        h = doc.headings[i]
        line, col = doc.position(h.start)
        return {"level": h.level, "style": h.style, "numbering": h.token.token if h.token else None,
                "text": h.text, "runin": h.runin, "role": h.role, "line": line, "column": col,
                "paragraphs": _para_count(doc, i), "children": [node(c) for c in h.children]}

    title = doc.paragraphs[doc.title].text if doc.title is not None else None
    subtitle = doc.paragraphs[doc.subtitle].text if doc.subtitle is not None else None
    return {"path": doc.path, "title": title, "subtitle": subtitle, "profile": doc.profile,
            "profile_confidence": doc.profile_confidence, "year": doc.year,
            "paragraphs": len(doc.content_paragraphs),
            "headings": [node(i) for i, h in enumerate(doc.headings) if h.parent is None]}


def tree(doc, stream, color: bool | None = None) -> None:
    from . import console
    from rich.text import Text
    from rich.tree import Tree

    title = doc.paragraphs[doc.title].text if doc.title is not None else "（无标题）"
    root = Tree(Text(title, style="bold"))
    if doc.subtitle is not None:
        root.add(Text("副标题：" + doc.paragraphs[doc.subtitle].text, style="dim"))

    def add(parent, i):
        h = doc.headings[i]
        line, _ = doc.position(h.start)
        label = Text()
        if h.token:
            label.append(h.token.token, style="bold")
        label.append(h.text or "")
        if h.role:
            label.append(f"  〔{ROLE_NAMES.get(h.role, h.role)}〕", style="green")
        label.append(f"  第{line}行 · {_para_count(doc, i)}段", style="dim")
        if h.runin:
            label.append(" · 段首标题", style="dim")
        if h.style in ("md", "word", "bold", "plain", "appendix"):
            label.append(f" · {STYLE_NAMES[h.style]}", style="dim")
        node = parent.add(label)
        for c in h.children:
            add(node, c)

    for i, h in enumerate(doc.headings):
        if h.parent is None:
            add(root, i)
    con = console(stream, color, highlight=False, soft_wrap=False)
    con.print(root)
    conf = f"{doc.profile_confidence:.0%}"
    con.print(Text(f"报告类型：{doc.profile or '未能判断'}（置信度 {conf}）；"
                   f"年份：{doc.year or '未识别'}；正文段落 {len(doc.content_paragraphs)} 段", style="dim"))
    if not doc.headings:
        con.print(Text("未识别到任何小标题。", style="yellow"))




def tags_dict(doc) -> dict:
    return {"path": doc.path, "profile": doc.profile, "profile_confidence": doc.profile_confidence,
            "profile_guess": doc.profile_guess, "paragraphs": [
        {"line": p.line, "label": p.label, "label_zh": LABEL_ZH.get(p.label, p.label),
         "confidence": round(p.confidence, 3), "content_label": p.content_label,
         "content_confidence": round(p.content_confidence, 3), "section_role": doc.role_of(p), "text": p.text}
        for p in doc.paragraphs if p.label]}


def tags_table(doc, stream, color: bool | None = None) -> None:
    from . import console
    from rich.table import Table

    t = Table(title=f"{doc.path} 段落标注")
    for c in ("行", "标签", "置信度", "所在章节", "段落开头"):
        t.add_column(c, overflow="fold")
    for p in doc.paragraphs:
        if not p.label:
            continue
        role = doc.role_of(p)
        t.add_row(str(p.line), f"{LABEL_ZH[p.label]} {p.label}", f"{p.confidence:.2f}",
                  ROLE_NAMES.get(role, role or "—"), p.text[:36] + ("…" if len(p.text) > 36 else ""))
    console(stream, color, highlight=False).print(t)


def _json(d: dict, stream) -> None:
    json.dump(d, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def render_outline(doc, stream, fmt: str = "text", color: bool | None = None) -> None:
    """``reportlint outline``: the heading tree (text) or its JSON."""
    if fmt == "json":
        _json(outline_dict(doc), stream)
    else:
        tree(doc, stream, color)


def render_tags(doc, stream, fmt: str = "text", color: bool | None = None) -> None:
    """``reportlint tag``: the labelled paragraphs as a table (text) or JSON."""
    if fmt == "json":
        _json(tags_dict(doc), stream)
    else:
        tags_table(doc, stream, color)
