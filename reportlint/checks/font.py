"""Kind ``font``: a heading's font differs from what GB/T 9704-2012 expects for its level.

Only Word files carry fonts: the reader records the east-Asian font of a heading paragraph's first
run (else its style, the document defaults or the theme). Plain text never fires.

Options:
  ``fonts`` (required): level → accepted font names, matched as case-insensitive substrings,
  e.g. ``{1: [黑体, SimHei], 2: [楷体, KaiTi]}``. The first name is the one suggested.

Example (in a .docx, a level-1 heading “一、基本情况” set in 宋体 fires; in 黑体 it passes)::

    kind: font
    fonts: {1: [黑体, SimHei], 2: [楷体, KaiTi]}
"""
from __future__ import annotations

from ..errors import RuleFileError
from ..finding import Hit
from ._spec import Opt

SUMMARY = "Word 文件中标题字体不合 GB/T 9704-2012（一级黑体、二级楷体）"
OPTIONS = {
    "fonts": Opt(dict, True, doc="{标题级别: [可接受的字体, …]}，第一个是建议的字体"),
}
DEFAULT_SCOPE = "document"
_RUNIN = ("ordinal", "yishi")
_LEVEL_ZH = dict(enumerate("一二三四五六七八九", 1))


def compile(rule):
    out = {}
    for k, v in rule.options["fonts"].items():
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise RuleFileError("级别应为正整数（1 表示一级标题）。", rule.path, f"fonts.{k}")
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            raise RuleFileError("应为字体名称的列表，如 [黑体, SimHei]。", rule.path, f"fonts.{k}")
        out[k] = [x.strip().lower() for x in v], v[0]
    return out


def run(rule, ctx, units):
    doc = ctx.doc
    fonts = getattr(doc, "fonts", None)
    if not fonts:
        return
    for h in doc.headings:
        if h.style in _RUNIN or h.level not in rule.compiled:
            continue
        font = fonts.get(doc.paragraphs[h.para].line)
        if not font:
            continue
        accepted, shown = rule.compiled[h.level]
        if not any(a in font.lower() for a in accepted):
            yield Hit(h.start, h.end, {"font": font, "level": _LEVEL_ZH.get(h.level, str(h.level)), "expected": shown,
                                       "heading": h.text, "suggestion": shown})
