"""Recognise heading numbering tokens at the start of a paragraph.

Styles and their canonical rank under GB/T 9704-2012 7.3.3 (一、 → （一） → 1. → （1）):

=============  ==========  ====
style          example     rank
=============  ==========  ====
``part``       第一部分      0  (第一部分 / 第一章 / 第一篇: above 一、 in long reports)
``cn``         一、         1
``cn_paren``   （一）        2
``arabic``     1.          3
``ar_paren``   （1）        4  (also the half-bracketed 1) and 1）)
``circled``    ①           5
``ordinal``    第一，        6  (run-in enumeration, outside the numbered hierarchy)
``yishi``      一是         6
=============  ==========  ====
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_VAL = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
RANK = {"part": 0, "cn": 1, "cn_paren": 2, "arabic": 3, "ar_paren": 4, "circled": 5, "ordinal": 6, "yishi": 6}
HIERARCHY = ("cn", "cn_paren", "arabic", "ar_paren", "circled")
STYLE_NAMES = {"part": "第一部分", "cn": "一、", "cn_paren": "（一）", "arabic": "1.", "ar_paren": "（1）",
               "circled": "①", "ordinal": "第一，", "yishi": "一是", "md": "Markdown #",
               "word": "Word 标题样式", "bold": "加粗小标题", "plain": "无编号标题",
               "appendix": "附件标题"}
# The separator each style should carry (GB/T 15834-2011 B.3): 一、 / （一） / 1. / （1） / ①
EXPECTED_SEP = {"cn": "、", "cn_paren": "", "arabic": ".", "ar_paren": "", "circled": ""}

_LEAD = r"[ \t\u3000\u00a0\u200b\u200c\u200d\ufeff]*"
_TOKEN = re.compile(
    _LEAD
    + r"(?:"
    r"(?P<part>第(?P<partv>[一二三四五六七八九十]{1,3})(?:部分|章|篇(?!章)))(?P<part_sep>[、.．,，:：]?)"
    r"|(?P<cn_paren>[（(][ \u3000]?(?P<cnp>[一二三四五六七八九十]{1,3})[ \u3000]?[）)])(?P<cnp_sep>[、.．,，:：]?)"
    r"|(?P<ar_paren>[（(][ \u3000]?(?P<arp>[0-9０-９]{1,2})[ \u3000]?[）)])(?P<arp_sep>[、.．,，:：]?)"
    r"|(?P<ar_half>(?P<arh>[0-9０-９]{1,2})[）)])(?![0-9０-９])"
    r"|(?P<circled>[①-⑳])(?P<cir_sep>[、.．,，]?)"
    r"|(?P<ordinal>第(?P<ordv>[一二三四五六七八九十]{1,3})[，,、：:](?!\d))"
    r"|(?P<yishi>(?P<yiv>[一二三四五六七八九十]{1,3})(?:是|要|抓)(?![一二三四五六七八九十]|到底|到位|住))"
    r"|(?P<cn>(?P<cnv>[一二三四五六七八九十]{1,3}))(?P<cn_sep>[、.．,，:：]|\s+(?=\S))"
    r"|(?P<arabic>(?P<arv>[0-9０-９]{1,2}))(?P<ar_sep>[.．、,，:：](?![0-9０-９]))"
    r")"
)
# “一、二级医院”“三、四月份”“二、三产业”: the next numeral continues a run of numerals.
_NUMERAL_RUN = re.compile(r"([一二三四五六七八九十]{1,2})(?:级|类|等|档|星|线|期|批|种|型|号|月|年|季|成|倍|层|楼|产业)")
_MD = re.compile(r"(?P<hashes>#{1,6})[ \t]+")
_BOLD = re.compile(_LEAD + r"\*\*(?P<body>[^*\n]{1,60}?)\*\*")


@dataclass(frozen=True)
class Token:
    style: str
    value: int
    token: str  # the numbering as written, separator included
    sep: str  # the separator found after the number ('' when none)
    fullwidth: bool  # full-width digits, parentheses or dot
    start: int  # offset of the token's first character within the line
    end: int  # offset just past the token (and separator)


def cn_value(s: str) -> int:
    """Value of a small Chinese numeral (一 … 九十九)."""
    if not s:
        return 0
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_VAL.get(head, 1) if head else 1
        return tens * 10 + (_CN_VAL.get(tail, 0) if tail else 0)
    if "百" in s:
        return 100
    val = 0
    for ch in s:
        val = val * 10 + _CN_VAL.get(ch, 0)
    return val


def _ar_value(s: str) -> int:
    return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def parse(line: str) -> Token | None:
    """Parse the numbering at the start of ``line`` (None if there is none)."""
    m = _TOKEN.match(line)
    if not m:
        return None
    g = m.groupdict()
    for style, vkey, skey in (("part", "partv", "part_sep"), ("cn_paren", "cnp", "cnp_sep"), ("ar_paren", "arp", "arp_sep"),
                              ("ar_half", "arh", None),
                              ("circled", None, "cir_sep"), ("ordinal", "ordv", None),
                              ("yishi", "yiv", None), ("cn", "cnv", "cn_sep"),
                              ("arabic", "arv", "ar_sep")):
        if g.get(style) is None:
            continue
        if style == "circled":
            value = CIRCLED.index(g["circled"]) + 1
        elif style in ("arabic", "ar_paren", "ar_half"):
            value = _ar_value(g[vkey])
        else:
            value = cn_value(g[vkey])
        if value <= 0:
            return None
        if style == "cn":
            run = _NUMERAL_RUN.match(line, m.end())
            if run and cn_value(run.group(1)) == value + 1:
                return None  # “一、二级医院”: a run of numerals, not numbering
        sep = (g.get(skey) or "") if skey else ""
        if style == "yishi":
            end = m.end()
            tok = g["yishi"]
        else:
            end = m.end()
            tok = line[m.start(style):end]
        sep_clean = sep.strip()
        if style in ("cn", "arabic") and not sep_clean:
            sep_clean = " "
        full = any(c in tok for c in "（）．０１２３４５６７８９")
        if style == "ar_half":  # “1)”“1）”: a half-bracketed （1）, same level
            style = "ar_paren"
            start = m.start("ar_half")
        else:
            start = m.start(style)
        return Token(style, value, tok.strip(), sep_clean, full, start, end)
    return None


def markdown_level(line: str) -> tuple[int, int] | None:
    """(number of #, offset past the marker) for a Markdown ATX heading."""
    m = _MD.match(line)
    if not m:
        return None
    return len(m.group("hashes")), m.end()


def bold_lead(line: str) -> tuple[int, int] | None:
    """(start, end) of a leading ``**bold**`` run-in heading, markers excluded."""
    m = _BOLD.match(line)
    if not m:
        return None
    return m.start("body"), m.end("body")
