"""Kind ``translate``: a regular expression whose match is corrected character by character.

Options:
  ``pattern`` (required): where to look; look-arounds give the context
  (e.g. a half-width comma only next to Han characters).
  ``map`` (required): characters to replace, ``{from: to}``; ``to`` may be empty (delete).
  The suggestion is the match with every mapped character replaced; with ``fix: safe``
  on the rule it becomes the automatic fix.

Speed: as in ``regex``, a paragraph without one of the strings every match must contain is not
searched.

Example (fires on “２０２６年”, suggests “2026年”)::

    kind: translate
    pattern: '[０-９]+'
    map: {０: '0', １: '1', ２: '2', ３: '3', ４: '4', ５: '5', ６: '6', ７: '7', ８: '8', ９: '9'}
"""
from __future__ import annotations

from ..errors import RuleFileError
from ..finding import Fix, Hit
from ..safe_regex import compile_user_regex
from ._spec import Opt
from ._util import excepted, pattern_filter, units_with

SUMMARY = "查到的文字逐字替换（全角数字→半角、半角标点→全角）"
OPTIONS = {
    "pattern": Opt(str, True, doc="要替换的文字（正则表达式）"),
    "map": Opt(dict, True, doc="{原字符: 新字符}"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    table = {}
    for k, v in rule.options["map"].items():
        k, v = str(k), "" if v is None else str(v)
        if len(k) != 1:
            raise RuleFileError("map 的每个键应是单个字符。", rule.path, f"map.{k}")
        table[ord(k)] = v
    pat = compile_user_regex(rule.options["pattern"], rule.path, "pattern")
    pattern_filter(pat, compiling=True)
    return pat, table


def run(rule, ctx, units):
    pat, table = rule.compiled
    for base, text in units_with(ctx, units, pattern_filter(pat)):
        for m in pat.finditer(text):
            s, e = base + m.start(), base + m.end()
            if s == e or (rule.exceptions and excepted(rule, text, base, s, e)):
                continue
            sugg = m.group(0).translate(table)
            if sugg == m.group(0):
                continue
            fix = Fix(s, e, sugg) if rule.fixable else None
            yield Hit(s, e, {"match": m.group(0), "suggestion": sugg}, fix)
