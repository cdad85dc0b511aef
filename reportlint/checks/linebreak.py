"""Kind ``linebreak``: a paragraph broken in the middle of a sentence.

Text pasted from a PDF or a narrow web column often keeps the source's line ends: a sentence
stops at the end of a line without any end punctuation and goes on at the start of the next one
(“……由双方联合” / “核查处置，……”). This kind reports such a line when

- it is body prose: not the title or subtitle, not a table cell or a docx part, not a heading
  (a run-in heading whose body runs on, “（四）抓落实。推行……，”, counts as prose), and it
  holds a clause mark (，、；。) — a line without any is a name, an address or a 落款;
- it ends with neither end punctuation (``end``) nor a closing bracket or quotation mark, and
  its last character is a CJK character or a comma;
- the very next line (no blank line between) continues the sentence: it starts with a CJK
  character, is no heading, starts with no numbering or enumeration token (一是 第一，) and
  matches none of ``skip_next`` (a date, an addressee line ending with a colon, a byline);
- it matches no ``skip`` (a web-residue line: 公众号, 范文, 免费下载 …).

A fix cannot know how the two lines join, so there is none. Holes: ``{tail}`` (the last
characters of the broken line), ``{head}`` (the first ones of the next line). The finding spans the
broken line's prose (after a run-in heading), so a rule that defers to the web-residue rules
drops it on a residue line.

Example (fires on the first line)::

    kind: linebreak
"""
from __future__ import annotations

import re

from ..finding import Hit
from ._spec import Opt
from ._util import optional_regex

SUMMARY = "句子中间断行：行末没有句末标点，下一行接着这句话往下写"
OPTIONS = {
    "end": Opt(str, default="。！？；：…”’』」）)】!?;:.", doc="算作句末（或括号、引号收尾）的字符"),
    "skip": Opt(str, doc="断行的这一行符合这个正则时不报告（如网页广告行）"),
    "skip_next": Opt(str, doc="下一行符合这个正则时不报告（如日期、称呼行）"),
    "tail_chars": Opt(int, default=8, doc="提示中引用断行行末几个字"),
}
DEFAULT_SCOPE = "document"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CLAUSE = re.compile(r"[，,、；;。]")
_GAP = re.compile(r"\u3000|\s{2,}")  # a byline: name parts set apart by wide spaces
_ENUM = re.compile(r"(?:[一二三四五六七八九十百]+[、．.是]|第[一二三四五六七八九十百]+[，,、条章节部分是]"
                   r"|[0-9０-９]+[、．.]|[（(][一二三四五六七八九十0-9０-９]+[）)]|其[一二三四五六七八九十])")
_DATE = re.compile(r"(?:[0-9０-９]{4}|二[〇○零Ｏ][一二三四五六七八九〇○零Ｏ]{2})\s*年[^，。]{0,8}$")


def compile(rule):
    return (frozenset(rule.options.get("end") or OPTIONS["end"].default),
            optional_regex(rule, "skip"), optional_regex(rule, "skip_next"))


def run(rule, ctx, units):
    doc = ctx.doc
    end, skip_line, skip = rule.compiled
    tail_chars = rule.options.get("tail_chars", 8)
    paras = doc.paragraphs
    for a, b in zip(paras, paras[1:]):
        if not _prose(doc, a, end) or not _continues(doc, b, a, skip):
            continue
        if skip_line is not None and skip_line.search(a.text):
            continue
        cut = max(a.start, a.end - tail_chars)
        start = a.body_start if a.heading is not None and a.body_start is not None else a.start
        yield Hit(start, a.end, {"tail": doc.text[cut:a.end], "head": b.text[:tail_chars]})


def _prose(doc, p, end) -> bool:
    """A body line that stops mid-sentence."""
    if p.table or p.part or p.index in (doc.title, doc.subtitle):
        return False
    text = p.text
    if p.heading is not None:
        if not doc.headings[p.heading].runin or p.body_start is None:
            return False
        text = doc.text[p.body_start:p.end]
    last = text[-1:]
    if not last or last in end or not (_CJK.match(last) or last in "，,、"):
        return False
    return bool(_CLAUSE.search(text)) and not _GAP.search(text)


def _continues(doc, b, a, skip) -> bool:
    """The next line goes on with the same sentence."""
    if b.line != a.line + 1 or b.table or b.part or b.heading is not None or b.index == doc.title:
        return False
    text = b.text
    if not _CJK.match(text[0]) or _ENUM.match(text) or _DATE.match(text):
        return False
    if text.endswith(("：", ":")) and len(text) <= 30:  # an addressee line (各位领导、同志们：)
        return False
    return skip is None or not skip.search(text)
