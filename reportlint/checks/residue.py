"""Kind ``residue``: a block of template-site lines; every line of it is reported.

Pages copied from a template site carry a block of short lines around the title or the end:
the site's name, a slogan, “自建平台”, “举报倒卖……赠送会员”, page marks. The lines that name
the site or advertise (``cues``) are each caught by their own rules; a slogan or brand line
sandwiched between two of them has no tell-tale word, yet belongs to the same block. This kind
finds the block — a run of short paragraphs (at most ``max_chars`` characters) that begins and
ends with a cue line and holds at least ``min_cues`` of them — and reports every line in it,
except the report's own title and lines matching ``keep`` (a title line the outline missed) (unless it is a cue line the outline took for the title) and the lines matching ``leave`` (those the specific rules
already report, so one line gets one finding). A numbered heading (一、 （二） 3.) ends a run: short headings that happen to
name a 公众号 are the report's own outline; so does a line that ends a sentence (。！？) and names no cue: that is body
text, and slogans do not end with a full stop. Holes: ``{match}`` (the line), ``{first}`` and ``{last}`` (the block's
first and last line numbers).

Example (fires on every line of the block but the title)::

    kind: residue
    cues: '公众号|会员|自建平台|范文'
"""
from __future__ import annotations

from ..finding import Hit
from ..safe_regex import compile_user_regex
from ._spec import Opt
from ._util import optional_regex

SUMMARY = "模板网站留下的一整块广告行（夹在广告行之间的口号、品牌行）"
OPTIONS = {
    "cues": Opt(str, True, doc="广告行的标志（正则），如 公众号|会员|自建平台"),
    "max_chars": Opt(int, default=40, doc="块中每行最多几个字"),
    "min_cues": Opt(int, default=2, doc="块中至少几行是广告行"),
    "keep": Opt(str, doc="符合这个正则的行不算残留（如以“总结”“报告”结尾的标题行；大纲可能把广告行当成了标题）"),
    "leave": Opt(str, doc="符合这个正则的行留给其他规则报告（如页码、QQ 号），本规则不再重复"),
}
DEFAULT_SCOPE = "document"


def compile(rule):
    return (compile_user_regex(rule.options["cues"], rule.path, "cues"),
            optional_regex(rule, "leave"), optional_regex(rule, "keep"))


def run(rule, ctx, units):
    doc = ctx.doc
    cues, leave, keep = rule.compiled
    max_chars = rule.options.get("max_chars", 40)
    need = max(2, rule.options.get("min_cues", 2))
    paras = doc.paragraphs
    k = 0
    while k < len(paras):
        if not cues.search(paras[k].text):
            k += 1
            continue
        # grow a run of short lines from this cue line; the block ends at its last cue line
        last, count, j = k, 1, k + 1
        while (j < len(paras) and len(paras[j].text) <= max_chars and paras[j].line - paras[j - 1].line <= 2
               and not _numbered(doc, paras[j]) and not _sentence(cues, paras[j].text)):
            if cues.search(paras[j].text):
                last, count = j, count + 1
            j += 1
        if count >= need and last > k:
            first_line, last_line = paras[k].line, paras[last].line
            for p in paras[k:last + 1]:
                if (p.index == doc.title and not cues.search(p.text)) or (leave is not None and leave.search(p.text)):
                    # the report's own title (an outline may take a brand line for it: that one goes)
                    continue
                if keep is not None and keep.search(p.text) and not cues.search(p.text):
                    continue
                yield Hit(p.start, p.end, {"match": p.text, "first": first_line, "last": last_line})
        k = last + 1


def _numbered(doc, p) -> bool:
    return p.heading is not None and doc.headings[p.heading].token is not None


def _sentence(cues, text: str) -> bool:
    return text.rstrip().endswith(("。", "！", "？", "；")) and not cues.search(text)
